import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 40_000,
    // Each file starts its own Prism; two at a time suits these 2-core machines.
    maxWorkers: 2,
  },
});

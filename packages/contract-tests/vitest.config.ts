import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Hang guards with room for a loaded machine (Prism alone takes seconds to start).
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Each file starts its own Prism; two at a time suits these 2-core machines.
    maxWorkers: 2,
  },
});

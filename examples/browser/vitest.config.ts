import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 40_000,
    // One browser at a time on these 2-core machines.
    fileParallelism: false,
  },
});

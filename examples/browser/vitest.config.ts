import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Hang guards with room for a loaded machine (Chromium takes seconds to start there).
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // One browser at a time on these 2-core machines.
    fileParallelism: false,
  },
});

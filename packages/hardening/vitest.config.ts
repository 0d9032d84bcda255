import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Hang guards with room for a loaded machine, never a speed budget.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // Subprocesses, a real server and a 15 s load run: two files at a time suits these 2-core machines.
    maxWorkers: 2,
  },
});

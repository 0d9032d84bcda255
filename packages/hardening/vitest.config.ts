import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // Subprocesses, a real server and a 15 s load run: two files at a time suits these 2-core machines.
    maxWorkers: 2,
  },
});

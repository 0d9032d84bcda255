import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Some tests start real servers (Apache, node:http). Hang guards with room for
    // a loaded machine, never a speed budget.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

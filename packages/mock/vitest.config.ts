import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The CLI tests run the built dist/cli.js: turbo's `test` task builds this package first.
    testTimeout: 120_000,
    // Hang guards with room for a loaded machine, never a speed budget.
    hookTimeout: 120_000,
  },
});

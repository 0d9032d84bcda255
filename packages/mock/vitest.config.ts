import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The CLI tests run the built dist/cli.js: turbo's `test` task builds this package first.
    testTimeout: 20_000,
  },
});

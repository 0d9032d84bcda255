import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Hang guards with room for a loaded machine, never a speed budget.
    testTimeout: 180_000,
  },
});

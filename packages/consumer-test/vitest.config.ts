import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // npm installs and a registry on a shared 2-core machine: generous, and never a timing assertion.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});

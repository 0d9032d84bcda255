import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The command-line tests spawn the built binary; each takes a few hundred ms.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

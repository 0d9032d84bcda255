import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The command-line tests spawn the built binary; each takes a few hundred ms
    // alone. The timeouts only catch hangs: they leave room for a loaded machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

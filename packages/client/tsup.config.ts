import { defineConfig } from "tsup";

export default defineConfig({
  // One file per module, not pre-bundled chunks: an app's bundler then sees our module
  // graph and keeps what only failures need (errors.ts, retry-backoff.ts, ...) in chunks
  // loaded on first use. Pre-bundled, esbuild merged those with what every listing
  // runs (docs/decisions/0016).
  entry: ["src/**/*.ts"],
  bundle: false,
  format: ["esm"],
  dts: { entry: ["src/index.ts", "src/digest.ts"] },
  clean: true,
  sourcemap: true,
  target: "es2022",
  platform: "neutral",
});

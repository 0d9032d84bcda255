import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { defineConfig, type Plugin } from "vite";

const require = createRequire(import.meta.url);

/**
 * Serves and emits msw's mockServiceWorker.js straight from the installed msw,
 * so the worker always matches the library version (no copied file to drift).
 */
function mockServiceWorker(): Plugin {
  const read = () => readFileSync(require.resolve("msw/mockServiceWorker.js"), "utf8");
  return {
    name: "atlas-example:mock-service-worker",
    configureServer(server) {
      server.middlewares.use("/mockServiceWorker.js", (_req, res) => {
        res.setHeader("Content-Type", "text/javascript");
        res.end(read());
      });
    },
    configurePreviewServer(server) {
      server.middlewares.use("/mockServiceWorker.js", (_req, res) => {
        res.setHeader("Content-Type", "text/javascript");
        res.end(read());
      });
    },
    generateBundle() {
      this.emitFile({ type: "asset", fileName: "mockServiceWorker.js", source: read() });
    },
  };
}

// ATLAS_PROXY_TARGET (e.g. http://127.0.0.1:8080): where ?api=proxy requests to /api go.
const proxyTarget = process.env.ATLAS_PROXY_TARGET;

export default defineConfig({
  plugins: [mockServiceWorker()],
  server: proxyTarget ? { proxy: { "/api": { target: proxyTarget } } } : {},
  preview: proxyTarget ? { proxy: { "/api": { target: proxyTarget } } } : {},
  build: { target: "es2022" },
});

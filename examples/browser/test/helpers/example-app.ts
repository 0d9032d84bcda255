// Builds the example with Vite into a temporary folder and serves it with
// `vite preview` on a free loopback port, /api proxied to `proxyTarget`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type PreviewServer, preview } from "vite";

const root = fileURLToPath(new URL("../..", import.meta.url));

export interface ExampleApp {
  url: string;
  close(): Promise<void>;
}

export async function serveExample(proxyTarget: string): Promise<ExampleApp> {
  const outDir = mkdtempSync(join(tmpdir(), "atlas-example-"));
  const configFile = join(root, "vite.config.ts");
  await build({ root, configFile, logLevel: "error", build: { outDir, emptyOutDir: true } });
  const server: PreviewServer = await preview({
    root,
    configFile,
    logLevel: "error",
    build: { outDir },
    preview: { host: "127.0.0.1", port: 0, proxy: { "/api": { target: proxyTarget } } },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error("vite preview did not report a URL");
  return {
    url,
    async close() {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

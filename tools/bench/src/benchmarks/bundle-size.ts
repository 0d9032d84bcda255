import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { repoRoot } from "../lib/paths.js";
import { formatBytes, formatRatio } from "../lib/stats.js";
import type { Benchmark, BenchmarkResult } from "../lib/types.js";

const benchDir = join(repoRoot, "tools/bench");
const BUDGET = 8 * 1024;

interface Size {
  /** What the entry needs before it runs: the entry file and every chunk it imports statically. */
  minified: number;
  /** The same files, each gzipped on its own (as a server sends them), summed. */
  gzipped: number;
  /** Minified bytes of those files by source package ("client", "openapi-fetch", ...). */
  byPackage: Record<string, number>;
  /** Chunks loaded only through `import()` (on first use), gzipped each, summed. */
  lazyGzipped: number;
  lazyByPackage: Record<string, number>;
}

const OUT_DIR = "/bench-out";

/**
 * Bundles `contents` (an entry module, resolved from this package) with code
 * splitting, as an app's bundler would, and measures what loads up front apart
 * from what `import()` loads later.
 */
async function bundle(contents: string, platform: "neutral" | "node"): Promise<Size> {
  const result = await build({
    stdin: { contents, resolveDir: benchDir, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform,
    // Neutral has no default main fields; resolve packages the way browser bundlers do.
    mainFields: platform === "neutral" ? ["module", "main"] : undefined,
    splitting: true,
    outdir: OUT_DIR,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((name) => outputs[name]?.entryPoint !== undefined);
  if (!entry) throw new Error(`esbuild wrote no entry for ${contents}`);
  // The entry, and the chunks reachable from it through static imports only.
  const upFront = new Set<string>([entry]);
  for (const name of upFront) {
    for (const { path, kind } of outputs[name]?.imports ?? []) if (kind === "import-statement") upFront.add(path);
  }
  const size: Size = { minified: 0, gzipped: 0, byPackage: {}, lazyGzipped: 0, lazyByPackage: {} };
  for (const file of result.outputFiles) {
    const name = Object.keys(outputs).find((output) => file.path.endsWith(output.replace(/^.*?bench-out/, "")));
    if (!name || name.endsWith(".map")) continue;
    const now = upFront.has(name);
    const gzipped = gzipSync(file.contents, { level: 9 }).length;
    if (now) {
      size.minified += file.contents.length;
      size.gzipped += gzipped;
    } else size.lazyGzipped += gzipped;
    const shares = now ? size.byPackage : size.lazyByPackage;
    for (const [path, { bytesInOutput }] of Object.entries(outputs[name]?.inputs ?? {})) {
      if (bytesInOutput > 0) shares[packageOf(path)] = (shares[packageOf(path)] ?? 0) + bytesInOutput;
    }
  }
  return size;
}

/**
 * 5. The client as a browser app ships it for its first listing with API keys
 * against Atlas (an MD5 challenge): an app importing `createAtlasClient`,
 * bundled with openapi-fetch and the hashes, split as a bundler splits it,
 * minified, each file gzipped at level 9; counted are the entry and every chunk
 * it loads before running (SHA-256, loaded by `import()` only when a server
 * challenges with it, is reported apart). Beside openapi-fetch alone and
 * mongodb-atlas-api-client (Node, its urllib and undici bundled in).
 */
export const bundleSize: Benchmark = {
  id: "bundle-size",
  title: "5. Bundle size",
  async run(): Promise<BenchmarkResult> {
    {
      const ours = await bundle('export { createAtlasClient } from "@atlas-snapshots/client";', "neutral");
      const everything = await bundle('export * from "@atlas-snapshots/client";', "neutral");
      const openapiFetch = await bundle('export { default } from "openapi-fetch";', "neutral");
      const notes: string[] = [];
      let atlasApiClient: Size | undefined;
      try {
        atlasApiClient = await bundle('export { default } from "mongodb-atlas-api-client";', "node");
      } catch (error) {
        notes.push(`mongodb-atlas-api-client could not be bundled: ${(error as Error).message.split("\n")[0]}`);
      }

      const ratios: Record<string, number> = { oursToOpenapiFetch: ours.gzipped / openapiFetch.gzipped };
      if (atlasApiClient) ratios.oursToAtlasApiClient = ours.gzipped / atlasApiClient.gzipped;
      const met = ours.gzipped <= BUDGET;
      const rows: BenchmarkResult["rows"] = [
        {
          benchmark: this.title,
          metric: "client for a first listing with API keys (MD5), min+gzip, entry + chunks it loads",
          goal: `≤ ${formatBytes(BUDGET)}`,
          ours: formatBytes(ours.gzipped),
          alternative: `openapi-fetch alone: ${formatBytes(openapiFetch.gzipped)}`,
          ratio: formatRatio(ratios.oursToOpenapiFetch as number),
          met,
        },
        {
          benchmark: this.title,
          metric: "client, min+gzip",
          goal: "(for scale)",
          ours: formatBytes(ours.gzipped),
          alternative: atlasApiClient
            ? `mongodb-atlas-api-client (Node, deps bundled): ${formatBytes(atlasApiClient.gzipped)}`
            : "mongodb-atlas-api-client: could not be bundled",
          ratio: atlasApiClient ? formatRatio(ratios.oursToAtlasApiClient as number) : "n/a",
          met: undefined,
        },
      ];
      notes.push(
        `Bundle sizes (minified → gzipped): ours ${formatBytes(ours.minified)} → ${formatBytes(ours.gzipped)}; ` +
          `openapi-fetch ${formatBytes(openapiFetch.minified)} → ${formatBytes(openapiFetch.gzipped)}` +
          (atlasApiClient
            ? `; mongodb-atlas-api-client ${formatBytes(atlasApiClient.minified)} → ${formatBytes(atlasApiClient.gzipped)}.`
            : "."),
      );
      const shares = Object.entries(ours.byPackage)
        .sort(([, a], [, b]) => b - a)
        .map(([name, bytes]) => `${name} ${formatBytes(bytes)}`)
        .join(", ");
      notes.push(`Minified bytes of our bundle by package: ${shares}.`);
      const lazy = Object.entries(ours.lazyByPackage)
        .map(([name, bytes]) => `${name} ${formatBytes(bytes)}`)
        .join(", ");
      notes.push(
        `Loaded on first use only (import()), ${formatBytes(ours.lazyGzipped)} gzipped: ${lazy || "nothing"}. ` +
          `Every export of the client at once (\`export *\`, e.g. the Digest helpers too): ${formatBytes(everything.gzipped)} up front.`,
      );
      const sha2 = ours.byPackage["@noble/hashes/sha2.js"];
      const own = ours.byPackage["@atlas-snapshots/client"] ?? 0;
      const unmet = met
        ? []
        : [
            `**Bundle size**: ${formatBytes(ours.gzipped)} gzipped, over the ${formatBytes(BUDGET)} budget by ` +
              `${formatBytes(ours.gzipped - BUDGET)}. openapi-fetch alone is ${formatBytes(openapiFetch.gzipped)}; ` +
              `minified, the bundle splits as ${shares}. Closing it means cutting ${formatBytes(ours.gzipped - BUDGET)} ` +
              `gzipped from our own shares, not from openapi-fetch: the client's own code (${formatBytes(own)} minified: ` +
              "error classes, validation messages, the Digest parser)" +
              (sha2
                ? `, and SHA-256 (${formatBytes(sha2)} minified in sha2.js), which only a challenge with ` +
                  "algorithm=SHA-256 needs (Atlas challenges with MD5), so it could be loaded on first use"
                : "") +
              ".",
          ];
      return {
        id: this.id,
        title: this.title,
        settings: { budgetBytes: BUDGET, esbuild: "minify, format esm, platform neutral (ours, openapi-fetch) / node" },
        samples: {
          "ours.gzippedBytes": [ours.gzipped],
          "ours.lazyGzippedBytes": [ours.lazyGzipped],
          "oursEveryExport.gzippedBytes": [everything.gzipped],
          "ours.minifiedBytes": [ours.minified],
          "openapiFetch.gzippedBytes": [openapiFetch.gzipped],
          "openapiFetch.minifiedBytes": [openapiFetch.minified],
          ...Object.fromEntries(
            Object.entries(ours.byPackage).map(([name, bytes]) => [`ours.minifiedBytes.${name}`, [bytes]]),
          ),
          ...(atlasApiClient && {
            "atlasApiClient.gzippedBytes": [atlasApiClient.gzipped],
            "atlasApiClient.minifiedBytes": [atlasApiClient.minified],
          }),
        },
        medians: {
          oursGzippedBytes: ours.gzipped,
          openapiFetchGzippedBytes: openapiFetch.gzipped,
          ...(atlasApiClient && { atlasApiClientGzippedBytes: atlasApiClient.gzipped }),
        },
        ratios,
        rows,
        notes,
        unmet,
      };
    }
  },
};

/** "openapi-fetch", "@noble/hashes", "client" (a workspace package's folder name) for a path in a metafile. */
function packageOf(path: string): string {
  // @noble/hashes by file, to show what each hash costs (legacy.js is MD5, sha2.js SHA-256).
  const noble = /node_modules\/@noble\/hashes\/(?!.*node_modules\/)(.+)$/.exec(path);
  if (noble) return `@noble/hashes/${noble[1]}`;
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(path);
  if (dependency) return dependency[1] as string;
  const workspace = /(?:^|\/)packages\/([^/]+)\//.exec(path);
  return workspace ? `@atlas-snapshots/${workspace[1]}` : path;
}

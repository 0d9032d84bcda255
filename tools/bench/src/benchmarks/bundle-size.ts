import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { startMockServer } from "@atlas-snapshots/mock/server";
import { build } from "esbuild";
import { rolldown } from "rolldown";
import { BENCH_CREDENTIALS, CLUSTER_NAME, GROUP_ID } from "../lib/mock-target.js";
import { repoRoot } from "../lib/paths.js";
import { formatBytes, formatRatio } from "../lib/stats.js";
import type { Benchmark, BenchmarkResult } from "../lib/types.js";

const benchDir = join(repoRoot, "tools/bench");
const BUDGET = 8 * 1024;

/** One file a bundler wrote, by its name in the output folder. */
interface OutputFile {
  name: string;
  contents: Uint8Array;
  entry: boolean;
  /** Chunks it imports, statically or through `import()`. */
  imports: { name: string; kind: string }[];
  /** Minified bytes per input path (esbuild's metafile; empty for Rolldown, which counts before minifying). */
  inputs: Record<string, number>;
}

interface Size {
  /** The files counted, minified, summed. */
  minified: number;
  /** The same files, each gzipped on its own (as a server sends them), summed. */
  gzipped: number;
  /** Minified bytes of those files by source package ("client", "openapi-fetch", ...). */
  byPackage: Record<string, number>;
  /** Each file counted: name, minified and gzipped bytes, minified bytes by module (esbuild only). */
  files: { name: string; minified: number; gzipped: number; modules: Record<string, number> }[];
}

/**
 * Bundles `contents` (an entry module, resolved from this package) with code
 * splitting, as an app's bundler would: minified, ESM, every chunk a file.
 */
async function bundle(contents: string, platform: "neutral" | "node"): Promise<OutputFile[]> {
  const outdir = join(benchDir, "bench-out"); // never written: write is false
  const result = await build({
    stdin: { contents, resolveDir: benchDir, loader: "js" },
    absWorkingDir: benchDir,
    bundle: true,
    minify: true,
    format: "esm",
    platform,
    // Neutral has no default main fields; resolve packages the way browser bundlers do.
    mainFields: platform === "neutral" ? ["module", "main"] : undefined,
    splitting: true,
    outdir,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const outputs = result.metafile.outputs;
  const nameOf = (key: string) => relative(outdir, resolve(benchDir, key));
  return result.outputFiles
    .filter((file) => !file.path.endsWith(".map"))
    .map((file) => {
      const key = Object.keys(outputs).find((output) => resolve(benchDir, output) === file.path);
      const output = key ? outputs[key] : undefined;
      if (!output) throw new Error(`esbuild's metafile does not list ${file.path}`);
      return {
        name: relative(outdir, file.path),
        contents: file.contents,
        entry: output.entryPoint !== undefined,
        imports: output.imports.map(({ path, kind }) => ({ name: nameOf(path), kind })),
        inputs: Object.fromEntries(
          Object.entries(output.inputs).map(([path, { bytesInOutput }]) => [path, bytesInOutput]),
        ),
      };
    });
}

/**
 * The same with Rolldown, Vite 8's bundler (examples/browser is built with it), minified.
 * Unlike esbuild, it keeps a module in a chunk loaded through `import()` when the entry's
 * static imports of it are all unused (the error classes, which the package entry re-exports).
 */
async function bundleWithRolldown(contents: string): Promise<OutputFile[]> {
  // A real file under this package, so that the packages resolve from its node_modules.
  const dir = mkdtempSync(join(benchDir, ".bundle-entry-"));
  try {
    const input = join(dir, "app.js");
    writeFileSync(input, contents);
    const bundler = await rolldown({ input, cwd: benchDir, platform: "browser", logLevel: "silent" });
    const { output } = await bundler.generate({ format: "es", minify: true });
    await bundler.close();
    return output.flatMap((chunk) =>
      chunk.type === "chunk"
        ? [
            {
              name: chunk.fileName,
              contents: Buffer.from(chunk.code),
              entry: chunk.isEntry,
              imports: [
                ...chunk.imports.map((name) => ({ name, kind: "import-statement" })),
                ...chunk.dynamicImports.map((name) => ({ name, kind: "dynamic-import" })),
              ],
              inputs: {},
            },
          ]
        : [],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The entry and every chunk it imports statically: what loads before the entry runs. */
function upFront(files: OutputFile[]): Set<string> {
  const entry = files.find((file) => file.entry);
  if (!entry) throw new Error("esbuild wrote no entry");
  const names = new Set([entry.name]);
  for (const name of names) {
    const file = files.find((f) => f.name === name);
    for (const { name: imported, kind } of file?.imports ?? []) if (kind === "import-statement") names.add(imported);
  }
  return names;
}

const LOADED = "__atlasBenchLoadedChunks";

/**
 * Runs the bundle's first listing for real and returns the files it loaded:
 * every file is written to a temporary folder with one line in front that
 * records its own name when it is evaluated, the entry is imported, and its
 * `createAtlasClient` lists the mock server's default cluster with API keys
 * (Digest, the mock's MD5 challenge answered): one page with
 * `listTenantSnapshots`, then every page with `listAllTenantSnapshots` (the
 * paging a browser app uses, examples/browser), with a logger, so the
 * deprecation notice runs too. Whatever that loads through `import()` counts.
 * The files measured are the ones esbuild wrote, not these copies.
 */
async function firstListingLoads(
  files: OutputFile[],
): Promise<{ loaded: Set<string>; snapshots: number; requests: string }> {
  const dir = mkdtempSync(join(tmpdir(), "atlas-bundle-size-"));
  const loaded = new Set<string>();
  const global = globalThis as Record<string, unknown>;
  global[LOADED] = loaded;
  const server = await startMockServer({ credentials: [BENCH_CREDENTIALS], rateLimit: false });
  try {
    for (const file of files) {
      const marker = `globalThis.${LOADED}?.add(${JSON.stringify(file.name)});\n`;
      writeFileSync(join(dir, file.name), Buffer.concat([Buffer.from(marker), file.contents]));
    }
    const entry = files.find((file) => file.entry) as OutputFile;
    const { createAtlasClient } = await import(pathToFileURL(join(dir, entry.name)).href);
    const atlas = createAtlasClient({
      ...BENCH_CREDENTIALS,
      baseUrl: server.url,
      logger: { warn() {}, debug() {} },
    });
    const target = { groupId: GROUP_ID, clusterName: CLUSTER_NAME };
    const page = await atlas.listTenantSnapshots(target);
    const all = await atlas.listAllTenantSnapshots({ ...target, itemsPerPage: 10 });
    if (page.results.length === 0 || all.length !== page.totalCount) {
      throw new Error(
        `the first listing did not list the mock's cluster (${page.results.length} on page 1, ${all.length} in all)`,
      );
    }
    // The listing must have met the challenge: a 401 first, then only 200s.
    const statuses = server.mock.requests.list().map((entry) => entry.status);
    if (statuses[0] !== 401 || statuses.slice(1).some((status) => status !== 200)) {
      throw new Error(`the first listing did not go through one Digest challenge: statuses ${statuses.join(", ")}`);
    }
    return { loaded, snapshots: all.length, requests: statuses.join(", ") };
  } finally {
    delete global[LOADED];
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the first listing loads of these files (counted) and what it never loads (lazy). */
async function firstListingSize(files: OutputFile[]) {
  const listing = await firstListingLoads(files);
  const front = upFront(files);
  const missing = [...front].filter((name) => !listing.loaded.has(name));
  if (missing.length > 0) throw new Error(`the listing's record of loaded files misses ${missing.join(", ")}`);
  const counted = new Set([...front, ...listing.loaded]);
  return {
    listing,
    ours: measure(files, counted),
    lazy: measure(files, new Set(files.map((file) => file.name).filter((name) => !counted.has(name)))),
    loadedLazily: [...listing.loaded].filter((name) => !front.has(name)),
  };
}

function measure(files: OutputFile[], names: Set<string>): Size {
  const size: Size = { minified: 0, gzipped: 0, byPackage: {}, files: [] };
  for (const file of files) {
    if (!names.has(file.name)) continue;
    const gzipped = gzipSync(file.contents, { level: 9 }).length;
    size.minified += file.contents.length;
    size.gzipped += gzipped;
    const modules: Record<string, number> = {};
    for (const [path, bytes] of Object.entries(file.inputs)) {
      if (bytes === 0) continue;
      size.byPackage[packageOf(path)] = (size.byPackage[packageOf(path)] ?? 0) + bytes;
      modules[moduleOf(path)] = (modules[moduleOf(path)] ?? 0) + bytes;
    }
    size.files.push({ name: file.name, minified: file.contents.length, gzipped, modules });
  }
  return size;
}

const list = (shares: Record<string, number>) =>
  Object.entries(shares)
    .sort(([, a], [, b]) => b - a)
    .map(([name, bytes]) => `${name} ${formatBytes(bytes)}`)
    .join(", ");

/**
 * 5. The client as a browser app ships it for its first listing with API keys
 * against Atlas (an MD5 challenge): an app importing `createAtlasClient`,
 * bundled with openapi-fetch, split as a bundler splits it, minified, each
 * file gzipped at level 9. Counted are the entry, every chunk it imports
 * statically, and every chunk the listing then loads through `import()`, found
 * by running that listing against the mock server (see firstListingLoads).
 * Chunks it never loads (SHA-256, service accounts, failure paths) are reported
 * apart. Beside openapi-fetch alone and mongodb-atlas-api-client (Node, its
 * urllib and undici bundled in).
 */
export const bundleSize: Benchmark = {
  id: "bundle-size",
  title: "5. Bundle size",
  async run(): Promise<BenchmarkResult> {
    const app = 'export { createAtlasClient } from "@atlas-snapshots/client";';
    const { listing, ours, lazy, loadedLazily } = await firstListingSize(await bundle(app, "neutral"));
    const rolldownRun = await firstListingSize(await bundleWithRolldown(app));

    const everythingFiles = await bundle('export * from "@atlas-snapshots/client";', "neutral");
    const everything = measure(everythingFiles, upFront(everythingFiles));
    const openapiFetchFiles = await bundle('export { default } from "openapi-fetch";', "neutral");
    const openapiFetch = measure(openapiFetchFiles, upFront(openapiFetchFiles));
    const notes: string[] = [];
    let atlasApiClient: Size | undefined;
    try {
      const atlasFiles = await bundle('export { default } from "mongodb-atlas-api-client";', "node");
      atlasApiClient = measure(atlasFiles, upFront(atlasFiles));
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
        metric: "the same, bundled by Rolldown (Vite 8's bundler) instead of esbuild",
        goal: "(for scale)",
        ours: formatBytes(rolldownRun.ours.gzipped),
        alternative: `esbuild (row above): ${formatBytes(ours.gzipped)}`,
        ratio: formatRatio(rolldownRun.ours.gzipped / ours.gzipped),
        met: undefined,
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
    const shares = list(ours.byPackage);
    notes.push(
      `Our first listing (run against the mock server: one page, then ${listing.snapshots} snapshots 10 a page; ` +
        `replies ${listing.requests}) loaded ${ours.files.length} files: ` +
        ours.files.map((file) => `${file.name} ${formatBytes(file.gzipped)} (${list(file.modules)})`).join("; ") +
        ` (gzipped, then its modules minified; ${loadedLazily.length} of the files through import()). ` +
        `Minified bytes by package: ${shares}.`,
    );
    notes.push(
      `Bundled by Rolldown, the same listing loaded ${rolldownRun.ours.files.length} files: ` +
        rolldownRun.ours.files.map((file) => `${file.name} ${formatBytes(file.gzipped)}`).join(", ") +
        `; never loaded: ${rolldownRun.lazy.files.map((file) => `${file.name} ${formatBytes(file.gzipped)}`).join(", ")}. ` +
        "esbuild loads up front every module the package entry re-exports that a lazy chunk also uses (the error " +
        "classes), even when the app imports none of them; Rolldown leaves them in the chunks that use them.",
    );
    notes.push(
      `Never loaded by that listing (on first use only), ${formatBytes(lazy.gzipped)} gzipped in ${lazy.files.length} files: ` +
        `${list(lazy.byPackage) || "nothing"}. Every export of the client at once (\`export *\`, e.g. the Digest ` +
        `helpers and error classes too): ${formatBytes(everything.gzipped)} up front.`,
    );
    const own = ours.byPackage["@atlas-snapshots/client"] ?? 0;
    // The file with the error classes, loaded up front by esbuild though the listing never builds one.
    const errorsFile = ours.files.find((file) => "client/errors.js" in file.modules);
    const unmet = met
      ? []
      : [
          `**Bundle size**: ${formatBytes(ours.gzipped)} gzipped, over the ${formatBytes(BUDGET)} budget by ` +
            `${formatBytes(ours.gzipped - BUDGET)}. openapi-fetch alone is ${formatBytes(openapiFetch.gzipped)}. ` +
            (errorsFile
              ? `${errorsFile.name} (${formatBytes(errorsFile.gzipped)}: the error classes) is loaded up front only because ` +
                "esbuild keeps in the first chunks every module the package entry re-exports that a lazy chunk also uses; " +
                `bundled by Rolldown, the same listing loads ${formatBytes(rolldownRun.ours.gzipped)}. `
              : "") +
            `The rest (the client's own ${formatBytes(own)} minified) is what a successful listing runs: Digest (parser, ` +
            "MD5, the layer), the checks and messages that createAtlasClient and iterateTenantSnapshots throw " +
            "synchronously, paging, the retry layer (never loaded lazily: a connection error may mean no chunk can " +
            "load), the operation table, the body cap and the deprecation notice. Closing the gap would take one of " +
            "those out of the first listing, or the helpers off openapi-fetch.",
        ];
    return {
      id: this.id,
      title: this.title,
      settings: {
        budgetBytes: BUDGET,
        esbuild: "minify, format esm, splitting, platform neutral (ours, openapi-fetch) / node",
        counted: "entry + static chunks + chunks the first listing loads through import() (run against the mock)",
      },
      samples: {
        "ours.gzippedBytes": [ours.gzipped],
        "ours.lazyGzippedBytes": [lazy.gzipped],
        "oursRolldown.gzippedBytes": [rolldownRun.ours.gzipped],
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
        oursRolldownGzippedBytes: rolldownRun.ours.gzipped,
        openapiFetchGzippedBytes: openapiFetch.gzipped,
        ...(atlasApiClient && { atlasApiClientGzippedBytes: atlasApiClient.gzipped }),
      },
      ratios,
      rows,
      notes,
      unmet,
    };
  },
};

/** A module of our packages as `client/errors.js`, else its package. */
function moduleOf(path: string): string {
  return /(?:^|\/)packages\/([^/]+)\/dist\/(.+)$/.exec(path)?.slice(1).join("/") ?? packageOf(path);
}

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

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parse } from "yaml";

const require = createRequire(import.meta.url);

/** Prism's command-line entry, run with this Node. */
export const prismBin = join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist/index.js");

type Doc = Record<string, unknown> & { paths?: Record<string, Record<string, Record<string, unknown>>> };

/**
 * The spec without its security requirements, which Prism 5 cannot verify
 * for a real Digest header: the approach of packages/contract-tests
 * (docs/decisions/0005-prism-judges-a-derived-spec.md), copied so the bench
 * does not reach into a private package. Returns the temp file's path.
 */
export function writePrismSpec(): { file: string; dir: string } {
  const doc = parse(readFileSync(require.resolve("@atlas-snapshots/spec/openapi.yaml"), "utf8")) as Doc;
  delete doc.security;
  for (const item of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(item)) {
      if (operation && typeof operation === "object") delete operation.security;
    }
  }
  const dir = mkdtempSync(join(tmpdir(), "atlas-bench-prism-"));
  const file = join(dir, "openapi.prism.json");
  writeFileSync(file, JSON.stringify(doc));
  return { file, dir };
}

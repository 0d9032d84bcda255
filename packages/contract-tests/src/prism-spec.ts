import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";

const require = createRequire(import.meta.url);

/** The one hand-written spec, resolved through its workspace package. */
export const specFile = require.resolve("@atlas-snapshots/spec/openapi.yaml");

type Doc = Record<string, unknown> & { paths?: Record<string, Record<string, Record<string, unknown>>> };

/**
 * The copy of the spec that Prism judges against: identical but for the
 * security requirements, which Prism 5 cannot verify for a real Digest header
 * (docs/decisions/0005-prism-judges-a-derived-spec.md). Derived on every run,
 * never kept by hand.
 */
export function derivePrismSpec(specText: string): Doc {
  const doc = parse(specText) as Doc;
  delete doc.security;
  for (const item of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(item)) {
      if (operation && typeof operation === "object") delete operation.security;
    }
  }
  return doc;
}

/** Writes the derived spec to a fresh temp file and returns its path. */
export function writePrismSpec(source = specFile): string {
  const dir = mkdtempSync(join(tmpdir(), "atlas-prism-spec-"));
  const path = join(dir, "openapi.prism.json");
  writeFileSync(path, JSON.stringify(derivePrismSpec(readFileSync(source, "utf8")), null, 2));
  return path;
}

/** Statuses the operation documents, read from the same spec. */
export function documentedStatuses(source = specFile): Set<number> {
  const doc = parse(readFileSync(source, "utf8")) as Doc;
  const statuses = new Set<number>();
  for (const item of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(item)) {
      const responses = (operation as { responses?: Record<string, unknown> }).responses ?? {};
      for (const code of Object.keys(responses)) statuses.add(Number(code));
    }
  }
  return statuses;
}

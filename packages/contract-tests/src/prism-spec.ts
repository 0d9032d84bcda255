import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";

const require = createRequire(import.meta.url);

/** The one hand-written spec, resolved through its workspace package. */
export const specFile = require.resolve("@atlas-snapshots/spec/openapi.yaml");

type Doc = Record<string, unknown> & { paths?: Record<string, Record<string, Record<string, unknown>>> };

/** A server URL's path without a trailing slash: `/api/atlas/v1.0`. */
const basePathOf = (node: unknown) => {
  const url = (node as { servers?: { url?: string }[] } | undefined)?.servers?.[0]?.url;
  return url ? new URL(url).pathname.replace(/\/+$/, "") : undefined;
};

/**
 * The copy of the spec that Prism judges against: identical but for the
 * security requirements, which Prism 5 cannot verify for a real Digest header
 * (docs/decisions/0005-prism-judges-a-derived-spec.md), and for the paths,
 * which carry their server's base path (a path's own server, else the
 * document's), since Prism serves at its root: so
 * Prism's URLs are laid out as Atlas's, and a client given Prism's host finds
 * each operation where it would on Atlas. Derived on every run, never kept by hand.
 */
export function derivePrismSpec(specText: string): Doc {
  const doc = parse(specText) as Doc;
  delete doc.security;
  const paths: NonNullable<Doc["paths"]> = {};
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const operation of Object.values(item)) {
      if (operation && typeof operation === "object") delete operation.security;
    }
    paths[`${basePathOf(item) ?? basePathOf(doc) ?? ""}${path}`] = item;
    // Moved into the path above; left in place, it would put the base path in front twice.
    delete (item as { servers?: unknown }).servers;
  }
  doc.paths = paths;
  delete doc.servers;
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

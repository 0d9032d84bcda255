/** What `changeset` bumps look like in a changeset's front matter. */
export type Bump = "major" | "minor" | "patch";

/**
 * Packages whose public surface carries the spec's shapes: the spec itself, the
 * generated types, the client and the mock (typed with them) and the CLI
 * (whose JSON output is the API's objects). A breaking spec change breaks them all.
 */
export const SPEC_CONSUMERS = [
  "@atlas-snapshots/spec",
  "@atlas-snapshots/types",
  "@atlas-snapshots/client",
  "@atlas-snapshots/mock",
  "@atlas-snapshots/cli",
] as const;

/** The package bumps a changeset file asks for: `"@scope/name": major` lines between `---` fences. */
export function parseChangeset(text: string, file: string): Map<string, Bump> {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!match) throw new Error(`${file}: no front matter (--- "package": major|minor|patch ---)`);
  const bumps = new Map<string, Bump>();
  for (const [index, line] of (match[1] as string).split(/\r?\n/).entries()) {
    if (!line.trim()) continue;
    const entry = /^\s*(["']?)([^"':\s]+)\1\s*:\s*(major|minor|patch)\s*$/.exec(line);
    if (!entry) throw new Error(`${file}:${index + 2}: not a "package": major|minor|patch line: ${line}`);
    bumps.set(entry[2] as string, entry[3] as Bump);
  }
  return bumps;
}

/** The spec consumers that no changeset bumps to a new major version. */
export function missingMajors(changesets: readonly Map<string, Bump>[]): string[] {
  return SPEC_CONSUMERS.filter((name) => !changesets.some((bumps) => bumps.get(name) === "major"));
}

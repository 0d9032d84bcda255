import { join } from "node:path";
import type { FileSource } from "./committed-files.ts";
import { renderGeneratedFiles } from "./render-generated.ts";
import { generatedDir, specPath } from "./repo-paths.ts";

export interface Drift {
  path: string;
  problem: "differs from what the spec produces" | "missing" | "not produced by the spec";
}

/** Compares `source`'s generated folder with a fresh in-memory render of the spec under `root`; writes nothing. */
export async function findDrift(root: string, source: FileSource): Promise<Drift[]> {
  const want = await renderGeneratedFiles(join(root, specPath));
  const drift: Drift[] = [];
  for (const [path, content] of want) {
    const have = await source.read(path);
    if (have === undefined) drift.push({ path, problem: "missing" });
    else if (have !== content) drift.push({ path, problem: "differs from what the spec produces" });
  }
  for (const path of await source.list(generatedDir)) {
    if (!want.has(path)) drift.push({ path, problem: "not produced by the spec" });
  }
  return drift;
}

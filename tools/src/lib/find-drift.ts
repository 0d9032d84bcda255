import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { renderGeneratedFiles } from "./render-generated.ts";
import { generatedDir, repoRoot } from "./repo-paths.ts";

export interface Drift {
  path: string;
  problem: "differs" | "missing" | "not produced by the spec";
}

/** Compares the generated folder with a fresh in-memory render; writes nothing. */
export async function findDrift(root = repoRoot, specFile?: string): Promise<Drift[]> {
  const want = await renderGeneratedFiles(specFile);
  const drift: Drift[] = [];
  for (const [path, content] of want) {
    const have = await readFile(join(root, path), "utf8").catch(() => undefined);
    if (have === undefined) drift.push({ path, problem: "missing" });
    else if (have !== content) drift.push({ path, problem: "differs" });
  }
  const present = await readdir(join(root, generatedDir)).catch(() => [] as string[]);
  for (const name of present) {
    const path = `${generatedDir}/${name}`;
    if (!want.has(path)) drift.push({ path, problem: "not produced by the spec" });
  }
  return drift;
}

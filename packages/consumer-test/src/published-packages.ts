import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { run } from "./run.js";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** The packages we publish, by folder: every workspace package that is not private. */
export const PUBLISHED_DIRS = ["spec", "packages/types", "packages/client", "packages/mock", "packages/cli"] as const;

export interface PackedPackage {
  name: string;
  version: string;
  dir: string;
  tarball: string;
}

/**
 * `pnpm pack` for each published package: the tarball npm users get, with
 * `workspace:` and `catalog:` ranges replaced by real versions.
 */
export async function packAll(outDir: string): Promise<PackedPackage[]> {
  const packed: PackedPackage[] = [];
  for (const dir of PUBLISHED_DIRS) {
    const cwd = join(REPO_ROOT, dir);
    const { name, version } = JSON.parse(await readFile(join(cwd, "package.json"), "utf8"));
    const before = new Set(await readdir(outDir));
    await run("pnpm", ["pack", "--pack-destination", outDir], { cwd });
    const added = (await readdir(outDir)).filter((file) => !before.has(file) && file.endsWith(".tgz"));
    if (added.length !== 1) throw new Error(`pnpm pack in ${dir} produced ${added.length} tarballs`);
    packed.push({ name, version, dir, tarball: join(outDir, added[0] as string) });
  }
  return packed;
}

/** Publishes a tarball to `registry` with `token`, through npm's own client. */
export async function publish(tarball: string, registry: string, npmrc: string): Promise<void> {
  await run("npm", ["publish", tarball, "--registry", `${registry}/`, "--userconfig", npmrc], { cwd: REPO_ROOT });
}

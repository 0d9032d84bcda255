import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./published-packages.js";

/**
 * npm `overrides` that hold third-party packages to the versions the workspace's
 * pnpm-lock.yaml resolved (those with one version there). Without them a consumer
 * project resolves msw's tree afresh from the registry on every run, and a release
 * or a registry mirror catching up (seen here: a new @inquirer/* version listed by
 * one package before the registry served it) fails a test that has nothing to do
 * with our packages. `except` names the project's own direct installs.
 */
export function lockedOverrides(except: readonly string[]): Record<string, string> {
  const lock = readFileSync(join(REPO_ROOT, "pnpm-lock.yaml"), "utf8");
  const versions = new Map<string, Set<string>>();
  // Keys of the `packages:` and `snapshots:` maps (every YAML document of the file): `  'name@version':`.
  for (const [, name = "", version = ""] of lock.matchAll(/^ {2}'?(@?[^@'\s]+)@(\d[^'(:\s]*)/gm)) {
    if (!versions.has(name)) versions.set(name, new Set());
    versions.get(name)?.add(version);
  }
  const overrides: Record<string, string> = {};
  for (const [name, found] of versions) {
    if (found.size === 1 && !except.includes(name) && !name.startsWith("@atlas-snapshots/")) {
      overrides[name] = [...found][0] as string;
    }
  }
  return overrides;
}

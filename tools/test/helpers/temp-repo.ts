import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generatedDir, repoRoot, specPath } from "../../src/lib/repo-paths.ts";

/** A throwaway git repo holding a copy of the spec and the generated folder, committed. */
export function makeTempRepo(): { dir: string; git: (...args: string[]) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "atlas-tools-"));
  cpSync(join(repoRoot, specPath), join(dir, specPath), { recursive: true });
  cpSync(join(repoRoot, generatedDir), join(dir, generatedDir), { recursive: true });
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8" });
  git("init", "-q");
  git("add", "-A");
  git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "base");
  return { dir, git, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs one of the repo's tools (tools/src/NAME.ts) in `cwd`, returning exit code and output. */
export function runTool(name: string, cwd: string, args: string[] = [], env: Record<string, string> = {}) {
  const tsx = join(repoRoot, "node_modules/.bin/tsx");
  const result = spawnSync(tsx, [join(repoRoot, "tools/src", `${name}.ts`), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

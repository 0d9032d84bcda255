import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { generatedDir, specPath } from "../src/lib/repo-paths.ts";
import { makeTempRepo, runTool } from "./helpers/temp-repo.ts";

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function checkIn(dir: string, args: string[] = []) {
  return runTool("check-generated", dir, args, { ATLAS_SNAPSHOTS_ROOT: dir });
}

describe("pnpm check:generated", () => {
  it("passes when the committed files match the spec", () => {
    const repo = makeTempRepo();
    cleanup = repo.cleanup;
    const { code, out } = checkIn(repo.dir);
    expect(out).toContain("Generated files match");
    expect(code).toBe(0);
  });

  it("fails after a spec change without regeneration, naming the files and the fix", () => {
    const repo = makeTempRepo();
    cleanup = repo.cleanup;
    const spec = join(repo.dir, specPath);
    writeFileSync(
      spec,
      readFileSync(spec, "utf8")
        .replace("maximum: 500", "maximum: 400")
        .replace(
          "How many snapshots one page holds, from 1 to 500.",
          "How many snapshots one page holds, from 1 to 400.",
        ),
    );
    const { code, out } = checkIn(repo.dir);
    expect(code).toBe(1);
    expect(out).toContain(`${generatedDir}/constants.gen.ts: differs from what the spec produces`);
    expect(out).toContain(`${generatedDir}/openapi.gen.ts: differs from what the spec produces`);
    expect(out).toContain("run `pnpm generate`");
  });

  it("fails on a hand edit and on a stray file in the generated folder", () => {
    const repo = makeTempRepo();
    cleanup = repo.cleanup;
    appendFileSync(join(repo.dir, generatedDir, "constants.gen.ts"), "export const HAND_EDIT = 1;\n");
    writeFileSync(join(repo.dir, generatedDir, "extra.gen.ts"), "export {};\n");
    repo.git("add", "-A");
    const { code, out } = checkIn(repo.dir);
    expect(code).toBe(1);
    expect(out).toContain("constants.gen.ts: differs");
    expect(out).toContain("extra.gen.ts: not produced by the spec");
  });

  it("judges what is committed, not a regenerated working tree nobody committed", () => {
    const repo = makeTempRepo();
    cleanup = repo.cleanup;
    appendFileSync(join(repo.dir, generatedDir, "constants.gen.ts"), "// stale\n");
    repo.git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qam", "stale");
    // Put the right content back on disk only: the index still holds the stale file.
    const path = join(repo.dir, generatedDir, "constants.gen.ts");
    writeFileSync(path, readFileSync(path, "utf8").replace("// stale\n", ""));
    expect(checkIn(repo.dir).code).toBe(1);
    expect(checkIn(repo.dir, ["--working-tree"]).code).toBe(0);
  });
});

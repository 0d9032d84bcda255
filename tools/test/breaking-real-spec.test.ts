import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { specPath } from "../src/lib/repo-paths.ts";
import { makeTempRepo, runTool } from "./helpers/temp-repo.ts";

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

/** Edits the temp repo's spec as a YAML document, keeping it otherwise intact. */
function editSpec(dir: string, edit: (doc: ReturnType<typeof parseDocument>) => void) {
  const file = join(dir, specPath);
  const doc = parseDocument(readFileSync(file, "utf8"));
  edit(doc);
  writeFileSync(file, doc.toString());
}

const snapshot = ["components", "schemas", "TenantSnapshot"];

describe("pnpm check:breaking on the real spec", () => {
  it("fails naming mongoDBVersion when it is removed", () => {
    const repo = makeTempRepo();
    cleanup = repo.cleanup;
    editSpec(repo.dir, (doc) => {
      doc.deleteIn([...snapshot, "properties", "mongoDBVersion"]);
      const required = doc.getIn([...snapshot, "required"]) as { items: { value: string }[] };
      required.items = required.items.filter((item) => item.value !== "mongoDBVersion");
    });
    const { code, out } = runTool("check-breaking", repo.dir);
    expect(code).toBe(1);
    expect(out).toContain("removed-field");
    expect(out).toContain('field "mongoDBVersion" was removed or renamed');
  });

  it("passes when an optional response field is added", () => {
    const repo = makeTempRepo();
    cleanup = repo.cleanup;
    editSpec(repo.dir, (doc) => {
      doc.setIn([...snapshot, "properties", "deletedTime"], { type: "string", format: "date-time" });
    });
    const { code, out } = runTool("check-breaking", repo.dir);
    expect(out).toContain("No breaking changes");
    expect(code).toBe(0);
  });

  it("compares with the ref given by --base", () => {
    const repo = makeTempRepo();
    cleanup = repo.cleanup;
    editSpec(repo.dir, (doc) => {
      const statuses = doc.getIn(["components", "schemas", "SnapshotStatus", "enum"]) as { items: unknown[] };
      statuses.items.pop();
    });
    repo.git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qam", "drop RUNNING");
    expect(runTool("check-breaking", repo.dir).code).toBe(0);
    const { code, out } = runTool("check-breaking", repo.dir, ["--base", "HEAD~1"]);
    expect(code).toBe(1);
    expect(out).toContain('enum value "RUNNING" was removed');
  });

  it("explains an unknown ref instead of crashing", () => {
    const repo = makeTempRepo();
    cleanup = repo.cleanup;
    const { code, out } = runTool("check-breaking", repo.dir, ["--base", "no-such-ref"]);
    expect(code).toBe(2);
    expect(out).toContain('Cannot read spec/openapi.yaml at git ref "no-such-ref"');
  });
});

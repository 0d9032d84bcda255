import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SEED_EXAMPLE_SNAPSHOT } from "@atlas-snapshots/mock";
import { describe, expect, it } from "vitest";
import { GROUP } from "./helpers/fixture.js";
import { ANSI, runCli } from "./helpers/run-cli.js";
import { history } from "./helpers/snapshot-data.js";

const EXAMPLE_ID = "5cc310ace5dc7ce369814bc8";

describe("list --mock (what `pnpm start` runs)", () => {
  it("lists the example cluster through the embedded mock, with no keys set, and says it is mock data", async () => {
    const { code, stdout, stderr } = await runCli(["list", "--mock"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ID +STATUS +MONGODB +SCHEDULED +STARTED +FINISHED\n/);
    expect(stdout).toMatch(new RegExp(`\\n${EXAMPLE_ID} +FAILED +4\\.2\\.7 +2019-04-26T12:00:00Z`));
    expect(stderr).toMatch(
      /Note: this is mock data, served by the embedded mock Atlas at http:\/\/127\.0\.0\.1:\d+\/api\/atlas\/v1\.0\./,
    );
    expect(stderr).toMatch(/set MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET to a service account/);
    expect(stderr).toMatch(/MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY to an API key/);
    expect(stderr).toMatch(/run without --mock, with --group ID --cluster NAME/);
    expect(stdout + stderr).not.toMatch(ANSI);
  });

  it("keeps stdout clean JSON: the example snapshot exactly as the reference page shows it", async () => {
    const { code, stdout, stderr } = await runCli(["list", "--mock", "-o", "json"]);
    expect(code).toBe(0);
    const snapshots = JSON.parse(stdout);
    expect(snapshots.find((s: { id: string }) => s.id === EXAMPLE_ID)).toEqual(SEED_EXAMPLE_SNAPSHOT);
    expect(stderr).toMatch(/mock data/);
  });

  it("ignores real keys in the environment: it uses the mock's own", async () => {
    const env = { MONGODB_ATLAS_PUBLIC_API_KEY: "real-public", MONGODB_ATLAS_PRIVATE_API_KEY: "real-private" };
    const { code, stdout } = await runCli(["list", "--mock", "-o", "ndjson"], env);
    expect(code).toBe(0);
    expect(stdout).toContain(EXAMPLE_ID);
  });

  it("reaches the mock's second cluster with --cluster", async () => {
    const { code, stdout } = await runCli(["list", "--mock", "--cluster", "M5AZURE", "-o", "json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).length).toBeGreaterThan(0);
  });

  it("--mock-data FILE serves that file (and implies --mock)", async () => {
    const snapshots = history(10, 3);
    const file = join(tmpdir(), `atlas-snapshots-cli-data-${process.pid}.json`);
    await writeFile(file, JSON.stringify({ groups: [{ id: GROUP, clusters: [{ name: "FromFile", snapshots }] }] }));
    const { code, stdout, stderr } = await runCli([
      "list",
      "--mock-data",
      file,
      "-g",
      GROUP,
      "-c",
      "FromFile",
      "-o",
      "json",
    ]);
    await rm(file);
    expect(stderr).toMatch(/mock data/);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(snapshots);
  });
});

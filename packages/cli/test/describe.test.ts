import { SEED_EXAMPLE_SNAPSHOT } from "@atlas-snapshots/mock";
import type { MockServer } from "@atlas-snapshots/mock/server";
import { checkParamSnapshotId } from "@atlas-snapshots/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLUSTERS, KEYS_ENV, startTestServer, target } from "./helpers/fixture.js";
import { runCli } from "./helpers/run-cli.js";

// `describe SNAPSHOT_ID`: the built binary against the embedded mock (--mock) and against a test server.
const SEED_ID = SEED_EXAMPLE_SNAPSHOT.id;
const UNKNOWN_ID = "0123456789abcdef0123456f";

let server: MockServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe("describe SNAPSHOT_ID", () => {
  it("prints the one snapshot as the API sent it with -o json (--mock)", async () => {
    const result = await runCli(["describe", SEED_ID, "--mock", "-o", "json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(SEED_EXAMPLE_SNAPSHOT);
    expect(result.stderr).toContain("mock data"); // the usual --mock note
  });

  it("reads the snapshot of the cluster and project given, with the Atlas CLI's names", async () => {
    const [snapshot] = CLUSTERS.Mixed.slice(-1);
    const id = snapshot?.id as string;
    const result = await runCli(["describe", id, ...target(server, "Mixed"), "-o", "json"], KEYS_ENV);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(snapshot);
    // Another cluster of the same project has no snapshot by that id.
    const elsewhere = await runCli(["describe", id, ...target(server, "Empty"), "-o", "json"], KEYS_ENV);
    expect(elsewhere.code).toBe(4);
  });

  it("prints a table row, an ndjson line and a csv record for the same snapshot", async () => {
    const table = await runCli(["describe", SEED_ID, "--mock"]);
    expect(table.code).toBe(0);
    const [header, row, ...rest] = table.stdout.trimEnd().split("\n");
    expect(header?.split(/\s+/)).toEqual(["ID", "STATUS", "MONGODB", "SCHEDULED", "STARTED", "FINISHED"]);
    expect(row?.split(/\s+/).slice(0, 2)).toEqual([SEED_ID, SEED_EXAMPLE_SNAPSHOT.status]);
    expect(rest).toEqual([]);
    const ndjson = await runCli(["describe", SEED_ID, "--mock", "-o", "ndjson"]);
    expect(
      ndjson.stdout
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line)),
    ).toEqual([SEED_EXAMPLE_SNAPSHOT]);
    const csv = await runCli(["describe", SEED_ID, "--mock", "-o", "csv"]);
    const records = csv.stdout.split("\r\n").filter(Boolean);
    expect(records).toHaveLength(2);
    expect(records[1]?.startsWith(`${SEED_ID},${SEED_EXAMPLE_SNAPSHOT.status},`)).toBe(true);
  });

  it("exits 4 for an unknown snapshot id, with Atlas's message and a hint naming SNAPSHOT_ID", async () => {
    const result = await runCli(["describe", UNKNOWN_ID, "--mock", "-o", "json"]);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("404 RESOURCE_NOT_FOUND");
    expect(result.stderr).toContain(UNKNOWN_ID);
    expect(result.stderr).toMatch(/hint: check SNAPSHOT_ID, --projectId/);
  });

  it.each([["not-an-id"], [SEED_ID.toUpperCase()], [`${SEED_ID}0`], ["../snapshots"]])(
    "refuses SNAPSHOT_ID %j with exit 2 and the spec's one message, sending nothing",
    async (id) => {
      const result = await runCli(["describe", id, "--mock", "-o", "json"]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      // The generated rule: the words the client and the mock use for the same mistake.
      const rule = checkParamSnapshotId(id)?.problem as string;
      expect(rule).toBe("must be 24 lowercase hexadecimal characters");
      expect(result.stderr).toContain(`SNAPSHOT_ID ${JSON.stringify(id)} ${rule}`);
      expect(result.stderr).not.toContain("mock data"); // refused before the mock started
    },
  );

  it("needs exactly one SNAPSHOT_ID, and offers no paging or json-raw", async () => {
    expect((await runCli(["describe", "--mock"])).code).toBe(2);
    expect((await runCli(["describe", SEED_ID, SEED_ID, "--mock"])).code).toBe(2);
    const paging = await runCli(["describe", SEED_ID, "--mock", "--items-per-page", "5"]);
    expect(paging.code).toBe(2);
    expect(paging.stderr).toContain("--items-per-page");
    const raw = await runCli(["describe", SEED_ID, "--mock", "-o", "json-raw"]);
    expect(raw.code).toBe(2);
    expect(raw.stderr).toContain("table, json, ndjson, csv");
  });

  it("checks the project id with the same generated rule as the client", async () => {
    const result = await runCli(["describe", SEED_ID, "--mock", "--projectId", "5B69D0349B15C62CDFC38B78"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--group "5B69D0349B15C62CDFC38B78" must be 24 lowercase hexadecimal characters');
  });

  it("is in the overview and has its own help", async () => {
    expect((await runCli(["--help"])).stdout).toMatch(/^\s+describe\s/m);
    const help = await runCli(["help", "describe"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("SNAPSHOT_ID");
    expect(help.stdout).toContain("--projectId");
    expect(help.stdout).not.toContain("--items-per-page");
  });
});

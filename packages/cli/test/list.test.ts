import type { MockServer } from "@atlas-snapshots/mock/server";
import type { TenantSnapshot } from "@atlas-snapshots/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLUSTERS, KEYS_ENV, startTestServer, target } from "./helpers/fixture.js";
import { ANSI, runCli } from "./helpers/run-cli.js";

let server: MockServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const list = (args: string[], env: Record<string, string> = {}) => runCli(["list", ...args], { ...KEYS_ENV, ...env });
const ids = (snapshots: readonly TenantSnapshot[]) => snapshots.map((s) => s.id);
/** scheduledTime of the fixture's Mixed cluster's i-th newest snapshot (0: the newest, served last). */
const mixedTime = (i: number) => {
  const found = CLUSTERS.Mixed.at(-1 - i);
  if (!found) throw new Error(`no Mixed snapshot ${i}`);
  return found.scheduledTime;
};

/** A small RFC 4180 reader: quoted fields with "" escapes and line breaks, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ",") {
      row.push(field);
      field = "";
    } else if (!quoted && char === "\r" && text[i + 1] === "\n") {
      rows.push([...row, field]);
      row = [];
      field = "";
      i++;
    } else {
      field += char;
    }
  }
  return rows;
}

describe("list output formats", () => {
  it("json: one array of the API's snapshot objects, as received, in the server's order", async () => {
    const { code, stdout, stderr } = await list([...target(server, "Mixed"), "--output", "json"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(CLUSTERS.Mixed);
  });

  it("ndjson: one object per line", async () => {
    const { code, stdout } = await list([...target(server, "Mixed"), "-o", "ndjson"]);
    expect(code).toBe(0);
    expect(stdout.endsWith("\n")).toBe(true);
    expect(
      stdout
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual(CLUSTERS.Mixed);
  });

  it("csv: a header, then one RFC 4180 record per snapshot with empty missing times", async () => {
    const { code, stdout } = await list([...target(server, "Mixed"), "-o", "csv"]);
    expect(code).toBe(0);
    const [header, ...rows] = parseCsv(stdout);
    expect(header).toEqual(["id", "status", "mongoDBVersion", "scheduledTime", "startTime", "finishTime"]);
    expect(rows).toEqual(
      CLUSTERS.Mixed.map((s) => [
        s.id,
        s.status,
        s.mongoDBVersion,
        s.scheduledTime,
        s.startTime ?? "",
        s.finishTime ?? "",
      ]),
    );
  });

  it("table: aligned columns, one row per snapshot, no colour off a terminal, the count on stderr", async () => {
    const { code, stdout, stderr } = await list(target(server, "Mixed"));
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ID {2,}STATUS {2,}MONGODB {2,}SCHEDULED {2,}STARTED {2,}FINISHED$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/)[0])).toEqual(ids(CLUSTERS.Mixed));
    // Aligned: every row's status column starts where the header's does.
    const statusColumn = lines[0]?.indexOf("STATUS");
    for (const line of lines.slice(1))
      expect(line.slice(statusColumn).match(/^[A-Z]+/)?.[0]).toMatch(/^(COMPLETED|FAILED|RUNNING)$/);
    expect(lines.at(-1)).toMatch(/ -$/); // the RUNNING newest, served last, has no finish time
    expect(stdout).not.toMatch(ANSI);
    expect(stderr.trim()).toBe("10 snapshots");
  });

  it("table: says so when there is nothing to show", async () => {
    const { code, stdout } = await list(target(server, "Empty"));
    expect(code).toBe(0);
    expect(stdout).toBe("No snapshots.\n");
  });

  it("json and csv of an empty cluster are an empty array and a lone header", async () => {
    expect(JSON.parse((await list([...target(server, "Empty"), "-o", "json"])).stdout)).toEqual([]);
    expect((await list([...target(server, "Empty"), "-o", "csv"])).stdout).toBe(
      "id,status,mongoDBVersion,scheduledTime,startTime,finishTime\r\n",
    );
  });

  it("NO_COLOR keeps every output free of escape codes", async () => {
    for (const format of ["table", "json", "ndjson", "csv"]) {
      const { stdout, stderr } = await list([...target(server, "Mixed"), "-o", format], { NO_COLOR: "1" });
      expect(stdout + stderr).not.toMatch(ANSI);
    }
  });
});

describe("list filters", () => {
  it("--status keeps the given statuses, any case, repeated or comma-separated", async () => {
    const { code, stdout } = await list([
      ...target(server, "Mixed"),
      "-o",
      "json",
      "--status",
      "failed",
      "-s",
      "Running",
    ]);
    expect(code).toBe(0);
    const want = CLUSTERS.Mixed.filter((s) => s.status === "FAILED" || s.status === "RUNNING");
    expect(want).toHaveLength(3);
    expect(JSON.parse(stdout)).toEqual(want);
    const comma = await list([...target(server, "Mixed"), "-o", "json", "--status", "FAILED,RUNNING"]);
    expect(JSON.parse(comma.stdout)).toEqual(want);
  });

  it("--since keeps snapshots scheduled at or after the date-time", async () => {
    const since = mixedTime(3);
    const { code, stdout } = await list([...target(server, "Mixed"), "-o", "json", "--since", since]);
    expect(code).toBe(0);
    expect(ids(JSON.parse(stdout))).toEqual(ids(CLUSTERS.Mixed.slice(-4)));
  });

  it("--since and --status together, with a count of matches on stderr for tables", async () => {
    const since = mixedTime(5);
    const { stdout, stderr } = await list([...target(server, "Mixed"), "--since", since, "-s", "completed"]);
    const want = CLUSTERS.Mixed.slice(-6).filter((s) => s.status === "COMPLETED");
    expect(
      stdout
        .trimEnd()
        .split("\n")
        .slice(1)
        .map((line) => line.split(/\s+/)[0]),
    ).toEqual(ids(want));
    expect(stderr.trim()).toBe(`${want.length} of 10 snapshots match`);
  });

  it("--since with a plain date", async () => {
    const day = mixedTime(2).slice(0, 10);
    const { stdout } = await list([...target(server, "Mixed"), "-o", "json", "--since", day]);
    const want = CLUSTERS.Mixed.filter((s) => s.scheduledTime >= `${day}T00:00:00Z`);
    expect(ids(JSON.parse(stdout))).toEqual(ids(want));
  });
});

describe("list paging", () => {
  it("reads every page by default: 250 snapshots over three pages of 100, in order, each once", async () => {
    server.mock.requests.clear();
    const { code, stdout } = await list([...target(server, "Big"), "--items-per-page", "100", "-o", "json"]);
    expect(code).toBe(0);
    expect(ids(JSON.parse(stdout))).toEqual(ids(CLUSTERS.Big));
    const pages = server.mock.requests
      .list()
      .filter((entry) => entry.status === 200)
      .map((entry) => new URL(entry.url, server.url).searchParams.get("pageNum"));
    expect(pages.sort()).toEqual(["1", "2", "3"]);
  });

  it("--all is the same as the default", async () => {
    const { stdout } = await list([...target(server, "Big"), "--all", "--items-per-page", "100", "-o", "ndjson"]);
    expect(
      stdout
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line).id),
    ).toEqual(ids(CLUSTERS.Big));
  });

  it.each([
    [1, CLUSTERS.Big.slice(0, 100)],
    [2, CLUSTERS.Big.slice(100, 200)],
    [3, CLUSTERS.Big.slice(200)],
    [4, []],
  ])("--page %i fetches just that page", async (page, want) => {
    const { code, stdout } = await list([
      ...target(server, "Big"),
      "--page",
      String(page),
      "--items-per-page",
      "100",
      "-o",
      "json",
    ]);
    expect(code).toBe(0);
    expect(ids(JSON.parse(stdout))).toEqual(ids(want));
  });

  it("--page defaults to the API's page size of 100 and reports the page on stderr", async () => {
    const { stdout, stderr } = await list([...target(server, "Big"), "--page", "3"]);
    expect(stdout.trimEnd().split("\n")).toHaveLength(1 + 50);
    expect(stderr.trim()).toBe("50 snapshots; page 3 of 3, 250 in all");
  });

  it("--concurrency 1 still yields every page in order", async () => {
    const { stdout, stderr } = await list([
      ...target(server, "Big"),
      "--items-per-page",
      "30",
      "--concurrency",
      "1",
      "-o",
      "json",
    ]);
    expect(stderr).toBe("");
    expect(ids(JSON.parse(stdout))).toEqual(ids(CLUSTERS.Big));
  });
});

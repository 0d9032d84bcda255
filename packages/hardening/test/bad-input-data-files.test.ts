// Malformed data files, through every door: the library loader, the mock
// server's --data and atlas-snapshots' --mock-data. Each names the file and
// the JSON path of the first problem; nothing starts half-loaded.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAtlasMock, loadMockData, MockDataError } from "@atlas-snapshots/mock";
import { afterAll, describe, expect, it } from "vitest";
import { cliBin, mockServerBin } from "./helpers/paths.js";
import { runNode } from "./helpers/run-node.js";
import { GROUP } from "./helpers/seed-data.js";

const OK_SNAPSHOT = {
  id: "5cc310ace5dc7ce369814bc8",
  status: "FAILED",
  mongoDBVersion: "4.2.7",
  scheduledTime: "2019-04-26T12:00:00Z",
  startTime: "2019-04-26T14:07:53Z",
  finishTime: "2019-04-26T14:08:07Z",
};
const data = (snapshots: unknown[], cluster: Record<string, unknown> = {}, group: Record<string, unknown> = {}) =>
  JSON.stringify({ groups: [{ id: GROUP, clusters: [{ name: "M2AWS", snapshots, ...cluster }], ...group }] });
const snap = (patch: Record<string, unknown>) => ({ ...OK_SNAPSHOT, ...patch });
const SNAP0 = "groups[0].clusters[0].snapshots[0]";

// [name, { given: file text, want: JSON path named }]
const CASES: [string, { given: string; want: string }][] = [
  ["not JSON", { given: '{"groups": [', want: "$" }],
  ["an empty file", { given: "", want: "$" }],
  ["an array at the top", { given: "[]", want: "$" }],
  ["null", { given: "null", want: "$" }],
  ["groups an object", { given: '{"groups": {}}', want: "groups" }],
  ["a misspelt top-level key", { given: '{"groups": [], "group": []}', want: "group" }],
  [
    "a group id in upper case",
    { given: JSON.stringify({ groups: [{ id: GROUP.toUpperCase(), clusters: [] }] }), want: "groups[0].id" },
  ],
  [
    "the same group twice",
    {
      given: JSON.stringify({
        groups: [
          { id: GROUP, clusters: [] },
          { id: GROUP, clusters: [] },
        ],
      }),
      want: "groups[1].id",
    },
  ],
  ["a cluster name with '/'", { given: data([], { name: "M2/AWS" }), want: "groups[0].clusters[0].name" }],
  ["a cluster name '..'", { given: data([], { name: ".." }), want: "groups[0].clusters[0].name" }],
  ["a cluster name in unicode", { given: data([], { name: "クラスター" }), want: "groups[0].clusters[0].name" }],
  ["a snapshot status DONE", { given: data([snap({ status: "DONE" })]), want: `${SNAP0}.status` }],
  ["a snapshot id of 23 characters", { given: data([snap({ id: OK_SNAPSHOT.id.slice(1) })]), want: `${SNAP0}.id` }],
  [
    "a scheduledTime that is no date",
    { given: data([snap({ scheduledTime: "yesterday" })]), want: `${SNAP0}.scheduledTime` },
  ],
  [
    "finishTime before startTime",
    { given: data([snap({ finishTime: "2019-04-26T14:00:00Z" })]), want: `${SNAP0}.finishTime` },
  ],
  ["an unknown snapshot field", { given: data([snap({ sizeBytes: 12 })]), want: `${SNAP0}.sizeBytes` }],
  ["a snapshot that is a string", { given: data(["5cc310ace5dc7ce369814bc8"]), want: SNAP0 }],
  [
    "a __proto__ key",
    {
      given: data([], {}, { __proto__: { polluted: true } }).replace(
        '"clusters"',
        '"__proto__":{"polluted":true},"clusters"',
      ),
      want: "groups[0].__proto__",
    },
  ],
  [
    "a bad snapshot at index 19,999",
    {
      given: data(
        Array.from({ length: 20_000 }, (_, i) =>
          i === 19_999 ? snap({ id: "f".repeat(24), status: "?" }) : snap({ id: i.toString(16).padStart(24, "0") }),
        ),
      ),
      want: "groups[0].clusters[0].snapshots[19999].status",
    },
  ],
  ["arrays nested 100,000 deep", { given: `${"[".repeat(100_000)}${"]".repeat(100_000)}`, want: "$" }],
];

const dir = mkdtempSync(join(tmpdir(), "atlas-bad-data-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fileFor = (name: string, text: string) => {
  const file = join(dir, `${name.replace(/[^a-z0-9]+/gi, "-")}.json`);
  writeFileSync(file, text);
  return file;
};
const pathMessage = (path: string) => new RegExp(`${path.replace(/[[\]$.]/g, "\\$&")}: `);

describe("malformed data files", () => {
  it("has a good control: a valid file loads everywhere", async () => {
    const file = fileFor("good", data([OK_SNAPSHOT]));
    expect(loadMockData(data([OK_SNAPSHOT])).groups[0]?.clusters[0]?.snapshots).toHaveLength(1);
    const run = await runNode(cliBin(), ["list", "--mock-data", file, "--output", "json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([OK_SNAPSHOT]);
  });

  describe("loadMockData (the library)", () => {
    it.each(CASES)("%s", (_name, { given, want }) => {
      let error: unknown;
      try {
        loadMockData(given);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(MockDataError);
      expect((error as MockDataError).path).toBe(want);
      expect((error as Error).message).toMatch(pathMessage(want));
      expect((error as Error).message.length).toBeLessThan(400);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      // The library still works afterwards.
      expect(createAtlasMock({ data: loadMockData(data([OK_SNAPSHOT])) }).store.listGroups()).toEqual([GROUP]);
    });
  });

  describe("atlas-mock-server --data FILE", () => {
    it.concurrent.each(CASES)("%s", async (name, { given, want }) => {
      const file = fileFor(`mock-${name}`, given);
      const run = await runNode(mockServerBin(), ["--port", "0", "--data", file]);
      expect({ code: run.code, stdout: run.stdout }, run.stderr).toEqual({ code: 2, stdout: "" });
      const [first = ""] = run.stderr.split("\n");
      expect(first).toContain(`--data ${file}: `);
      expect(first).toMatch(pathMessage(want));
      expect(run.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
    });
  });

  describe("atlas-snapshots list --mock-data FILE", () => {
    it.concurrent.each(CASES)("%s", async (name, { given, want }) => {
      const file = fileFor(`cli-${name}`, given);
      const run = await runNode(cliBin(), ["list", "--mock-data", file]);
      expect({ code: run.code, stdout: run.stdout }, run.stderr).toEqual({ code: 2, stdout: "" });
      const [first = ""] = run.stderr.split("\n");
      expect(first).toMatch(/^atlas-snapshots: --mock-data /);
      expect(first).toContain(file);
      // Either JSON.parse's own complaint or the loader's JSON path.
      if (want !== "$") expect(first).toMatch(pathMessage(want));
      expect(run.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
    });
  });
});

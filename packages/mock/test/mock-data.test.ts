// Data files: a valid one loads and is served; each malformed one is refused
// with the JSON path of its first problem.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createAtlasMock, loadMockData, type MockData, MockDataError, validateMockData } from "../src/index.js";
import { snapshotsPath } from "./helpers/fixtures.js";

const FILE = new URL("./fixtures/valid-data.json", import.meta.url);
const validText = readFileSync(FILE, "utf8");
const valid = () => JSON.parse(validText) as MockData;

describe("loadMockData", () => {
  it("loads a valid file and the mock serves it in the spec's order", async () => {
    const data = loadMockData(validText);
    expect(data.groups).toHaveLength(2);
    const mock = createAtlasMock({ auth: "off", data });
    const res = await mock.handle(new Request(`https://cloud.mongodb.com/api/atlas/v1.0${snapshotsPath()}`));
    const page = await res.json();
    expect(page.results.map((s: { id: string }) => s.id)).toEqual([
      "5cc310ace5dc7ce369814bc8",
      "5cc45f2de5dc7ce369814d01",
      "5cc5b0aee5dc7ce369814e3a",
    ]);
    // expiration and links, as real Atlas and MongoDB's spec have them, are served as given.
    expect(page.results[1]).toEqual(valid().groups[0]?.clusters[0]?.snapshots[1]);
    expect(page.results[1]).toHaveProperty("expiration", "2019-05-05T12:00:00Z");
    expect(mock.store.listClusters("0123456789abcdef01234567")).toEqual([]);
  });

  it("returns a copy: changing the input later does not change the mock", () => {
    const input = valid();
    const mock = createAtlasMock({ data: input });
    input.groups = [];
    expect(mock.store.listGroups()).toHaveLength(2);
    const copy = mock.store.toData();
    expect(copy.groups.map((g) => g.id)).toEqual(["5b69d0349b15c62cdfc38b78", "0123456789abcdef01234567"]);
    expect(copy.groups[0]?.clusters[0]?.snapshots.map((s) => s.id).sort()).toEqual(
      valid()
        .groups[0]?.clusters[0]?.snapshots.map((s) => s.id)
        .sort(),
    );
  });

  it("reads each cluster's kind (default tenant), serves a flex one through the Flex API only, and writes kinds back", async () => {
    const data = valid();
    const [m2, second] = data.groups[0]?.clusters ?? [];
    Object.assign(second as object, { kind: "flex" });
    const mock = createAtlasMock({ auth: "off", data: loadMockData(data) });
    expect(mock.store.clusterKind("5b69d0349b15c62cdfc38b78", m2?.name ?? "")).toBe("tenant");
    expect(mock.store.clusterKind("5b69d0349b15c62cdfc38b78", second?.name ?? "")).toBe("flex");
    const v2 = `https://cloud.mongodb.com/api/atlas/v2/groups/5b69d0349b15c62cdfc38b78/flexClusters/${second?.name}/backup/snapshots`;
    const init = { headers: { accept: "application/vnd.atlas.2024-11-13+json" } };
    const flex = await mock.handle(new Request(v2, init));
    expect(flex.status).toBe(200);
    const wrongApi = await mock.handle(new Request(v2.replace(`/${second?.name}/`, `/${m2?.name}/`), init));
    expect((await wrongApi.json()) as object).toMatchObject({ errorCode: "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API" });
    expect(mock.store.toData().groups[0]?.clusters.map((c) => c.kind)).toEqual(["tenant", "flex"]);
  });

  it("refuses text that is not JSON", () => {
    expect(() => loadMockData("{ groups: ")).toThrow(/^\$: is not valid JSON/);
  });

  type Data = MockData & Record<string, unknown>;
  /** Changes fields of the first cluster's snapshot `i`. */
  const patchSnapshot = (i: number, fields: Record<string, unknown>) => (d: Data) =>
    Object.assign(d.groups[0]?.clusters[0]?.snapshots[i] as object, fields);

  const malformed: [string, { change: (d: Data) => void; message: string }][] = [
    [
      "an unknown top-level field",
      { change: (d) => Object.assign(d, { group: [] }), message: "group: is not a known field" },
    ],
    ["groups not an array", { change: (d) => Object.assign(d, { groups: {} }), message: "groups: must be an array" }],
    [
      "a bad group id",
      {
        change: (d) => Object.assign(d.groups[1] as object, { id: "XYZ" }),
        message: "groups[1].id: must be 24 lowercase hexadecimal characters",
      },
    ],
    [
      "a duplicate group id",
      {
        change: (d) => Object.assign(d.groups[1] as object, { id: "5b69d0349b15c62cdfc38b78" }),
        message: "groups[1].id: duplicates groups[0].id (5b69d0349b15c62cdfc38b78)",
      },
    ],
    [
      "an unknown cluster kind",
      {
        change: (d) => Object.assign(d.groups[0]?.clusters[1] as object, { kind: "dedicated" }),
        message:
          'groups[0].clusters[1].kind: must be "tenant" (an M2/M5 cluster, API v1.0) or "flex" (a Flex cluster, API v2), or left out for "tenant"; got "dedicated"',
      },
    ],
    [
      "a cluster kind that is no string",
      {
        change: (d) => Object.assign(d.groups[0]?.clusters[0] as object, { kind: ["flex"] }),
        message: 'groups[0].clusters[0].kind: must be "tenant"',
      },
    ],
    [
      "a bad cluster name",
      {
        change: (d) => Object.assign(d.groups[0]?.clusters[1] as object, { name: "M5 empty" }),
        message: "groups[0].clusters[1].name: must start with a letter or digit",
      },
    ],
    [
      "a duplicate cluster name",
      {
        change: (d) => Object.assign(d.groups[0]?.clusters[1] as object, { name: "M2AWS" }),
        message: "groups[0].clusters[1].name: duplicates groups[0].clusters[0].name (M2AWS)",
      },
    ],
    [
      "an unknown status",
      {
        change: patchSnapshot(2, { status: "DONE" }),
        message:
          "groups[0].clusters[0].snapshots[2].status: must be one of COMPLETED, FAILED, PENDING, QUEUED, RUNNING",
      },
    ],
    [
      "a bad snapshot id",
      {
        change: patchSnapshot(1, { id: 42 }),
        message: "groups[0].clusters[0].snapshots[1].id: must be 24 lowercase hexadecimal characters",
      },
    ],
    [
      "a duplicate snapshot id",
      {
        change: patchSnapshot(1, { id: "5cc310ace5dc7ce369814bc8" }),
        message: "groups[0].clusters[0].snapshots[1].id: duplicates groups[0].clusters[0].snapshots[0].id",
      },
    ],
    [
      "a time not in UTC",
      {
        change: patchSnapshot(0, {
          scheduledTime: "2019-04-26T12:00:00+02:00",
        }),
        message: "groups[0].clusters[0].snapshots[0].scheduledTime: must be an ISO 8601 date-time in UTC",
      },
    ],
    [
      "a date that does not exist",
      {
        change: patchSnapshot(2, { scheduledTime: "2019-02-30T12:00:00Z" }),
        message: "groups[0].clusters[0].snapshots[2].scheduledTime: must be an ISO 8601 date-time in UTC",
      },
    ],
    [
      "a finish before the start",
      {
        change: patchSnapshot(1, { finishTime: "2019-04-27T12:00:40Z" }),
        message: "groups[0].clusters[0].snapshots[1].finishTime: must not be before startTime",
      },
    ],
    [
      "a start before the schedule",
      {
        change: patchSnapshot(1, { startTime: "2019-04-27T11:59:59Z" }),
        message: "groups[0].clusters[0].snapshots[1].startTime: must not be before scheduledTime",
      },
    ],
    [
      "a start time on a QUEUED snapshot",
      {
        change: patchSnapshot(2, { startTime: "2019-04-28T12:00:01Z" }),
        message: "groups[0].clusters[0].snapshots[2].startTime: must be absent while QUEUED",
      },
    ],
    [
      "a field the spec does not have",
      {
        change: patchSnapshot(0, { sizeBytes: 1024 }),
        message: "groups[0].clusters[0].snapshots[0].sizeBytes: is not a TenantSnapshot field",
      },
    ],
    [
      "an expiration not in UTC",
      {
        change: patchSnapshot(1, { expiration: "2019-05-05T12:00:00+02:00" }),
        message: "groups[0].clusters[0].snapshots[1].expiration: must be an ISO 8601 date-time in UTC",
      },
    ],
    [
      "an expiration before the schedule",
      {
        change: patchSnapshot(1, { expiration: "2019-04-20T12:00:00Z" }),
        message: "groups[0].clusters[0].snapshots[1].expiration: must not be before scheduledTime",
      },
    ],
    [
      "links that are not an array",
      {
        change: patchSnapshot(1, { links: { rel: "self" } }),
        message: "groups[0].clusters[0].snapshots[1].links: must be an array",
      },
    ],
    [
      "a link with a relative href",
      {
        change: patchSnapshot(1, { links: [{ href: "/groups/x", rel: "self" }] }),
        message: "groups[0].clusters[0].snapshots[1].links[0].href: must be an absolute URL",
      },
    ],
    [
      "a link with a field Link does not have",
      {
        change: patchSnapshot(1, { links: [{ href: "https://example.com/x", rel: "self", title: "x" }] }),
        message: "groups[0].clusters[0].snapshots[1].links[0].title: is not a Link field",
      },
    ],
    [
      "a missing mongoDBVersion",
      {
        change: patchSnapshot(0, { mongoDBVersion: "" }),
        message: "groups[0].clusters[0].snapshots[0].mongoDBVersion: must be a non-empty string",
      },
    ],
  ];

  it.each(malformed)("refuses %s with the JSON path of the problem", (_name, { change, message }) => {
    const data = valid() as MockData & Record<string, unknown>;
    change(data);
    let thrown: unknown;
    try {
      validateMockData(data);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MockDataError);
    expect((thrown as MockDataError).message.startsWith(message)).toBe(true);
    expect(() => createAtlasMock({ data })).toThrow(MockDataError);
  });
});

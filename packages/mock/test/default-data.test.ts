// The generated data: deterministic, realistic, and valid by the data-file rules.
import { SNAPSHOT_STATUSES } from "@atlas-snapshots/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createAtlasMock,
  createDefaultData,
  DEFAULT_CLUSTER_NAME,
  DEFAULT_FLEX_CLUSTER_NAME,
  DEFAULT_GROUP_ID,
  type MockData,
  SEED_EXAMPLE_SNAPSHOT,
  validateMockData,
} from "../src/index.js";
import { NOW } from "./helpers/fixtures.js";

describe("default data", () => {
  it("holds the seed's project, cluster and example snapshot, 30 snapshots, and an M5 cluster", () => {
    const data = createDefaultData({ seed: 1, snapshots: 30, now: NOW });
    expect(data.groups.map((g) => g.id)).toEqual([DEFAULT_GROUP_ID]);
    const [m2, m5] = data.groups[0]?.clusters ?? [];
    expect(m2?.name).toBe(DEFAULT_CLUSTER_NAME);
    expect(m2?.snapshots).toHaveLength(30);
    expect(m2?.snapshots).toContainEqual(SEED_EXAMPLE_SNAPSHOT);
    expect(m5?.name).toMatch(/^M5/);
    // Oldest first: the seed's 2019 example, then the daily history up to today.
    expect(m2?.snapshots[0]).toEqual(SEED_EXAMPLE_SNAPSHOT);
    expect(m2?.snapshots.at(-1)?.scheduledTime).toBe("2024-06-15T12:00:00Z");
    expect(m2?.snapshots.at(-2)?.scheduledTime).toBe("2024-06-14T12:00:00Z");
  });

  it("is the same for the same seed and different for another", () => {
    const a = createDefaultData({ seed: 42, snapshots: 30, now: NOW });
    expect(createDefaultData({ seed: 42, snapshots: 30, now: NOW })).toEqual(a);
    expect(createDefaultData({ seed: 43, snapshots: 30, now: NOW })).not.toEqual(a);
    expect(createAtlasMock({ seed: 42, now: () => NOW }).store.toData()).toEqual(a);
  });

  it("follows the snapshots option, down to an empty cluster", () => {
    expect(
      createAtlasMock({ snapshots: 3000, now: () => NOW }).store.listSnapshots(DEFAULT_GROUP_ID, "M2AWS"),
    ).toHaveLength(3000);
    expect(createAtlasMock({ snapshots: 1 }).store.listSnapshots(DEFAULT_GROUP_ID, "M2AWS")).toEqual([
      SEED_EXAMPLE_SNAPSHOT,
    ]);
    expect(createAtlasMock({ snapshots: 0 }).store.listSnapshots(DEFAULT_GROUP_ID, "M2AWS")).toEqual([]);
  });

  it("looks like a real cluster's history for any seed, size and time of day", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: Date.parse("2019-06-01T00:00:00Z"), max: Date.parse("2030-01-01T00:00:00Z") }),
        (seed, snapshots, now) => {
          const data = validateMockData(createDefaultData({ seed, snapshots, now }));
          for (const cluster of data.groups[0]?.clusters ?? []) {
            const last = cluster.snapshots.length - 1;
            cluster.snapshots.forEach((s, i) => {
              expect(SNAPSHOT_STATUSES).toContain(s.status);
              if (i < last) {
                expect(["COMPLETED", "FAILED"]).toContain(s.status);
                expect(Date.parse(s.scheduledTime)).toBeLessThan(
                  Date.parse(cluster.snapshots[i + 1]?.scheduledTime ?? ""),
                );
              }
              if (s.status === "QUEUED") expect(Date.parse(s.scheduledTime) + 120_000).toBeGreaterThan(now);
              // Completed snapshots expire 8 days after they were scheduled; the others carry no expiration.
              if (s.status === "COMPLETED" && s.id !== SEED_EXAMPLE_SNAPSHOT.id) {
                expect(Date.parse(s.expiration ?? "")).toBe(Date.parse(s.scheduledTime) + 8 * 86_400_000);
              } else {
                expect(s.expiration).toBeUndefined();
              }
            });
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("fails now and then, like a real cluster", () => {
    const snapshots = createDefaultData({ seed: 3, snapshots: 1000, now: NOW }).groups[0]?.clusters[0]?.snapshots ?? [];
    const failed = snapshots.filter((s) => s.status === "FAILED").length;
    expect(failed).toBeGreaterThan(10);
    expect(failed).toBeLessThan(120);
  });
});

describe("default data: the Flex cluster", () => {
  const DAY = 86_400_000;
  const flexOf = (data: MockData) => data.groups[0]?.clusters.find((c) => c.name === DEFAULT_FLEX_CLUSTER_NAME);

  it("sits in the seed's project as a flex cluster beside the two tenant clusters", () => {
    const clusters = createDefaultData({ seed: 1, snapshots: 30, now: NOW }).groups[0]?.clusters ?? [];
    expect(clusters.map((c) => [c.name, c.kind])).toEqual([
      ["M2AWS", "tenant"],
      ["M5AZURE", "tenant"],
      ["FlexAWS", "flex"],
    ]);
  });

  it("holds one snapshot a day at 17:05:10 UTC for the 8 days up to now, oldest first, as the recording", () => {
    const flex = flexOf(createDefaultData({ seed: 1, snapshots: 30, now: NOW }));
    // NOW is 09:30 on 2024-06-15, before that day's 17:05:10: the newest is the 14th's.
    expect(flex?.snapshots.map((s) => s.scheduledTime)).toEqual(
      ["07", "08", "09", "10", "11", "12", "13", "14"].map((d) => `2024-06-${d}T17:05:10Z`),
    );
    for (const s of flex?.snapshots ?? []) {
      expect(s.status).toBe("COMPLETED");
      expect(s.mongoDBVersion).toBe("8.0.29");
      const [scheduled, start, finish] = [s.scheduledTime, s.startTime, s.finishTime].map((t) => Date.parse(t ?? ""));
      expect((start as number) - (scheduled as number)).toBeGreaterThanOrEqual(5_000);
      expect((start as number) - (scheduled as number)).toBeLessThanOrEqual(46_000);
      expect((finish as number) - (start as number)).toBeGreaterThanOrEqual(60_000);
      expect((finish as number) - (start as number)).toBeLessThanOrEqual(120_000);
      // Retention shown honestly: expiration is scheduledTime + 8 days, and none has passed.
      expect(Date.parse(s.expiration ?? "")).toBe((scheduled as number) + 8 * DAY);
      expect(Date.parse(s.expiration ?? "")).toBeGreaterThan(NOW);
      // The ObjectId opens with the seconds one before startTime, as every recorded Flex id does.
      expect(Number.parseInt(s.id.slice(0, 8), 16)).toBe((start as number) / 1000 - 1);
    }
  });

  it("shows today's snapshot QUEUED, then RUNNING, then COMPLETED, while the one it replaces has expired", () => {
    const at = (time: string) => flexOf(createDefaultData({ seed: 1, snapshots: 30, now: Date.parse(time) }));
    const queued = at("2024-06-15T17:05:11Z");
    expect(queued?.snapshots).toHaveLength(8);
    expect(queued?.snapshots[0]?.scheduledTime).toBe("2024-06-08T17:05:10Z");
    expect(queued?.snapshots.at(-1)).toMatchObject({ scheduledTime: "2024-06-15T17:05:10Z", status: "QUEUED" });
    expect(queued?.snapshots.at(-1)).not.toHaveProperty("expiration");
    expect(at("2024-06-15T17:06:00Z")?.snapshots.at(-1)?.status).toBe("RUNNING");
    expect(at("2024-06-15T17:10:00Z")?.snapshots.at(-1)?.status).toBe("COMPLETED");
  });

  it("keeps the M2/M5 data as they were: FlexAWS draws from its own stream", () => {
    const small = createDefaultData({ seed: 5, snapshots: 3, now: NOW });
    const large = createDefaultData({ seed: 5, snapshots: 300, now: NOW });
    expect(flexOf(small)).toEqual(flexOf(large));
    expect(flexOf(createDefaultData({ seed: 6, snapshots: 3, now: NOW }))).not.toEqual(flexOf(small));
    const withoutFlex = small.groups[0]?.clusters.filter((c) => c.kind === "tenant");
    expect(withoutFlex?.map((c) => c.name)).toEqual(["M2AWS", "M5AZURE"]);
  });

  it("is served by the Flex API and refused by the M2/M5 API", async () => {
    const mock = createAtlasMock({ auth: "off", now: () => NOW });
    expect(mock.store.clusterKind(DEFAULT_GROUP_ID, DEFAULT_FLEX_CLUSTER_NAME)).toBe("flex");
    const flex = await mock.handle(
      new Request(
        `https://cloud.mongodb.com/api/atlas/v2/groups/${DEFAULT_GROUP_ID}/flexClusters/FlexAWS/backup/snapshots`,
        { headers: { accept: "application/vnd.atlas.2024-11-13+json" } },
      ),
    );
    expect(((await flex.json()) as { totalCount: number }).totalCount).toBe(8);
    const tenant = await mock.handle(
      new Request(
        `https://cloud.mongodb.com/api/atlas/v1.0/groups/${DEFAULT_GROUP_ID}/clusters/FlexAWS/backup/tenant/snapshots`,
      ),
    );
    expect(tenant.status).toBe(400);
  });
});

// The generated data: deterministic, realistic, and valid by the data-file rules.
import { SNAPSHOT_STATUSES } from "@atlas-snapshots/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createAtlasMock,
  createDefaultData,
  DEFAULT_CLUSTER_NAME,
  DEFAULT_GROUP_ID,
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

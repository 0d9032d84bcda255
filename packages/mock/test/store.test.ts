// The store's own contract: checks on what goes in, errors that say what to do.
import { describe, expect, it } from "vitest";
import { createAtlasMock, DEFAULT_GROUP_ID, MockStoreError, SEED_EXAMPLE_SNAPSHOT } from "../src/index.js";
import { OTHER_GROUP } from "./helpers/fixtures.js";

describe("store", () => {
  const fresh = () => createAtlasMock({ now: () => Date.parse("2024-06-15T09:30:00Z") }).store;

  it("refuses an invalid snapshot with the field and the rule", () => {
    const store = fresh();
    expect(() =>
      store.putSnapshot(DEFAULT_GROUP_ID, "M2AWS", { ...SEED_EXAMPLE_SNAPSHOT, status: "DONE" as never }),
    ).toThrow(/snapshot\.status must be one of COMPLETED/);
    expect(() =>
      store.updateSnapshot(DEFAULT_GROUP_ID, "M2AWS", SEED_EXAMPLE_SNAPSHOT.id, { startTime: undefined }),
    ).toThrow(/startTime must be present when finishTime is/);
  });

  it("names the missing project or cluster and the call that creates it", () => {
    const store = fresh();
    expect(() => store.putSnapshot(OTHER_GROUP, "M2AWS", SEED_EXAMPLE_SNAPSHOT)).toThrow(/call store.addGroup first/);
    expect(() => store.listSnapshots(DEFAULT_GROUP_ID, "M2GCP")).toThrow(MockStoreError);
    expect(() => store.addGroup("nope")).toThrow(/24 lowercase hexadecimal/);
    expect(() => store.addCluster(DEFAULT_GROUP_ID, "bad name")).toThrow(/letters, digits and hyphens/);
  });

  it("keeps served order, replaces by id, and hands out frozen snapshots", () => {
    const store = fresh();
    const before = store.listSnapshots(DEFAULT_GROUP_ID, "M2AWS");
    expect(Object.isFrozen(before)).toBe(true);
    expect(Object.isFrozen(before[0])).toBe(true);
    store.putSnapshot(DEFAULT_GROUP_ID, "M2AWS", { ...SEED_EXAMPLE_SNAPSHOT, mongoDBVersion: "4.2.8" });
    const after = store.listSnapshots(DEFAULT_GROUP_ID, "M2AWS");
    expect(after).toHaveLength(before.length);
    expect(store.getSnapshot(DEFAULT_GROUP_ID, "M2AWS", SEED_EXAMPLE_SNAPSHOT.id)?.mongoDBVersion).toBe("4.2.8");
  });

  it("orders ties in scheduledTime by id, ascending", () => {
    const store = fresh();
    store.addCluster(OTHER_GROUP, "TIES");
    const base = { mongoDBVersion: "8.0.4", scheduledTime: "2024-01-01T12:00:00Z", status: "QUEUED" as const };
    for (const id of ["aaaaaaaaaaaaaaaaaaaaaaa1", "aaaaaaaaaaaaaaaaaaaaaaa3", "aaaaaaaaaaaaaaaaaaaaaaa2"]) {
      store.putSnapshot(OTHER_GROUP, "TIES", { ...base, id });
    }
    expect(store.listSnapshots(OTHER_GROUP, "TIES").map((s) => s.id.slice(-1))).toEqual(["1", "2", "3"]);
  });

  it("adds a cluster of a kind, keeps its kind, and refuses to re-add it as the other kind", () => {
    const store = fresh();
    store.addCluster(OTHER_GROUP, "Flex1", "flex");
    store.addCluster(OTHER_GROUP, "Flex1", "flex"); // already there: nothing to do
    store.addCluster(OTHER_GROUP, "M2X");
    expect(store.clusterKind(OTHER_GROUP, "Flex1")).toBe("flex");
    expect(store.clusterKind(OTHER_GROUP, "M2X")).toBe("tenant");
    expect(store.clusterKind(OTHER_GROUP, "Nope")).toBeUndefined();
    expect(() => store.addCluster(OTHER_GROUP, "Flex1", "tenant")).toThrow(
      /Flex1 in project 0123456789abcdef01234567 is a flex cluster; call store.removeCluster first/,
    );
    expect(() => store.addCluster(OTHER_GROUP, "X", "dedicated" as never)).toThrow(/must be "tenant" or "flex"/);
    expect(() =>
      store.putSnapshot(OTHER_GROUP, "Flex1", { ...SEED_EXAMPLE_SNAPSHOT, status: "DONE" as never }),
    ).toThrow(/snapshot\.status must be one of/);
    store.putSnapshot(OTHER_GROUP, "Flex1", SEED_EXAMPLE_SNAPSHOT);
    expect(store.listSnapshots(OTHER_GROUP, "Flex1")).toEqual([SEED_EXAMPLE_SNAPSHOT]);
  });

  it("clears everything and resets to the start", () => {
    const store = fresh();
    store.clear();
    expect(store.listGroups()).toEqual([]);
    store.reset();
    expect(store.listClusters(DEFAULT_GROUP_ID)).toEqual(["M2AWS", "M5AZURE", "FlexAWS"]);
  });
});

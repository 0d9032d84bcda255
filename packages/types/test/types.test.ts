import { describe, expect, expectTypeOf, it } from "vitest";
import {
  ITEMS_PER_PAGE_MAX,
  isSnapshotStatus,
  QUERY_DEFAULTS,
  SNAPSHOT_STATUSES,
  type SnapshotStatus,
  type TenantSnapshot,
  type TenantSnapshotPage,
  type TenantSnapshotQuery,
} from "../src/index.js";

describe("runtime constants", () => {
  it("lists exactly the statuses the type allows", () => {
    expectTypeOf<(typeof SNAPSHOT_STATUSES)[number]>().toEqualTypeOf<SnapshotStatus>();
    expect([...SNAPSHOT_STATUSES].sort()).toEqual(["COMPLETED", "FAILED", "PENDING", "QUEUED", "RUNNING"]);
  });

  it("carries the seed's query defaults and limits", () => {
    expect(QUERY_DEFAULTS).toEqual({
      pageNum: 1,
      itemsPerPage: 100,
      includeCount: true,
      pretty: false,
      envelope: false,
    });
    expect(ITEMS_PER_PAGE_MAX).toBe(500);
  });

  it("tells known statuses from unknown ones", () => {
    expect(SNAPSHOT_STATUSES.every(isSnapshotStatus)).toBe(true);
    expect(isSnapshotStatus("DELETED")).toBe(false);
    expect(isSnapshotStatus(undefined)).toBe(false);
  });
});

describe("friendly type names", () => {
  it("make a snapshot's required fields required", () => {
    expectTypeOf<TenantSnapshot["id"]>().toEqualTypeOf<string>();
    expectTypeOf<TenantSnapshot["status"]>().toEqualTypeOf<SnapshotStatus>();
    expectTypeOf<TenantSnapshot["finishTime"]>().toEqualTypeOf<string | undefined>();
    // @ts-expect-error a snapshot without an id is not a snapshot
    const missingId: TenantSnapshot = {
      status: "FAILED",
      mongoDBVersion: "4.2.7",
      scheduledTime: "2019-04-26T12:00:00Z",
    };
    expect(missingId.status).toBe("FAILED");
  });

  it("make totalCount optional on a page and type the query", () => {
    expectTypeOf<TenantSnapshotPage["totalCount"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<TenantSnapshotQuery["itemsPerPage"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<TenantSnapshotQuery["includeCount"]>().toEqualTypeOf<boolean | undefined>();
  });
});

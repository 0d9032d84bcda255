import { describe, expect, it } from "vitest";
import {
  checkApiError,
  checkApiErrorEnvelope,
  checkParamClusterName,
  checkParamGroupId,
  checkParamItemsPerPage,
  checkTenantSnapshot,
  checkTenantSnapshotPage,
  OPERATION_DETAILS,
  OPERATIONS,
} from "../src/index.js";

const snapshot = {
  id: "5cc310ace5dc7ce369814bc8",
  status: "FAILED",
  mongoDBVersion: "4.2.7",
  scheduledTime: "2019-04-26T12:00:00Z",
  startTime: "2019-04-26T14:07:53Z",
  finishTime: "2019-04-26T14:08:07Z",
};

describe("validators compiled from the spec", () => {
  it("accept the reference page's example page", () => {
    expect(checkTenantSnapshotPage({ results: [snapshot], totalCount: 1 })).toBeUndefined();
  });

  it.each([
    [{ ...snapshot, size: 1 }, ".size", "is not a TenantSnapshot field"],
    [{ ...snapshot, toString: "x" }, ".toString", "is not a TenantSnapshot field"],
    [{ ...snapshot, id: "5CC310ACE5DC7CE369814BC8" }, ".id", "must be 24 lowercase hexadecimal characters"],
    [{ ...snapshot, status: "DONE" }, ".status", "must be one of COMPLETED, FAILED, PENDING, QUEUED, RUNNING"],
    [{ ...snapshot, scheduledTime: "2019-02-30T12:00:00Z" }, ".scheduledTime", "must be an ISO 8601"],
    [{ ...snapshot, mongoDBVersion: "" }, ".mongoDBVersion", "must be a non-empty string"],
    [{ id: snapshot.id, status: "QUEUED", mongoDBVersion: "4.2.7" }, ".scheduledTime", "must be an ISO 8601"],
  ])("name the first problem of a bad snapshot (%#)", (value, path, problem) => {
    const found = checkTenantSnapshot(value);
    expect(found?.path).toBe(path);
    expect(found?.problem).toContain(problem);
  });

  it("report nested problems with their path", () => {
    expect(checkTenantSnapshotPage({ results: [snapshot, { ...snapshot, id: 1 }] })).toEqual({
      path: ".results[1].id",
      problem: "must be 24 lowercase hexadecimal characters",
    });
    // errorCode may be missing (Atlas's Digest 401 has none), but not malformed.
    expect(checkApiErrorEnvelope({ status: 404, content: { error: 404 } })).toBeUndefined();
    expect(checkApiErrorEnvelope({ status: 404, content: { error: 404, errorCode: "not found" } })?.path).toBe(
      ".content.errorCode",
    );
  });

  it("compile nullable, allOf and format: uri", () => {
    // nullable: Atlas sometimes sends parameters: null; a string is still refused.
    expect(checkApiError({ error: 500, parameters: null, detail: null })).toBeUndefined();
    expect(checkApiError({ error: 500, parameters: "x" })?.path).toBe(".parameters");
    // expiration is allOf [UtcDateTime]: the referenced rule applies.
    expect(checkTenantSnapshot({ ...snapshot, expiration: "2019-02-30T00:00:00Z" })?.path).toBe(".expiration");
    expect(checkTenantSnapshot({ ...snapshot, expiration: "2019-05-05T12:00:00Z" })).toBeUndefined();
    // Link.href is format: uri.
    const link = (href: string) => ({ ...snapshot, links: [{ href, rel: "self" }] });
    expect(checkTenantSnapshot(link("not a url"))).toEqual({
      path: ".links[0].href",
      problem: "must be an absolute URL",
    });
    expect(checkTenantSnapshot(link("https://cloud.mongodb.com/x"))).toBeUndefined();
  });

  it("check parameters under their own names, with the rule the table carries", () => {
    expect(checkParamGroupId("5b69d0349b15c62cdfc38b78")).toBeUndefined();
    expect(checkParamGroupId("5b69d0349b15c62cdfc38b7")).toEqual({
      path: "groupId",
      problem: OPERATION_DETAILS.listSharedClusterBackups.parameters.groupId.rule,
    });
    expect(checkParamClusterName("a".repeat(65))?.path).toBe("clusterName");
    expect(checkParamClusterName("-M2")?.path).toBe("clusterName");
    expect(checkParamItemsPerPage(501)?.problem).toBe("must be an integer from 1 to 500");
    expect(checkParamItemsPerPage(500)).toBeUndefined();
  });
});

describe("the operation table", () => {
  it("carries the listing's base path, statuses and paging from the spec", () => {
    const list = OPERATIONS.listSharedClusterBackups;
    expect(list.basePath).toBe("/api/atlas/v1.0");
    expect(list.method).toBe("GET");
    expect(list.paged).toBe(true);
    expect(OPERATIONS.getSharedClusterBackup.paged).toBe(false);
    expect(OPERATION_DETAILS.listSharedClusterBackups.statuses).toContain(404);
    expect(OPERATION_DETAILS.listSharedClusterBackups.parameters.pageNum).not.toHaveProperty("maximum");
  });
});

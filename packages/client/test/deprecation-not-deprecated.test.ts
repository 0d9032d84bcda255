// An operation the spec does not mark deprecated gets no notice: the operation table is
// replaced here by one where getSharedClusterBackup is not deprecated (as the Flex
// operations will be), and only the listing may be named.
import { describe, expect, it, vi } from "vitest";
import { createAtlasClient, type Logger } from "../src/index.js";
import { scriptedFetch } from "./helpers/scripted-fetch.js";
import { BASE_URL, CLUSTER, GROUP_ID } from "./helpers/snapshots.js";

vi.mock("@atlas-snapshots/types", async (importOriginal) => {
  const types = await importOriginal<typeof import("@atlas-snapshots/types")>();
  const { getSharedClusterBackup } = types.OPERATIONS;
  return {
    ...types,
    OPERATIONS: { ...types.OPERATIONS, getSharedClusterBackup: { ...getSharedClusterBackup, deprecation: null } },
  };
});

describe("the deprecation notice, for an operation that is not deprecated", () => {
  it("never names it, and still names the deprecated one", async () => {
    const warnings: string[] = [];
    const logger: Logger = { warn: (message) => warnings.push(message) };
    const snapshotId = "5cc310ace5dc7ce369814bc8";
    const fetch = scriptedFetch((request) =>
      Response.json(request.url.includes(snapshotId) ? { id: snapshotId } : { results: [], totalCount: 0 }, {
        headers: { Deprecation: "Sat, 1 Feb 2025 00:00:00 GMT", Sunset: "Thu, 22 Jan 2026 00:00:00 GMT" },
      }),
    );
    const atlas = createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: BASE_URL, fetch, logger });
    await atlas.getTenantSnapshot({ groupId: GROUP_ID, clusterName: CLUSTER, snapshotId });
    expect(warnings).toEqual([]);
    await atlas.listTenantSnapshots({ groupId: GROUP_ID, clusterName: CLUSTER });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("(listSharedClusterBackups)");
  });
});

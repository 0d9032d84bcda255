// The real client (@atlas-snapshots/client) against one adapter: Digest,
// paging over every page, errors, and faults it must ride out.
import { AtlasAuthenticationError, AtlasNotFoundError, createAtlasClient } from "@atlas-snapshots/client";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_GROUP_ID, DEFAULT_MOCK_CREDENTIALS, SEED_EXAMPLE_SNAPSHOT } from "../../src/index.js";
import type { Adapter, Target } from "./adapters.js";
import { NOW, OTHER_GROUP } from "./fixtures.js";

const cluster = { groupId: DEFAULT_GROUP_ID, clusterName: "M2AWS" };
const fastRetry = { baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 5 };

export function describeRealClient(adapter: Adapter): void {
  let target: Target | undefined;
  afterEach(async () => {
    await target?.stop();
    target = undefined;
  });
  async function start(options: Parameters<Adapter["start"]>[0] = {}): Promise<Target> {
    target = await adapter.start({ now: () => NOW, ...options });
    return target;
  }

  describe(`the real client through ${adapter.name}`, () => {
    it("lists the seed's example snapshot with Digest", async () => {
      const { baseUrl, mock } = await start();
      const atlas = createAtlasClient({ ...DEFAULT_MOCK_CREDENTIALS, baseUrl });
      const page = await atlas.listTenantSnapshots(cluster);
      expect(page.totalCount).toBe(30);
      expect(page.results).toContainEqual(SEED_EXAMPLE_SNAPSHOT);
      expect(mock.requests.list().some((e) => e.status === 200 && e.authenticated)).toBe(true);
    });

    it("lists every page of a large cluster, each snapshot once, in order", async () => {
      const { baseUrl, mock } = await start({ snapshots: 1234 });
      const atlas = createAtlasClient({ ...DEFAULT_MOCK_CREDENTIALS, baseUrl });
      const all = await atlas.listAllTenantSnapshots({ ...cluster, itemsPerPage: 100 });
      expect(all.map((s) => s.id)).toEqual(mock.store.listSnapshots(DEFAULT_GROUP_ID, "M2AWS").map((s) => s.id));
    });

    it("throws typed 404s for an unknown project and cluster", async () => {
      const { baseUrl } = await start();
      const atlas = createAtlasClient({ ...DEFAULT_MOCK_CREDENTIALS, baseUrl });
      await expect(atlas.listTenantSnapshots({ groupId: OTHER_GROUP, clusterName: "M2AWS" })).rejects.toMatchObject({
        constructor: AtlasNotFoundError,
        errorCode: "GROUP_NOT_FOUND",
      });
      await expect(atlas.listTenantSnapshots({ ...cluster, clusterName: "M2GCP" })).rejects.toMatchObject({
        constructor: AtlasNotFoundError,
        errorCode: "CLUSTER_NOT_FOUND",
      });
    });

    it("gets one snapshot from the same store, and a typed 404 for an id it does not hold", async () => {
      const { baseUrl } = await start();
      const atlas = createAtlasClient({ ...DEFAULT_MOCK_CREDENTIALS, baseUrl });
      const snapshot = await atlas.getTenantSnapshot({ ...cluster, snapshotId: SEED_EXAMPLE_SNAPSHOT.id });
      expect(snapshot).toEqual(SEED_EXAMPLE_SNAPSHOT);
      await expect(atlas.getTenantSnapshot({ ...cluster, snapshotId: "0".repeat(24) })).rejects.toMatchObject({
        constructor: AtlasNotFoundError,
        errorCode: "RESOURCE_NOT_FOUND",
      });
    });

    it("throws an authentication error for wrong keys", async () => {
      const { baseUrl } = await start();
      const atlas = createAtlasClient({ publicKey: "mockpublickey", privateKey: "wrong", baseUrl, maxRetries: 0 });
      await expect(atlas.listTenantSnapshots(cluster)).rejects.toBeInstanceOf(AtlasAuthenticationError);
    });

    it("rides out 20% faults and still yields every snapshot exactly once", async () => {
      const { baseUrl } = await start({ snapshots: 600, faults: { rate: 0.2, retryAfterSeconds: 0 }, seed: 5 });
      const atlas = createAtlasClient({ ...DEFAULT_MOCK_CREDENTIALS, baseUrl, maxRetries: 8, retry: fastRetry });
      const all = await atlas.listAllTenantSnapshots({ ...cluster, itemsPerPage: 50 });
      expect(all).toHaveLength(600);
      expect(new Set(all.map((s) => s.id)).size).toBe(600);
    });
  });
}

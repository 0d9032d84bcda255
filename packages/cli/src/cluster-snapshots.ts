import type { AtlasClient } from "@atlas-snapshots/client";
import type { TenantSnapshot, TenantSnapshotPage } from "@atlas-snapshots/types";
import { type ApiKind, discoverApiKind, flexNotice } from "./api-kind.js";

/** One snapshot, whichever API sent it: the spec gives a Flex snapshot the shared-tier snapshot's schema. */
export type Snapshot = TenantSnapshot;
export type SnapshotPage = TenantSnapshotPage;

/** One cluster's snapshots, read through whichever API serves it (api-kind.ts finds out which). */
export interface ClusterSnapshots {
  /** Every snapshot once, in the server's order, pages fetched concurrently. */
  iterate(params: { itemsPerPage: number; concurrency?: number }): AsyncGenerator<Snapshot, void, undefined>;
  /** One page as Atlas sent it. */
  page(params: { pageNum: number; itemsPerPage: number; includeCount?: boolean }): Promise<SnapshotPage>;
  /** One snapshot by id. */
  get(snapshotId: string): Promise<Snapshot>;
  /** The API that answered (or was forced), once known. */
  readonly kind: ApiKind | undefined;
}

export interface ClusterTarget {
  groupId: string;
  clusterName: string;
  /** `--api`: use this API only; undefined finds out. */
  api?: ApiKind;
}

/**
 * The client's tenant helpers or its Flex helpers for one cluster, the same
 * calls either way. The discovery lives as long as this object, so watch's
 * later looks go straight to the API found on the first and the notice is said once.
 */
export function clusterSnapshots(
  client: AtlasClient,
  { groupId, clusterName, api }: ClusterTarget,
  notice: (line: string) => void,
): ClusterSnapshots {
  const discovery = discoverApiKind({ forced: api, onFlex: () => notice(flexNotice(clusterName)) });
  const name = clusterName;
  return {
    iterate: ({ itemsPerPage, concurrency }) =>
      discovery.stream((kind) =>
        kind === "flex"
          ? client.iterateFlexSnapshots({ groupId, name, itemsPerPage, concurrency })
          : client.iterateTenantSnapshots({ groupId, clusterName, itemsPerPage, concurrency }),
      ),
    page: (query) =>
      discovery.run((kind) =>
        kind === "flex"
          ? client.listFlexSnapshots({ groupId, name, ...query })
          : client.listTenantSnapshots({ groupId, clusterName, ...query }),
      ),
    get: (snapshotId) =>
      discovery.run((kind) =>
        kind === "flex"
          ? client.getFlexSnapshot({ groupId, name, snapshotId })
          : client.getTenantSnapshot({ groupId, clusterName, snapshotId }),
      ),
    get kind() {
      return discovery.kind;
    },
  };
}

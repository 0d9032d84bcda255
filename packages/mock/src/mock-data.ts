// The shape of the mock's data, as in a `--data` file.
import type { TenantSnapshot } from "@atlas-snapshots/types";

/**
 * Which API serves a cluster's snapshots, as on Atlas: a `tenant` cluster (M2 or M5) through the
 * v1.0 shared-tier operations, a `flex` cluster through the v2 Flex operations. Each API answers a
 * cluster of the other kind with Atlas's recorded 400.
 */
export type ClusterKind = "tenant" | "flex";

/** Every cluster kind; the first is the default when data names none. */
export const CLUSTER_KINDS: readonly ClusterKind[] = ["tenant", "flex"];

export interface MockCluster {
  name: string;
  /** Default "tenant", so data written before Flex clusters existed still means what it meant. */
  kind?: ClusterKind;
  /** A Flex snapshot has the same fields and rules as a tenant one (the spec's FlexBackupSnapshot). */
  snapshots: TenantSnapshot[];
}

export interface MockGroup {
  /** The project (group) id: 24 lowercase hex characters. */
  id: string;
  clusters: MockCluster[];
}

/** `{"groups":[{"id":"<24 hex>","clusters":[{"name":"M2AWS","snapshots":[...]}, {"name":"FlexAWS","kind":"flex",...}]}]}` */
export interface MockData {
  groups: MockGroup[];
}

// The shape of the mock's data, as in a `--data` file.
import type { TenantSnapshot } from "@atlas-snapshots/types";

export interface MockCluster {
  name: string;
  snapshots: TenantSnapshot[];
}

export interface MockGroup {
  /** The project (group) id: 24 lowercase hex characters. */
  id: string;
  clusters: MockCluster[];
}

/** `{"groups":[{"id":"<24 hex>","clusters":[{"name":"M2AWS","snapshots":[...]}]}]}` */
export interface MockData {
  groups: MockGroup[];
}

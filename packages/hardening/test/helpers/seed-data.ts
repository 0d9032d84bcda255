// The seed document's example project, cluster and snapshot. Written out here,
// not imported from the mock, so a mock that drifted from the seed is caught.
export const GROUP = "5b69d0349b15c62cdfc38b78";
export const CLUSTER = "M2AWS";
export const SEED_SNAPSHOT_ID = "5cc310ace5dc7ce369814bc8";
export const SNAPSHOTS_PATH = (group = GROUP, cluster = CLUSTER) =>
  `/groups/${group}/clusters/${cluster}/backup/tenant/snapshots`;

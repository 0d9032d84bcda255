// How the replay suite asks our client for what an operation returns: each
// operation's helper, given path values from the recorded request (or defaults).
import type { AtlasClient } from "@atlas-snapshots/client";
import type { OperationId } from "@atlas-snapshots/types";

/** Path values for a recording of another resource, which names none of ours: the seed's project. */
const DEFAULTS: Record<string, string> = {
  groupId: "5b69d0349b15c62cdfc38b78",
  clusterName: "M2AWS",
  name: "FlexAWS",
  snapshotId: "5cc310ace5dc7ce369814bc8",
};

/** Each operation's helper; a new operation makes TypeScript ask for one here. */
const HELPERS: Record<OperationId, (atlas: AtlasClient, v: Record<string, string>) => Promise<unknown>> = {
  listSharedClusterBackups: (atlas, v) =>
    atlas.listTenantSnapshots({ groupId: v.groupId ?? "", clusterName: v.clusterName ?? "" }),
  getSharedClusterBackup: (atlas, v) =>
    atlas.getTenantSnapshot({
      groupId: v.groupId ?? "",
      clusterName: v.clusterName ?? "",
      snapshotId: v.snapshotId ?? "",
    }),
  listFlexBackupSnapshots: (atlas, v) => atlas.listFlexSnapshots({ groupId: v.groupId ?? "", name: v.name ?? "" }),
  getFlexBackupSnapshot: (atlas, v) =>
    atlas.getFlexSnapshot({ groupId: v.groupId ?? "", name: v.name ?? "", snapshotId: v.snapshotId ?? "" }),
};

/** What `id`'s helper returns for the recorded request's path values (defaults where it has none). */
export function callOperation(atlas: AtlasClient, id: OperationId, params: Record<string, string>): Promise<unknown> {
  return HELPERS[id](atlas, { ...DEFAULTS, ...params });
}

import type { TenantSnapshot } from "@atlas-snapshots/types";

export interface SnapshotFilter {
  /** Keep only these statuses; empty keeps all. */
  statuses: readonly string[];
  /** Keep snapshots scheduled at or after this epoch ms. */
  sinceMs?: number;
}

/** A predicate for `list --status ... --since ...`. */
export function matchesFilter(filter: SnapshotFilter): (snapshot: TenantSnapshot) => boolean {
  const { statuses, sinceMs } = filter;
  return (snapshot) =>
    (statuses.length === 0 || statuses.includes(snapshot.status)) &&
    (sinceMs === undefined || Date.parse(snapshot.scheduledTime) >= sinceMs);
}

// The rules one snapshot must keep: the spec's closed snapshot schema for its
// cluster's kind plus what a real cluster's history looks like (times in order,
// no finish before start).
import {
  checkFlexBackupSnapshot,
  checkTenantSnapshot,
  type Problem,
  type TenantSnapshot,
} from "@atlas-snapshots/types";
import type { ClusterKind } from "./mock-data.js";
import { utcMillis } from "./utc-date-time.js";

/** A problem found at `path` (relative to the snapshot, "" for the snapshot itself). */
export type { Problem };

/** Each kind's snapshot schema, generated from the spec (today the Flex one is the tenant one by allOf). */
const SCHEMA_CHECKS: Readonly<Record<ClusterKind, (value: unknown) => Problem | undefined>> = {
  tenant: (value) => checkTenantSnapshot(value),
  flex: (value) => checkFlexBackupSnapshot(value),
};

/** The first problem with `value` as a snapshot of a `kind` cluster, or undefined when it is a valid one. */
export function findSnapshotProblem(value: unknown, kind: ClusterKind = "tenant"): Problem | undefined {
  // The schema's rules are generated from the spec; only the lifecycle below is ours.
  return SCHEMA_CHECKS[kind](value) ?? findLifecycleProblem(value as TenantSnapshot);
}

/** Times in order, and no start or finish where the status has none. */
function findLifecycleProblem(s: TenantSnapshot): Problem | undefined {
  const notStarted = s.status === "QUEUED" || s.status === "PENDING";
  if (notStarted && s.startTime !== undefined)
    return { path: ".startTime", problem: `must be absent while ${s.status}` };
  if ((notStarted || s.status === "RUNNING") && s.finishTime !== undefined) {
    return { path: ".finishTime", problem: `must be absent while ${s.status}` };
  }
  if (s.finishTime !== undefined && s.startTime === undefined) {
    return { path: ".startTime", problem: "must be present when finishTime is" };
  }
  if (s.startTime !== undefined && utcMillis(s.startTime) < utcMillis(s.scheduledTime)) {
    return { path: ".startTime", problem: "must not be before scheduledTime" };
  }
  if (s.finishTime !== undefined && utcMillis(s.finishTime) < utcMillis(s.startTime)) {
    return { path: ".finishTime", problem: "must not be before startTime" };
  }
  if (s.expiration !== undefined && utcMillis(s.expiration) < utcMillis(s.scheduledTime)) {
    return { path: ".expiration", problem: "must not be before scheduledTime" };
  }
  return undefined;
}

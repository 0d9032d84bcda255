// The rules one snapshot must keep: the spec's closed TenantSnapshot schema plus
// what a real cluster's history looks like (times in order, no finish before start).
import { SNAPSHOT_STATUSES, type TenantSnapshot } from "@atlas-snapshots/types";
import { isObjectId } from "./path-rules.js";
import { isUtcDateTime, utcMillis } from "./utc-date-time.js";

/** Every field the spec allows; the type check fails when the spec adds or drops one. */
const SNAPSHOT_FIELDS = {
  id: true,
  status: true,
  mongoDBVersion: true,
  scheduledTime: true,
  startTime: true,
  finishTime: true,
} satisfies Record<keyof TenantSnapshot, true>;

/** A problem found at `path` (relative to the snapshot, "" for the snapshot itself). */
export interface Problem {
  path: string;
  problem: string;
}

/** The first problem with `value` as a snapshot, or undefined when it is a valid one. */
export function findSnapshotProblem(value: unknown): Problem | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { path: "", problem: "must be an object" };
  }
  const s = value as Record<string, unknown>;
  for (const key of Object.keys(s)) {
    // Own keys only: `in` would accept inherited names such as constructor or __proto__.
    if (!Object.hasOwn(SNAPSHOT_FIELDS, key)) return { path: `.${key}`, problem: "is not a TenantSnapshot field" };
  }
  if (!isObjectId(s.id)) return { path: ".id", problem: "must be 24 lowercase hexadecimal characters" };
  if (!(SNAPSHOT_STATUSES as readonly unknown[]).includes(s.status)) {
    return { path: ".status", problem: `must be one of ${SNAPSHOT_STATUSES.join(", ")}` };
  }
  if (typeof s.mongoDBVersion !== "string" || s.mongoDBVersion.length === 0) {
    return { path: ".mongoDBVersion", problem: "must be a non-empty string" };
  }
  for (const field of ["scheduledTime", "startTime", "finishTime"] as const) {
    if (field === "scheduledTime" || s[field] !== undefined) {
      if (!isUtcDateTime(s[field])) {
        return { path: `.${field}`, problem: "must be an ISO 8601 date-time in UTC, e.g. 2019-04-26T14:08:07Z" };
      }
    }
  }
  return findLifecycleProblem(s as unknown as TenantSnapshot);
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
  return undefined;
}

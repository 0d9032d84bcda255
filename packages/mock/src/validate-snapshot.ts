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
  expiration: true,
  links: true,
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
  for (const field of ["scheduledTime", "startTime", "finishTime", "expiration"] as const) {
    if (field === "scheduledTime" || s[field] !== undefined) {
      if (!isUtcDateTime(s[field])) {
        return { path: `.${field}`, problem: "must be an ISO 8601 date-time in UTC, e.g. 2019-04-26T14:08:07Z" };
      }
    }
  }
  if (s.links !== undefined) {
    const problem = findLinksProblem(s.links);
    if (problem) return problem;
  }
  return findLifecycleProblem(s as unknown as TenantSnapshot);
}

/** The spec's Link schema: exactly `href` (an absolute URL) and `rel` (non-empty). */
function findLinksProblem(links: unknown): Problem | undefined {
  if (!Array.isArray(links)) return { path: ".links", problem: "must be an array of {href, rel}" };
  for (const [i, link] of links.entries()) {
    const path = `.links[${i}]`;
    if (typeof link !== "object" || link === null || Array.isArray(link)) {
      return { path, problem: "must be an object with href and rel" };
    }
    const l = link as Record<string, unknown>;
    const extra = Object.keys(l).find((key) => key !== "href" && key !== "rel");
    if (extra) return { path: `${path}.${extra}`, problem: "is not a Link field (only href and rel)" };
    if (typeof l.href !== "string" || !URL.canParse(l.href)) {
      return { path: `${path}.href`, problem: "must be an absolute URL" };
    }
    if (typeof l.rel !== "string" || l.rel.length === 0)
      return { path: `${path}.rel`, problem: "must be a non-empty string" };
  }
  return undefined;
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

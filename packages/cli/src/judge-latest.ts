import type { TenantSnapshot } from "@atlas-snapshots/types";
import { formatDuration } from "./parse-duration.js";

export interface Verdict {
  ok: boolean;
  /** One line, no trailing newline. */
  reason: string;
}

/** How far ahead of our clock a snapshot may be scheduled before that counts as wrong data. */
const CLOCK_SKEW_MS = 5 * 60_000;

const time = (s: TenantSnapshot) => {
  const ms = Date.parse(s.scheduledTime);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
};

/** Newest scheduledTime first, ties by id descending: the spec's order, whatever order we got. */
const newestFirst = (a: TenantSnapshot, b: TenantSnapshot) =>
  time(b) - time(a) || (b.id > a.id ? 1 : b.id < a.id ? -1 : 0);

/** Statuses of a snapshot Atlas is still working on. */
export const IN_PROGRESS_STATUSES: readonly string[] = ["RUNNING", "QUEUED", "PENDING"];

/** The latest snapshot by the same rule `check` uses. */
export const latestSnapshot = (snapshots: readonly TenantSnapshot[]): TenantSnapshot | undefined =>
  [...snapshots].sort(newestFirst)[0];

/**
 * The `check` rule: the latest snapshot must be COMPLETED and scheduled less
 * than `maxAgeMs` before `nowMs`. Age counts from scheduledTime, the time
 * the snapshot stands for, which every snapshot has (a queued one has no
 * start or finish yet). A QUEUED or PENDING snapshot scheduled in the future
 * is upcoming and not judged; any other snapshot scheduled in the future
 * (beyond a few minutes of clock skew) fails the check: the server's clock or
 * data is wrong, and it must not hide how old the real latest one is.
 */
export function judgeLatest(snapshots: readonly TenantSnapshot[], maxAgeMs: number, nowMs: number): Verdict {
  const upcoming = (s: TenantSnapshot) => time(s) > nowMs && (s.status === "QUEUED" || s.status === "PENDING");
  const sorted = snapshots.filter((s) => !upcoming(s)).sort(newestFirst);
  const latest = sorted[0];
  if (!latest) {
    return snapshots.length === 0
      ? { ok: false, reason: "no snapshots: the cluster has none yet" }
      : { ok: false, reason: `no snapshot has run yet: ${snapshots.length} upcoming, scheduled in the future` };
  }

  const ago = (s: TenantSnapshot) =>
    time(s) > nowMs ? `${formatDuration(time(s) - nowMs)} from now` : `${formatDuration(nowMs - time(s))} ago`;
  const describe = (s: TenantSnapshot) => `${s.id} (scheduled ${s.scheduledTime}, ${ago(s)})`;
  const maxAge = formatDuration(maxAgeMs);
  if (time(latest) > nowMs + CLOCK_SKEW_MS) {
    return {
      ok: false,
      reason: `latest snapshot ${describe(latest)} is ${latest.status} but scheduled in the future: the server's clock or its data is wrong`,
    };
  }

  if (latest.status === "COMPLETED") {
    const age = nowMs - time(latest);
    if (age < maxAgeMs)
      return { ok: true, reason: `latest snapshot ${describe(latest)} is COMPLETED, within ${maxAge}` };
    return {
      ok: false,
      reason: `stale: latest snapshot ${describe(latest)} is COMPLETED but ${formatDuration(age - maxAgeMs)} older than the max age of ${maxAge}`,
    };
  }

  // Say where the last good one stands, so a failure at 3 a.m. is easy to weigh.
  const lastGood = sorted.find((s) => s.status === "COMPLETED");
  const context = lastGood ? `; last completed: ${lastGood.id}, ${ago(lastGood)}` : "; no completed snapshot at all";
  const what =
    latest.status === "FAILED"
      ? "FAILED"
      : IN_PROGRESS_STATUSES.includes(latest.status)
        ? `still ${latest.status}, not completed yet`
        : `${latest.status}, not COMPLETED`;
  return { ok: false, reason: `latest snapshot ${describe(latest)} is ${what}${context}` };
}

import type { SnapshotStatus, TenantSnapshot } from "@atlas-snapshots/types";

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** A valid ObjectId-like id, unique per (prefix, n). */
export const snapshotId = (prefix: number, n: number) =>
  prefix.toString(16).padStart(8, "0") + n.toString(16).padStart(16, "0");

/** A snapshot scheduled `hoursAgo` hours before now, with the times its status allows. */
export function snapshot(id: string, status: SnapshotStatus, hoursAgo: number, now = Date.now()): TenantSnapshot {
  const scheduled = now - hoursAgo * HOUR;
  const s: TenantSnapshot = { id, status, mongoDBVersion: "7.0.15", scheduledTime: iso(scheduled) };
  if (status === "RUNNING" || status === "COMPLETED" || status === "FAILED") s.startTime = iso(scheduled + 60_000);
  if (status === "COMPLETED" || status === "FAILED") s.finishTime = iso(scheduled + 120_000);
  return s;
}

/**
 * `count` daily snapshots in the order Atlas serves them, oldest first: the newest (last)
 * `headHoursAgo` hours ago with `headStatus`, the rest COMPLETED.
 */
export function history(prefix: number, count: number, headStatus: SnapshotStatus = "COMPLETED", headHoursAgo = 2) {
  return Array.from({ length: count }, (_, i) =>
    snapshot(
      snapshotId(prefix, count - i),
      i === 0 ? headStatus : i % 7 === 3 ? "FAILED" : "COMPLETED",
      headHoursAgo + 24 * i,
    ),
  ).reverse();
}

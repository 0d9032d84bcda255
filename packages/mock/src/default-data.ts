// The data a mock starts with when given none: the seed document's project,
// cluster and example snapshot, plus a realistic daily history up to "now",
// and a Flex cluster whose history is shaped like the recorded Flex listing.
import type { TenantSnapshot } from "@atlas-snapshots/types";
import type { MockCluster, MockData } from "./mock-data.js";
import { createPrng, type Prng } from "./prng.js";
import { toUtcDateTime, utcMillis } from "./utc-date-time.js";

/** The seed document's example project and cluster. */
export const DEFAULT_GROUP_ID = "5b69d0349b15c62cdfc38b78";
export const DEFAULT_CLUSTER_NAME = "M2AWS";
/** The second default cluster, an M5. */
export const SECOND_CLUSTER_NAME = "M5AZURE";
/** The default Flex cluster (API v2), in the same project. */
export const DEFAULT_FLEX_CLUSTER_NAME = "FlexAWS";
/** How many snapshots M2AWS holds by default: all of them fit on one default page. */
export const DEFAULT_SNAPSHOT_COUNT = 30;
const SECOND_CLUSTER_SNAPSHOTS = 12;

/** The seed document's example snapshot, exactly as it shows it. */
export const SEED_EXAMPLE_SNAPSHOT: Readonly<TenantSnapshot> = Object.freeze({
  finishTime: "2019-04-26T14:08:07Z",
  id: "5cc310ace5dc7ce369814bc8",
  mongoDBVersion: "4.2.7",
  scheduledTime: "2019-04-26T12:00:00Z",
  startTime: "2019-04-26T14:07:53Z",
  status: "FAILED",
});

const DAY_MS = 86_400_000;
/**
 * A completed snapshot expires 8 days after it was scheduled: Atlas keeps the last
 * 8 daily snapshots of an M2/M5 cluster (MongoDB's docs), and every recorded Flex
 * snapshot's `expiration` is its `scheduledTime` plus 8 days. The default M2/M5
 * history is longer than that so that paging has pages: its older snapshots show
 * an expiration in the past, which real Atlas would already have deleted.
 */
export const RETENTION_MS = 8 * DAY_MS;
/**
 * FlexAWS shows retention honestly instead: exactly the snapshots scheduled in the 8 days up to
 * "now", so none has expired, as the recorded listing (8 snapshots, none expired) shows. Today's is
 * the newest once its time has come, QUEUED or RUNNING until it finishes; the one it replaces expires
 * the moment it is scheduled. 8 is enough for paging (itemsPerPage below 8); data files may hold more.
 */
export const FLEX_RETAINED_SNAPSHOTS = RETENTION_MS / DAY_MS;
/** Roughly one shared-tier snapshot in twenty fails. */
const FAILURE_RATE = 0.05;

/** Shared-tier clusters follow Atlas's MongoDB upgrades; date → version of that era. */
const VERSION_ERAS: ReadonlyArray<readonly [until: string, version: string]> = [
  ["2020-07-01", "4.2.7"],
  ["2021-09-01", "4.4.10"],
  ["2022-12-01", "5.0.14"],
  ["2024-01-01", "6.0.12"],
  ["2025-02-01", "7.0.15"],
];

function versionAt(ms: number): string {
  for (const [until, version] of VERSION_ERAS) if (ms < Date.parse(until)) return version;
  return "8.0.4";
}

/** How one kind of cluster takes its daily snapshot; every range is in seconds, both ends included. */
interface SnapshotProfile {
  /** From scheduledTime to startTime. */
  startDelay: readonly [number, number];
  /** From startTime to finishTime, for a snapshot that completes, and for one that fails. */
  duration: readonly [number, number];
  failedDuration: readonly [number, number];
  version(scheduled: number): string;
  /** The instant whose seconds open the snapshot's ObjectId. */
  idTime(scheduled: number, start: number): number;
}

const TENANT_PROFILE: SnapshotProfile = {
  startDelay: [5, 120],
  duration: [20, 180],
  failedDuration: [5, 60],
  version: versionAt,
  idTime: (scheduled) => scheduled,
};

/**
 * Shaped like the recorded Flex listing (spec/fidelity/recordings/200-list-flex-snapshots.http):
 * one snapshot a day at 17:05:10 UTC, started 5 to 46 seconds later, finished about 80 seconds after
 * that (the mock draws 1 to 2 minutes), MongoDB 8.0.29, and an ObjectId whose seconds are one before
 * the startTime's, as in every recorded id.
 */
const FLEX_PROFILE: SnapshotProfile = {
  startDelay: [5, 46],
  duration: [60, 120],
  failedDuration: [5, 60],
  version: () => "8.0.29",
  idTime: (_scheduled, start) => start - 1000,
};
/** When the Flex cluster's daily snapshot is scheduled: 17:05:10 UTC, as recorded. */
const FLEX_TIME_OF_DAY_MS = (17 * 3600 + 5 * 60 + 10) * 1000;

/** An ObjectId as MongoDB makes them: 4 bytes of seconds, then 8 random bytes. */
function objectIdAt(ms: number, prng: Prng): string {
  return (
    Math.floor(ms / 1000)
      .toString(16)
      .padStart(8, "0") + prng.hex(8)
  );
}

interface HistoryOptions {
  count: number;
  /** Time of day (UTC, in ms after midnight) at which the cluster's daily snapshot is scheduled. */
  timeOfDayMs: number;
  now: number;
  prng: Prng;
  profile: SnapshotProfile;
  /**
   * Only snapshots already scheduled at `now` (the Flex history, which shows Atlas's retention); otherwise
   * the newest is today's, QUEUED while its time has not come (the tenant history, as it always was).
   */
  scheduledByNow?: boolean;
  /** A day (scheduledTime) to leave out because a fixed snapshot takes it. */
  skipScheduled?: string;
}

/** `count` daily snapshots, newest first (sorted later); only the newest may be QUEUED or RUNNING. */
function dailyHistory({ count, timeOfDayMs, now, prng, profile, scheduledByNow, skipScheduled }: HistoryOptions) {
  let newest = Math.floor(now / DAY_MS) * DAY_MS + timeOfDayMs;
  if (scheduledByNow && newest > now) newest -= DAY_MS;
  const out: TenantSnapshot[] = [];
  for (let day = 0; out.length < count; day++) {
    const scheduled = newest - day * DAY_MS;
    if (scheduled < 0) break; // an ObjectId counts seconds from 1970
    const scheduledTime = toUtcDateTime(scheduled);
    if (scheduledTime === skipScheduled) continue;
    out.push(snapshotAt(scheduled, out.length === 0 ? now : Number.POSITIVE_INFINITY, prng, profile));
  }
  return out;
}

/** One snapshot scheduled at `scheduled`, as it looks at `now` (Infinity: long finished). */
function snapshotAt(scheduled: number, now: number, prng: Prng, profile: SnapshotProfile): TenantSnapshot {
  // Draw every number up front so a snapshot's fate does not shift the stream.
  const failed = prng.next() < FAILURE_RATE;
  const start = scheduled + prng.int(...profile.startDelay) * 1000;
  const finish = start + prng.int(...(failed ? profile.failedDuration : profile.duration)) * 1000;
  const id = objectIdAt(profile.idTime(scheduled, start), prng);
  const mongoDBVersion = profile.version(scheduled);
  const scheduledTime = toUtcDateTime(scheduled);
  // Fields in alphabetical order, as Atlas's own JSON lists them.
  if (now < start) return { id, mongoDBVersion, scheduledTime, status: "QUEUED" };
  const startTime = toUtcDateTime(start);
  if (now < finish) return { id, mongoDBVersion, scheduledTime, startTime, status: "RUNNING" };
  const finishTime = toUtcDateTime(finish);
  if (failed) return { finishTime, id, mongoDBVersion, scheduledTime, startTime, status: "FAILED" };
  const expiration = toUtcDateTime(scheduled + RETENTION_MS);
  return { expiration, finishTime, id, mongoDBVersion, scheduledTime, startTime, status: "COMPLETED" };
}

export interface DefaultDataOptions {
  seed: number;
  /** How many snapshots M2AWS holds, the seed's example included (0 leaves it empty). */
  snapshots: number;
  /** "Today", in milliseconds since the epoch. */
  now: number;
}

/** The largest `snapshots` count whose daily history stays after 1970-01-01 (ObjectIds count seconds from there). */
export function maxDefaultSnapshots(now: number): number {
  return Math.floor(now / DAY_MS);
}

/** Same seed, count and day → same data. */
export function createDefaultData({ seed, snapshots, now }: DefaultDataOptions): MockData {
  const prng = createPrng(seed, "data");
  const m2: MockCluster = { name: DEFAULT_CLUSTER_NAME, kind: "tenant", snapshots: [] };
  if (snapshots > 0) {
    m2.snapshots = dailyHistory({
      count: snapshots - 1,
      timeOfDayMs: 12 * 3_600_000,
      now,
      prng,
      profile: TENANT_PROFILE,
      skipScheduled: SEED_EXAMPLE_SNAPSHOT.scheduledTime,
    });
    // The example is old, so it comes first: pages list the oldest first.
    m2.snapshots.push({ ...SEED_EXAMPLE_SNAPSHOT });
    m2.snapshots.sort((a, b) => utcMillis(a.scheduledTime) - utcMillis(b.scheduledTime));
  }
  const m5: MockCluster = {
    name: SECOND_CLUSTER_NAME,
    kind: "tenant",
    snapshots: dailyHistory({
      count: SECOND_CLUSTER_SNAPSHOTS,
      timeOfDayMs: 3 * 3_600_000,
      now,
      prng,
      profile: TENANT_PROFILE,
    }).reverse(),
  };
  // Its own stream, so the M2/M5 data stay what they were and FlexAWS does not depend on their sizes.
  const flex: MockCluster = {
    name: DEFAULT_FLEX_CLUSTER_NAME,
    kind: "flex",
    snapshots: dailyHistory({
      count: FLEX_RETAINED_SNAPSHOTS,
      timeOfDayMs: FLEX_TIME_OF_DAY_MS,
      now,
      prng: createPrng(seed, "flex-data"),
      profile: FLEX_PROFILE,
      scheduledByNow: true,
    }).reverse(),
  };
  return { groups: [{ id: DEFAULT_GROUP_ID, clusters: [m2, m5, flex] }] };
}

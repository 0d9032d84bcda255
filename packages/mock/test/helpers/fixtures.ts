// Shared values for tests.
import { DEFAULT_GROUP_ID } from "../../src/index.js";

/** A fixed "now": 09:30 UTC, before the day's 12:00 snapshot, so the newest one is QUEUED. */
export const NOW = Date.parse("2024-06-15T09:30:00Z");

export const OTHER_GROUP = "0123456789abcdef01234567";

export function snapshotsPath(groupId = DEFAULT_GROUP_ID, clusterName = "M2AWS", query = ""): string {
  return `/groups/${groupId}/clusters/${clusterName}/backup/tenant/snapshots${query}`;
}

/** The Flex listing's full path (API v2, under the host's root), as Atlas serves it. */
export function flexPath(query = "", groupId = DEFAULT_GROUP_ID, name = "FlexAWS"): string {
  return `/api/atlas/v2/groups/${groupId}/flexClusters/${name}/backup/snapshots${query}`;
}

/** What a client asks the Flex operations for (spec: the versioned type alone). */
export const FLEX_ACCEPT = "application/vnd.atlas.2024-11-13+json";

/** A controllable clock for nonce expiry and rate limits. */
export function testClock(start = NOW) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}

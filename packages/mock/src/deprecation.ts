// The headers a deprecated Atlas resource answers with (recorded on a deprecated
// v2 resource: `Deprecation` and `Sunset` as HTTP dates, the day not zero-padded).
import { SUNSET_DATE } from "@atlas-snapshots/types";

/**
 * The mock's own choice: no source says when this endpoint was deprecated.
 * MongoDB stopped new M2/M5 clusters in February 2025, so the mock names that.
 */
export const DEPRECATION_DATE = "2025-02-01";

/** `2026-01-22` → `Thu, 22 Jan 2026 00:00:00 GMT`, as Atlas writes it. */
export function atlasHttpDate(day: string): string {
  return new Date(`${day}T00:00:00Z`).toUTCString().replace(/, 0(\d)/, ", $1");
}

/** Sent on every reply after authentication; the Digest challenge carries neither, as recorded. */
export const DEPRECATION_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  Deprecation: atlasHttpDate(DEPRECATION_DATE),
  ...(SUNSET_DATE ? { Sunset: atlasHttpDate(SUNSET_DATE) } : {}),
});

// The headers a deprecated Atlas resource answers with (recorded on a deprecated
// v2 resource: `Deprecation` and `Sunset` as HTTP dates, the day not zero-padded),
// sent for exactly the operations the spec marks deprecated.
import { OPERATION_DETAILS, type OperationId } from "@atlas-snapshots/types";

/**
 * The mock's own choice: no source says when the M2/M5 endpoints were deprecated.
 * MongoDB stopped new M2/M5 clusters in February 2025, so the mock names that.
 */
export const DEPRECATION_DATE = "2025-02-01";

/** `2026-01-22` → `Thu, 22 Jan 2026 00:00:00 GMT`, as Atlas writes it. */
export function atlasHttpDate(day: string): string {
  return new Date(`${day}T00:00:00Z`).toUTCString().replace(/, 0(\d)/, ", $1");
}

const NONE: Readonly<Record<string, string>> = Object.freeze({});

/**
 * Sent on every reply to operation `id` after authentication when the spec marks it `deprecated`
 * (`Sunset` from its `x-sunset`); none for the others, nor for a path that names no operation.
 * The Digest challenge carries neither, as recorded.
 */
export function deprecationHeaders(id: OperationId | undefined): Readonly<Record<string, string>> {
  if (id === undefined) return NONE;
  const { deprecated, sunset } = OPERATION_DETAILS[id];
  if (!deprecated) return NONE;
  return { Deprecation: atlasHttpDate(DEPRECATION_DATE), ...(sunset ? { Sunset: atlasHttpDate(sunset) } : {}) };
}

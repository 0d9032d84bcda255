// The headers a deprecated Atlas resource answers with (recorded on a deprecated
// v2 resource: `Deprecation` and `Sunset` as HTTP dates, the day not zero-padded),
// per operation, from the spec's `deprecated` and `x-sunset` (the operation table).
import { OPERATIONS, type OperationId } from "@atlas-snapshots/types";

/**
 * The mock's own choice: no source says when these endpoints were deprecated.
 * MongoDB stopped new M2/M5 clusters in February 2025, so the mock names that.
 */
export const DEPRECATION_DATE = "2025-02-01";

/** `2026-01-22` → `Thu, 22 Jan 2026 00:00:00 GMT`, as Atlas writes it. */
export function atlasHttpDate(day: string): string {
  return new Date(`${day}T00:00:00Z`).toUTCString().replace(/, 0(\d)/, ", $1");
}

/**
 * What an operation's replies carry after authentication: `Deprecation` (and
 * `Sunset`, when the spec gives `x-sunset`) for an operation the spec marks
 * deprecated, nothing for any other. `deprecation` is the operation table's entry.
 */
export function deprecationHeaders(deprecation: { sunset: string | null } | null): Readonly<Record<string, string>> {
  if (!deprecation) return {};
  return {
    Deprecation: atlasHttpDate(DEPRECATION_DATE),
    ...(deprecation.sunset ? { Sunset: atlasHttpDate(deprecation.sunset) } : {}),
  };
}

/** Each operation's headers, worked out once; the Digest challenge carries none, as recorded. */
const BY_OPERATION = new Map(
  Object.entries(OPERATIONS).map(([id, op]) => [id, Object.freeze(deprecationHeaders(op.deprecation))]),
);

/** The deprecation headers of operation `id` (none for an operation the spec does not mark deprecated). */
export const deprecationHeadersOf = (id: OperationId): Readonly<Record<string, string>> => BY_OPERATION.get(id) ?? {};

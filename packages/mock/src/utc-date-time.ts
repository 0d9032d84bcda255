// UTC timestamps as the spec's UtcDateTime schema writes them.
import { checkUtcDateTime } from "@atlas-snapshots/types";

/** True for an ISO 8601 UTC date-time that names a real instant (no Feb 30): the spec's generated check. */
export function isUtcDateTime(value: unknown): value is string {
  return checkUtcDateTime(value) === undefined;
}

/** Milliseconds since the epoch, as `2019-04-26T14:08:07Z` (whole seconds). */
export function toUtcDateTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Milliseconds since the epoch for a value; NaN when it is not a date-time string. */
export function utcMillis(value: unknown): number {
  return typeof value === "string" ? Date.parse(value) : Number.NaN;
}

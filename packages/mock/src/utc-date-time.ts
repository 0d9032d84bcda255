// UTC timestamps as the spec's UtcDateTime schema writes them.

/** The spec's `UtcDateTime` pattern (components.schemas.UtcDateTime). */
const UTC_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;

/** True for an ISO 8601 UTC date-time that names a real instant (no Feb 30). */
export function isUtcDateTime(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const m = UTC_DATE_TIME.exec(value);
  if (!m) return false;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return false;
  // Date.parse rolls 2019-02-30 over to March; a round trip catches it.
  return new Date(ms).toISOString().slice(0, 19) === value.slice(0, 19);
}

/** Milliseconds since the epoch, as `2019-04-26T14:08:07Z` (whole seconds). */
export function toUtcDateTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Milliseconds since the epoch for a value; NaN when it is not a date-time string. */
export function utcMillis(value: unknown): number {
  return typeof value === "string" ? Date.parse(value) : Number.NaN;
}

import { UsageError } from "./usage-error.js";

// A date, or a date-time with an optional zone; a time without a zone means UTC, as Atlas's times are.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Parses `--since` (`2024-05-01`, `2024-05-01T12:00Z`, `2024-05-01T12:00:00+02:00`) into epoch ms. */
export function parseSince(text: string): number {
  const match = ISO.exec(text.trim());
  const fail = () =>
    new UsageError(
      `--since ${JSON.stringify(text)} is not an ISO date or date-time; use e.g. 2024-05-01 or 2024-05-01T12:00:00Z`,
    );
  if (!match) throw fail();
  const [, year, month, day, hour = "00", minute = "00", second = "00", zone = "Z"] = match;
  // Rebuild the text Date.parse reads reliably, then check no field rolled over (2024-02-30).
  const offset = zone.toUpperCase() === "Z" ? "Z" : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const ms = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}${offset}`);
  const utc = new Date(Date.UTC(+(year as string), +(month as string) - 1, +(day as string)));
  const valid =
    !Number.isNaN(ms) &&
    utc.getUTCMonth() === +(month as string) - 1 &&
    utc.getUTCDate() === +(day as string) &&
    +hour < 24 &&
    +minute < 60 &&
    +second < 60;
  if (!valid) throw fail();
  // Keep fractional seconds, which the rebuilt text dropped.
  const fraction = /\.(\d{1,9})/.exec(text);
  return fraction ? ms + Math.floor(+`0.${fraction[1]}` * 1000) : ms;
}

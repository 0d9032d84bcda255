import { UsageError } from "./usage-error.js";

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 } as const;
// Units in falling order, each at most once: 2d, 26h, 90m, 1d12h, 3600s, 1h30m15s, 1s500ms, 250ms.
const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$/;
/** A bare number is seconds, as the Atlas CLI's and curl's timeouts are. */
const BARE_SECONDS = /^\d+$/;

/** Parses a duration such as `26h`, `1d12h`, `500ms` or `30` (seconds) into milliseconds (> 0). */
export function parseDuration(text: string, flag: string): number {
  const trimmed = text.trim().toLowerCase();
  const match = DURATION.exec(BARE_SECONDS.test(trimmed) ? `${trimmed}s` : trimmed);
  if (!trimmed || !match) {
    throw new UsageError(
      `${flag} ${JSON.stringify(text.slice(0, 40))} is not a duration; use forms like 26h, 90m, 2d, 1d12h, 3600s, 500ms or 30 (seconds)`,
    );
  }
  const [, d = "0", h = "0", m = "0", s = "0", milli = "0"] = match;
  const ms = +d * UNIT_MS.d + +h * UNIT_MS.h + +m * UNIT_MS.m + +s * UNIT_MS.s + +milli;
  if (ms <= 0 || !Number.isSafeInteger(ms)) {
    throw new UsageError(`${flag} ${JSON.stringify(text)} must be longer than zero and reasonably sized`);
  }
  return ms;
}

/** Formats milliseconds for people: the coarsest unit and the next one down, e.g. `1d 3h`, `3h 12m`, `42s`. */
export function formatDuration(ms: number): string {
  let rest = Math.max(0, Math.round(ms / 1000));
  const counts = ([86_400, 3_600, 60, 1] as const).map((size) => {
    const count = Math.floor(rest / size);
    rest -= count * size;
    return count;
  });
  const first = counts.findIndex((count) => count > 0);
  if (first === -1) return "0s";
  return [first, first + 1]
    .filter((i) => (counts[i] ?? 0) > 0)
    .map((i) => `${counts[i]}${"dhms"[i]}`)
    .join(" ");
}

import { formatDuration, parseDuration } from "./parse-duration.js";
import { UsageError } from "./usage-error.js";

/** The longest timer JavaScript keeps (2^31 - 1 ms, about 24.8 days); a longer one fires at once. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** `--timeout`: a duration, at most MAX_TIMEOUT_MS, refused in the flag's own words. */
export function parseTimeout(text: string): number {
  const ms = parseDuration(text, "--timeout");
  if (ms > MAX_TIMEOUT_MS) {
    throw new UsageError(
      `--timeout ${JSON.stringify(text)} is too long; the longest is ${formatDuration(MAX_TIMEOUT_MS)} (2^31 - 1 ms)`,
    );
  }
  return ms;
}

import { SNAPSHOTS_PATH, SUCCESSOR, SUNSET_DATE } from "@atlas-snapshots/types";
import type { Middleware } from "openapi-fetch";
import type { Logger } from "./types.js";

/** `Thu, 1 Jul 2027 00:00:00 GMT` → `2027-07-01`; undefined when it is no date. */
function isoDay(httpDate: string | null): string | undefined {
  if (!httpDate) return undefined;
  const ms = Date.parse(httpDate);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 10);
}

/**
 * Tells the logger once per client (`warn`) that this operation is deprecated,
 * when it sunsets and what replaces it. It warns on the first reply of the
 * operation whatever it carries: MongoDB's spec marks the operation deprecated
 * whether or not a server sends `Deprecation`/`Sunset` (no recording of this
 * v1.0 endpoint shows them). A `Sunset` header's date wins over the spec's.
 */
export function deprecationNotice(logger: Logger | undefined): Middleware {
  let told = false;
  return {
    onResponse({ schemaPath, response }) {
      if (told || schemaPath !== SNAPSHOTS_PATH || !logger?.warn) return undefined;
      told = true;
      const fromHeader = isoDay(response.headers.get("sunset"));
      const sunset = fromHeader ?? SUNSET_DATE;
      const deprecation = isoDay(response.headers.get("deprecation"));
      logger.warn(
        `Atlas deprecated GET ${SNAPSHOTS_PATH} (Get All Snapshots for an M2/M5 Cluster)` +
          `${sunset ? `; it sunsets on ${sunset}` : ""}. Its successor is ${SUCCESSOR}.`,
        { sunset, sunsetFrom: fromHeader ? "Sunset header" : "spec", deprecation, successor: SUCCESSOR },
      );
      return undefined;
    },
  };
}

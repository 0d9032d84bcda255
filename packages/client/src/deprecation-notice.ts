import { SNAPSHOTS_PATH, SUCCESSOR, SUNSET_DATE } from "@atlas-snapshots/types";
import type { Middleware } from "openapi-fetch";
import { AtlasApiError } from "./errors.js";
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
 * operation whatever it carries, an error reply too: MongoDB's spec marks the
 * operation deprecated whether or not a server sends `Deprecation`/`Sunset` (no
 * recording of this v1.0 endpoint shows them). A `Sunset` header's date wins
 * over the spec's. A call that got no reply at all (a connection error) does not count.
 */
export function deprecationNotice(logger: Logger | undefined): Middleware {
  let told = false;
  const tell = (schemaPath: string, headers: { get(name: string): string | null | undefined }) => {
    if (told || schemaPath !== SNAPSHOTS_PATH || !logger?.warn) return;
    told = true;
    const fromHeader = isoDay(headers.get("sunset") ?? null);
    const sunset = fromHeader ?? SUNSET_DATE;
    const deprecation = isoDay(headers.get("deprecation") ?? null);
    logger.warn(
      `Atlas deprecated GET ${SNAPSHOTS_PATH} (Get All Snapshots for an M2/M5 Cluster)` +
        `${sunset ? `; it sunsets on ${sunset}` : ""}. Its successor is ${SUCCESSOR}.`,
      { sunset, sunsetFrom: fromHeader ? "Sunset header" : "spec", deprecation, successor: SUCCESSOR },
    );
  };
  return {
    onResponse({ schemaPath, response }) {
      tell(schemaPath, response.headers);
      return undefined;
    },
    // Errors the fetch layers throw after a reply (Digest refused, retries spent) carry its headers.
    onError({ schemaPath, error }) {
      if (error instanceof AtlasApiError) tell(schemaPath, { get: (name) => error.headers[name] });
      return undefined;
    },
  };
}

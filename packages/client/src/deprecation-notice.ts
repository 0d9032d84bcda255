import { OPERATIONS, type OperationId } from "@atlas-snapshots/types";
import type { Middleware } from "openapi-fetch";
import { AtlasConnectionError, AtlasError } from "./atlas-error.js";
import { loadErrors } from "./lazy-errors.js";
import type { Logger } from "./types.js";

/** `Thu, 1 Jul 2027 00:00:00 GMT` → `2027-07-01`; undefined when it is no date. */
function isoDay(httpDate: string | null | undefined): string | undefined {
  if (!httpDate) return undefined;
  const ms = Date.parse(httpDate);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 10);
}

/**
 * Tells the logger (`warn`), once per client and deprecated operation, that the
 * operation is deprecated, when it sunsets and what replaces it, from the
 * operation table (the spec's `deprecated`, `x-sunset` and `x-successor`); an
 * operation the spec does not mark deprecated is never named. It warns on the
 * operation's first reply whatever it carries, an error reply too: MongoDB's
 * spec marks these operations deprecated whether or not a server sends
 * `Deprecation`/`Sunset` (no recording of the v1.0 endpoints shows them). A
 * `Sunset` header's date wins over the spec's. A call that got no reply at all
 * (a connection error) does not count.
 */
export function deprecationNotice(
  logger: Logger | undefined,
  operationOf: (method: string, schemaPath: string) => OperationId | undefined,
): Middleware {
  const told = new Set<OperationId>();
  const tell = (request: Request, schemaPath: string, header: (name: string) => string | null | undefined) => {
    const id = operationOf(request.method, schemaPath);
    const deprecation = id && OPERATIONS[id].deprecation;
    if (!deprecation || told.has(id) || !logger?.warn) return;
    told.add(id);
    const { method, path } = OPERATIONS[id];
    const { successor } = deprecation;
    const fromHeader = isoDay(header("sunset"));
    const sunset = fromHeader ?? deprecation.sunset;
    logger.warn(
      `Atlas deprecated ${method} ${path} (${id})${sunset ? `; it sunsets on ${sunset}` : ""}.` +
        `${successor ? ` Its successor is ${successor}.` : ""}`,
      {
        operationId: id,
        sunset,
        sunsetFrom: fromHeader ? "Sunset header" : "spec",
        deprecation: isoDay(header("deprecation")),
        successor,
      },
    );
  };
  return {
    onResponse({ request, schemaPath, response }) {
      tell(request, schemaPath, (name) => response.headers.get(name));
      return undefined;
    },
    // Errors the fetch layers throw after a reply (Digest refused, retries spent) carry its headers.
    // No reply, no notice: and then errors.ts (maybe not loaded, the network maybe gone) is not asked for.
    async onError({ request, schemaPath, error }) {
      if (!(error instanceof AtlasError) || error instanceof AtlasConnectionError) return undefined;
      if (error instanceof (await loadErrors()).AtlasApiError) tell(request, schemaPath, (name) => error.headers[name]);
      return undefined;
    },
  };
}

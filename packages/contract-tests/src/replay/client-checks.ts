// What our client must make of a recorded reply, and a judge of what it did.
import {
  AtlasApiError,
  AtlasAuthenticationError,
  AtlasBadRequestError,
  AtlasError,
  AtlasNotFoundError,
  AtlasPermissionError,
  AtlasRateLimitError,
  AtlasResponseError,
  AtlasServerError,
} from "@atlas-snapshots/client";
import {
  OPERATION_DETAILS,
  OPERATION_ID,
  OPERATIONS,
  type OperationId,
  SUCCESSOR,
  SUNSET_DATE,
} from "@atlas-snapshots/types";
import { type Check, fail, pass, skip } from "./check.js";
import { headerOf, isObject, parseJson, type RecordedReply, shapeOf } from "./recordings.js";

/** What a helper call ended with: what it returned (a page, a snapshot), or what it threw. */
export type Outcome = { value: unknown } | { thrown: unknown };

const CLASS_BY_STATUS: Record<number, typeof AtlasApiError> = {
  400: AtlasBadRequestError,
  401: AtlasAuthenticationError,
  403: AtlasPermissionError,
  404: AtlasNotFoundError,
  429: AtlasRateLimitError,
};

/** The error class a status must become (the status decides; errorCode never does). */
export function expectedClass(status: number): typeof AtlasApiError {
  return CLASS_BY_STATUS[status] ?? (status >= 500 ? AtlasServerError : AtlasApiError);
}

/** The sunset date the deprecation notice must name: the Sunset header's, else the spec's. */
export function expectedSunset(reply: RecordedReply): string | null {
  const header = headerOf(reply, "sunset");
  const ms = header ? Date.parse(header) : Number.NaN;
  return Number.isNaN(ms) ? SUNSET_DATE : new Date(ms).toISOString().slice(0, 10);
}

/**
 * Judges what operation `id`'s helper made of a recorded reply, and the warnings it logged: a page or a
 * snapshot exactly as sent when the reply is what the operation returns, an AtlasResponseError (never an
 * empty or short list) when it is another success, the right Atlas error for an error status; and one
 * deprecation notice for the deprecated listing, none for an operation that is not deprecated.
 */
export function judgeClientOutcome(
  reply: RecordedReply,
  id: OperationId,
  outcome: Outcome,
  warnings: string[],
): Check[] {
  const checks: Check[] = [];
  const body = parseJson(reply.body);
  const shape = shapeOf(reply);
  const returns = OPERATIONS[id].paged ? "page" : "snapshot";

  if (shape === returns) {
    if (!("value" in outcome))
      checks.push(fail("outcome", `threw ${describe(outcome.thrown)} instead of the ${returns}`));
    else if (JSON.stringify(outcome.value) !== JSON.stringify(body))
      checks.push(fail("outcome", `the ${returns} differs from the body`));
    else checks.push(pass(`outcome: the ${returns}, as sent`));
  } else if (shape !== "error") {
    // A success that is not what the operation returns must never read as a result, least of all a short list.
    if ("value" in outcome) checks.push(fail("outcome", `a body that is no ${returns} became a result`));
    else if (!(outcome.thrown instanceof AtlasResponseError)) {
      checks.push(fail("outcome", `threw ${describe(outcome.thrown)}, not an AtlasResponseError`));
    } else if (returns === "page" && !outcome.thrown.message.includes("is not a page of snapshots")) {
      checks.push(fail("outcome", `message ${JSON.stringify(outcome.thrown.message)} does not say what is wrong`));
    } else checks.push(pass("outcome: AtlasResponseError, not a result"));
  } else {
    checks.push(...judgeError(reply, body, outcome));
  }

  const notices = warnings.filter((w) => w.includes("deprecated"));
  if (id === OPERATION_ID) {
    const sunset = expectedSunset(reply);
    if (notices.length !== 1) checks.push(fail("deprecation notice", `${notices.length} notices, not exactly one`));
    else if (!notices[0]?.includes(`${sunset}`) || !notices[0]?.includes(`${SUCCESSOR}`)) {
      checks.push(fail("deprecation notice", `${JSON.stringify(notices[0])} does not name ${sunset} and ${SUCCESSOR}`));
    } else checks.push(pass("deprecation notice"));
  } else if (!OPERATION_DETAILS[id].deprecated) {
    checks.push(
      notices.length === 0
        ? pass("no deprecation notice")
        : fail("deprecation notice", `${id} is not deprecated, yet the client warned ${JSON.stringify(notices[0])}`),
    );
  } else {
    checks.push(skip("deprecation notice", `the client warns for the deprecated listing only, not for ${id}`));
  }
  return checks;
}

function judgeError(reply: RecordedReply, body: unknown, outcome: Outcome): Check[] {
  if ("value" in outcome) return [fail("outcome", `an error status ${reply.status} became a result`)];
  const error = outcome.thrown;
  if (!(error instanceof AtlasError)) return [fail("outcome", `threw ${describe(error)}, which is not an Atlas error`)];
  const Class = expectedClass(reply.status);
  if (!(error instanceof AtlasApiError) || error.constructor !== Class) {
    return [fail("outcome", `threw ${error.name}, not ${Class.name}`)];
  }
  const checks: Check[] = [pass(`outcome: ${Class.name}`)];
  const api = isObject(body) ? body : {};
  const code = typeof api.errorCode === "string" ? api.errorCode : headerOf(reply, "x-error-code");
  const wanted: [string, unknown, unknown][] = [
    ["status", error.status, reply.status],
    ["errorCode", error.errorCode, code],
    ["detail", error.detail, typeof api.detail === "string" ? api.detail : undefined],
    ["parameters", error.parameters, api.parameters],
  ];
  for (const [field, got, want] of wanted) {
    checks.push(
      JSON.stringify(got) === JSON.stringify(want)
        ? pass(`error.${field}`)
        : fail(`error.${field}`, `${JSON.stringify(got)}, not ${JSON.stringify(want)}`),
    );
  }
  const start = `Atlas answered ${reply.status}${code ? ` ${code}` : ""} for GET `;
  const detail = typeof api.detail === "string" ? `: ${api.detail}` : "";
  checks.push(
    error.message.startsWith(start) && error.message.includes(detail)
      ? pass("error.message")
      : fail(
          "error.message",
          `${JSON.stringify(error.message)} should start ${JSON.stringify(start)} and hold the detail`,
        ),
  );
  return checks;
}

function describe(thrown: unknown): string {
  return thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
}

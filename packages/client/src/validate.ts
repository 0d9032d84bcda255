import { OPERATIONS, type OperationId } from "@atlas-snapshots/types";
import { AtlasValidationError } from "./atlas-error.js";
import { REDACTED, redactUrlCredentials } from "./redact.js";

/** A test and the rule it checks, in words. Rules marked required reject `undefined`. */
type Rule = [test: (value: unknown) => boolean, rule: string, required?: boolean];

const int =
  (min: number, max = Number.MAX_SAFE_INTEGER) =>
  (v: unknown) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const text = (v: unknown) => typeof v === "string" && v !== "";
const ascii = (v: unknown) => typeof v === "string" && /^[\x20-\x7e]+$/.test(v);
const positive: Rule = [int(1), "must be a positive integer"];
// Otherwise a raw TypeError from AbortSignal.any or Request, at the first request.
const signal: Rule = [(v) => v instanceof AbortSignal, "must be an AbortSignal"];

/** What the helpers take beside the spec's parameters. */
const CALL_RULES: Record<string, Rule> = { concurrency: positive, signal };

const CLIENT_RULES: Record<string, Rule> = {
  // It goes into the Authorization header as is: no line breaks, nothing a header cannot carry.
  publicKey: [ascii, "must be a non-empty string of printable ASCII characters"],
  // Hashed as UTF-8, never sent: any characters will do.
  privateKey: [text, "must be a non-empty string"],
  // A service account's pair goes into HTTP Basic as UTF-8, so any characters will do but ':' in the id.
  clientId: [
    (v) => ascii(v) && !(v as string).includes(":"),
    "must be a non-empty string of printable ASCII characters without ':'",
  ],
  clientSecret: [text, "must be a non-empty string"],
  baseUrl: [
    (v) =>
      text(v) &&
      /^https?:\/\/[^/]/i.test(v as string) &&
      URL.canParse(v as string) &&
      !new URL(v as string).username &&
      !new URL(v as string).password,
    "must be an absolute http(s) URL without user:password@ (credentials go in publicKey and privateKey, or clientId and clientSecret)",
  ],
  maxRetries: [int(0), "must be an integer >= 0"],
  timeoutMs: [int(1, 2 ** 31 - 1), "must be a whole number of milliseconds from 1 to 2147483647 (about 24.8 days)"],
  concurrency: positive,
  maxResponseBytes: [int(1), "must be a whole number of bytes >= 1"],
  fetch: [(v) => typeof v === "function", "must be a function"],
  signal,
};

/** Never echo the private key, not even a malformed one, nor the user:password of a URL. */
function shown(argument: string, value: unknown): unknown {
  if (argument === "privateKey" || argument === "clientSecret") return REDACTED;
  if (argument === "baseUrl" && typeof value === "string") return redactUrlCredentials(value);
  return value;
}

function check(values: object, rules: Record<string, Rule>): void {
  for (const [argument, [test, rule, required]] of Object.entries(rules)) {
    const value = (values as Record<string, unknown>)[argument];
    if (value === undefined ? required : !test(value)) {
      throw new AtlasValidationError(argument, shown(argument, value), rule);
    }
  }
}

interface SpecParameter {
  in: string;
  required: boolean;
  /** The spec's check; its problem is the rule in words, for a missing value too. */
  check(value: unknown): { problem: string } | undefined;
}

/**
 * Throws AtlasValidationError for the first bad parameter of operation `id`: the spec's
 * generated checks and messages, in the spec's order, then the helpers' own options.
 */
export function validateOperationParams(id: OperationId, params: object | undefined): void {
  const values = (params ?? {}) as Record<string, unknown>;
  checkSpecParameters(specParameters(id), values);
  check(values, CALL_RULES);
}

const specParameters = (id: OperationId) => Object.entries(OPERATIONS[id].parameters as Record<string, SpecParameter>);

function checkSpecParameters(parameters: [string, SpecParameter][], values: Record<string, unknown>): void {
  for (const [name, p] of parameters) {
    const value = values[name];
    const problem = value === undefined && !p.required ? undefined : p.check(value);
    if (problem) throw new AtlasValidationError(name, value, problem.problem);
  }
}

/**
 * `atlas.GET`'s path and query, each on its own: merged, a query key could hide
 * a bad path value. Only the spec's names are allowed in each, because
 * openapi-fetch sends query keys unencoded.
 */
export function validateOperationRequest(id: OperationId, path: object | undefined, query: object | undefined): void {
  for (const [place, where, values] of [
    ["path", "path parameter", path],
    ["query", "query parameter", query],
  ] as const) {
    const parameters = specParameters(id).filter(([, p]) => p.in === place);
    const names = parameters.map(([name]) => name);
    const given = (values ?? {}) as Record<string, unknown>;
    const stray = Object.keys(given).find((name) => !names.includes(name));
    if (stray !== undefined) {
      throw new AtlasValidationError(
        stray,
        given[stray],
        `is not a ${where} of this operation (use ${names.join(", ")})`,
      );
    }
    checkSpecParameters(parameters, given);
  }
}

/** The listing's parameters; no object at all misses groupId. */
export const validateSnapshotParams = (params: object | undefined) =>
  validateOperationParams("listSharedClusterBackups", params);

/** Throws AtlasValidationError for the first bad client option. */
/** The two ways to sign in: an API key (HTTP Digest) or a service account (OAuth 2.0). */
const CREDENTIAL_PAIRS = [
  ["publicKey", "privateKey"],
  ["clientId", "clientSecret"],
] as const;

export function validateClientOptions(options: object | undefined): void {
  const values = (options ?? {}) as Record<string, unknown>;
  const given = CREDENTIAL_PAIRS.filter((pair) => pair.some((name) => values[name] !== undefined));
  const pair = given[0];
  if (given.length !== 1 || !pair) {
    throw new AtlasValidationError(
      "credentials",
      REDACTED,
      `${given.length === 0 ? "are missing" : "are given twice"}: pass exactly one pair, publicKey and privateKey (an API key) or clientId and clientSecret (a service account)`,
    );
  }
  for (const name of pair) {
    if (values[name] === undefined) {
      const rule = CLIENT_RULES[name]?.[1];
      throw new AtlasValidationError(
        name,
        shown(name, undefined),
        `${rule} (it goes with ${pair.find((n) => n !== name)})`,
      );
    }
  }
  check(values, CLIENT_RULES);
}

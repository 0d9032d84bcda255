import {
  CLUSTER_NAME_MAX_LENGTH,
  CLUSTER_NAME_PATTERN,
  GROUP_ID_PATTERN,
  ITEMS_PER_PAGE_MAX,
  ITEMS_PER_PAGE_MIN,
  PAGE_NUM_MIN,
  QUERY_DEFAULTS,
} from "@atlas-snapshots/types";
import { AtlasValidationError } from "./errors.js";

/** A test and the rule it checks, in words. Rules marked required reject `undefined`. */
type Rule = [test: (value: unknown) => boolean, rule: string, required?: boolean];

const int =
  (min: number, max = Number.MAX_SAFE_INTEGER) =>
  (v: unknown) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const text = (v: unknown) => typeof v === "string" && v !== "";
const bool: Rule = [(v) => typeof v === "boolean", "must be true or false"];
const positive: Rule = [int(1), "must be a positive integer"];
// Otherwise a raw TypeError from AbortSignal.any or Request, at the first request.
const signal: Rule = [(v) => v instanceof AbortSignal, "must be an AbortSignal"];

// Compiled once: validation runs on every call.
const groupId = new RegExp(GROUP_ID_PATTERN);
const clusterName = new RegExp(CLUSTER_NAME_PATTERN);

// The limits come from the spec (via @atlas-snapshots/types), so a spec change flows through.
const SNAPSHOT_RULES: Record<string, Rule> = {
  groupId: [(v) => typeof v === "string" && groupId.test(v), `must match ${GROUP_ID_PATTERN}`, true],
  clusterName: [
    (v) => typeof v === "string" && v.length <= CLUSTER_NAME_MAX_LENGTH && clusterName.test(v),
    `must match ${CLUSTER_NAME_PATTERN} and have at most ${CLUSTER_NAME_MAX_LENGTH} characters`,
    true,
  ],
  pageNum: [int(PAGE_NUM_MIN), `must be an integer >= ${PAGE_NUM_MIN}`],
  itemsPerPage: [
    int(ITEMS_PER_PAGE_MIN, ITEMS_PER_PAGE_MAX),
    `must be an integer from ${ITEMS_PER_PAGE_MIN} to ${ITEMS_PER_PAGE_MAX}`,
  ],
  includeCount: bool,
  pretty: bool,
  envelope: bool,
  concurrency: positive,
  signal,
};

const CLIENT_RULES: Record<string, Rule> = {
  // It goes into the Authorization header as is: no line breaks, nothing a header cannot carry.
  publicKey: [
    (v) => typeof v === "string" && /^[\x20-\x7e]+$/.test(v),
    "must be a non-empty string of printable ASCII characters",
    true,
  ],
  // Hashed as UTF-8, never sent: any characters will do.
  privateKey: [text, "must be a non-empty string", true],
  baseUrl: [
    (v) =>
      text(v) &&
      /^https?:\/\/[^/]/i.test(v as string) &&
      URL.canParse(v as string) &&
      !new URL(v as string).username &&
      !new URL(v as string).password,
    "must be an absolute http(s) URL without user:password@ (the keys go in publicKey and privateKey)",
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
  if (argument === "privateKey") return "[redacted]";
  if (argument === "baseUrl" && typeof value === "string")
    return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, "$1[redacted]@");
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

/** Throws AtlasValidationError for the first bad snapshot-operation parameter; no object at all misses groupId. */
export const validateSnapshotParams = (params: object | undefined) => check(params ?? {}, SNAPSHOT_RULES);

/** Throws AtlasValidationError for the first bad client option. */
export const validateClientOptions = (options: object | undefined) => check(options ?? {}, CLIENT_RULES);

const pick = (names: readonly string[]) =>
  Object.fromEntries(names.map((name) => [name, SNAPSHOT_RULES[name] as Rule]));

/**
 * `atlas.GET`'s path and query, each on its own: merged, a query key could hide
 * a bad path value. Only the spec's names are allowed in each, because
 * openapi-fetch sends query keys unencoded.
 */
export function validateSnapshotRequest(path: object | undefined, query: object | undefined): void {
  const only = (values: object, names: readonly string[], where: string) => {
    const stray = Object.keys(values).find((name) => !names.includes(name));
    if (stray !== undefined) {
      throw new AtlasValidationError(
        stray,
        (values as Record<string, unknown>)[stray],
        `is not a ${where} of this operation (use ${names.join(", ")})`,
      );
    }
  };
  only(path ?? {}, ["groupId", "clusterName"], "path parameter");
  only(query ?? {}, Object.keys(QUERY_DEFAULTS), "query parameter");
  check(path ?? {}, pick(["groupId", "clusterName"]));
  check(query ?? {}, pick(Object.keys(QUERY_DEFAULTS)));
}

import { OPERATIONS, type OperationId } from "@atlas-snapshots/types";
import { AtlasValidationError } from "./errors.js";

/** A test and the rule it checks, in words. Rules marked required reject `undefined`. */
type Rule = [test: (value: unknown) => boolean, rule: string, required?: boolean];

const int =
  (min: number, max = Number.MAX_SAFE_INTEGER) =>
  (v: unknown) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const text = (v: unknown) => typeof v === "string" && v !== "";
const positive: Rule = [int(1), "must be a positive integer"];
// Otherwise a raw TypeError from AbortSignal.any or Request, at the first request.
const signal: Rule = [(v) => v instanceof AbortSignal, "must be an AbortSignal"];

/** What the helpers take beside the spec's parameters. */
const CALL_RULES: Record<string, Rule> = { concurrency: positive, signal };

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
    (v) => text(v) && /^https?:\/\/[^/]/i.test(v as string) && URL.canParse(v as string),
    "must be an absolute http(s) URL",
  ],
  maxRetries: [int(0), "must be an integer >= 0"],
  timeoutMs: [int(1, 2 ** 31 - 1), "must be a whole number of milliseconds >= 1"],
  concurrency: positive,
  fetch: [(v) => typeof v === "function", "must be a function"],
  signal,
};

function check(values: object, rules: Record<string, Rule>): void {
  for (const [argument, [test, rule, required]] of Object.entries(rules)) {
    const value = (values as Record<string, unknown>)[argument];
    if (value === undefined ? required : !test(value)) {
      // Never echo the private key, not even a malformed one.
      throw new AtlasValidationError(argument, argument === "privateKey" ? "[redacted]" : value, rule);
    }
  }
}

interface SpecParameter {
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
  for (const [name, p] of Object.entries(OPERATIONS[id].parameters as Record<string, SpecParameter>)) {
    const value = values[name];
    const problem = value === undefined && !p.required ? undefined : p.check(value);
    if (problem) throw new AtlasValidationError(name, value, problem.problem);
  }
  check(values, CALL_RULES);
}

/** The listing's parameters; no object at all misses groupId. */
export const validateSnapshotParams = (params: object | undefined) =>
  validateOperationParams("listSharedClusterBackups", params);

/** Throws AtlasValidationError for the first bad client option. */
export const validateClientOptions = (options: object | undefined) => check(options ?? {}, CLIENT_RULES);

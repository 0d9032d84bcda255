// Query parameters, read strictly as Atlas does and as the operation table
// says: integers in range, booleans spelled `true` or `false`, each given at
// most once. Limits, defaults and messages all come from the spec.
import { type ApiError, OPERATIONS, type OperationId, type OperationInputs } from "@atlas-snapshots/types";
import { validationError } from "./api-error.js";

/** The query every paged listing reads (each listing's generated input type has these five). */
export type SnapshotQuery = OperationInputs["listSharedClusterBackups" | "listFlexBackupSnapshots"]["query"];

export type QueryResult<Query = SnapshotQuery> =
  | { ok: true; query: Query; given: ReadonlySet<string> }
  | { ok: false; error: ApiError };

interface QueryParameter {
  in: string;
  type: string;
  default?: unknown;
  check(value: unknown): { problem: string } | undefined;
}

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}

/** The text as the parameter's type: digits only for integers (no 1.5, 1e3, +1 or ""), true/false for booleans. */
function typed(type: string, text: string): unknown {
  // The spec sets no upper bound on some integers (pageNum): anything a JavaScript number holds exactly goes.
  if (type === "integer")
    return /^-?\d{1,16}$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : Number.NaN;
  if (type === "boolean") return text === "true" ? true : text === "false" ? false : text;
  return text;
}

/** Parses `search` (with or without its `?`) for operation `id`; unknown parameters are ignored, as Atlas does. */
export function parseQuery<Id extends OperationId>(search: string, id: Id): QueryResult<OperationInputs[Id]["query"]> {
  const parameters = OPERATIONS[id].parameters as Record<string, QueryParameter>;
  const query: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(parameters))
    if (p.in === "query" && p.default !== undefined) query[name] = p.default;
  const given = new Set<string>();
  const raw = search.startsWith("?") ? search.slice(1) : search;
  for (const pair of raw.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = decode(eq < 0 ? "" : pair.slice(eq + 1));
    if (name === undefined || value === undefined) {
      return { ok: false, error: validationError(name ?? "query", pair, "must be valid percent-encoding") };
    }
    const parameter = Object.hasOwn(parameters, name) ? parameters[name] : undefined;
    if (parameter?.in !== "query") continue;
    if (given.has(name)) return { ok: false, error: validationError(name, value, "must be given only once") };
    given.add(name);
    const parsed = typed(parameter.type, value);
    const problem = parameter.check(parsed);
    if (problem) return { ok: false, error: validationError(name, value, problem.problem) };
    query[name] = parsed;
  }
  return { ok: true, query: query as OperationInputs[Id]["query"], given };
}

/** The listing's query. */
export function parseSnapshotQuery(search: string): QueryResult {
  return parseQuery(search, "listSharedClusterBackups");
}

/**
 * pretty/envelope as far as they can be read from a request that may be invalid otherwise; for an
 * operation, only those it has (getFlexBackupSnapshot has no `pretty`, so its errors are never indented).
 */
export function readFormat(search: string, id?: OperationId): { pretty: boolean; envelope: boolean } {
  const params = new URLSearchParams(search);
  const has = (name: string) => id === undefined || Object.hasOwn(OPERATIONS[id].parameters, name);
  return {
    pretty: has("pretty") && params.get("pretty") === "true",
    envelope: has("envelope") && params.get("envelope") === "true",
  };
}

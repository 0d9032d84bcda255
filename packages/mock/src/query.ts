// The five query parameters, read strictly as Atlas does: integers in range,
// booleans spelled `true` or `false`, each given at most once.
import {
  type ApiError,
  ITEMS_PER_PAGE_MAX,
  ITEMS_PER_PAGE_MIN,
  PAGE_NUM_MIN,
  QUERY_DEFAULTS,
} from "@atlas-snapshots/types";
import { ITEMS_PER_PAGE_RULE, validationError } from "./api-error.js";

export interface SnapshotQuery {
  pageNum: number;
  itemsPerPage: number;
  includeCount: boolean;
  pretty: boolean;
  envelope: boolean;
}

type QueryName = keyof SnapshotQuery;

/** Atlas's API is Java: a page number beyond a Java int is refused, not wrapped. */
const PAGE_NUM_MAX = 2_147_483_647;
const PAGE_NUM_RULE = `must be an integer from ${PAGE_NUM_MIN} to ${PAGE_NUM_MAX}`;
const BOOLEAN_RULE = "must be true or false";

const INTEGER_RULES = {
  pageNum: { min: PAGE_NUM_MIN, max: PAGE_NUM_MAX, rule: PAGE_NUM_RULE },
  itemsPerPage: { min: ITEMS_PER_PAGE_MIN, max: ITEMS_PER_PAGE_MAX, rule: ITEMS_PER_PAGE_RULE },
} as const;

export type QueryResult =
  | { ok: true; query: SnapshotQuery; given: ReadonlySet<QueryName> }
  | { ok: false; error: ApiError };

function isQueryName(name: string): name is QueryName {
  return Object.hasOwn(QUERY_DEFAULTS, name); // `in` would accept toString, constructor...
}

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}

/** Parses `search` (with or without its `?`); unknown parameters are ignored, as Atlas does. */
export function parseSnapshotQuery(search: string): QueryResult {
  const query: SnapshotQuery = { ...QUERY_DEFAULTS };
  const given = new Set<QueryName>();
  const raw = search.startsWith("?") ? search.slice(1) : search;
  for (const pair of raw.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = decode(eq < 0 ? "" : pair.slice(eq + 1));
    if (name === undefined || value === undefined) {
      return { ok: false, error: validationError(name ?? "query", pair, "must be valid percent-encoding") };
    }
    if (!isQueryName(name)) continue;
    if (given.has(name)) return { ok: false, error: validationError(name, value, "must be given only once") };
    given.add(name);
    if (name === "pageNum" || name === "itemsPerPage") {
      const { min, max, rule } = INTEGER_RULES[name];
      // Digits only: refuses 1.5, 1e3, -1, +1, "" and, by length, absurd numbers.
      const n = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
      if (!(n >= min && n <= max)) return { ok: false, error: validationError(name, value, rule) };
      query[name] = n;
    } else {
      if (value !== "true" && value !== "false")
        return { ok: false, error: validationError(name, value, BOOLEAN_RULE) };
      query[name] = value === "true";
    }
  }
  return { ok: true, query, given };
}

/** pretty/envelope as far as they can be read from a request that may be invalid otherwise. */
export function readFormat(search: string): { pretty: boolean; envelope: boolean } {
  const params = new URLSearchParams(search);
  return { pretty: params.get("pretty") === "true", envelope: params.get("envelope") === "true" };
}

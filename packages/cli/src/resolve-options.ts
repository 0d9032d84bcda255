import {
  CLUSTER_NAME_MAX_LENGTH,
  CLUSTER_NAME_PATTERN,
  GROUP_ID_PATTERN,
  ITEMS_PER_PAGE_MAX,
  ITEMS_PER_PAGE_MIN,
  QUERY_DEFAULTS,
  SNAPSHOT_STATUSES,
  type SnapshotStatus,
} from "@atlas-snapshots/types";
import type { ParsedValues } from "./parse-command-line.js";
import { parseDuration } from "./parse-duration.js";
import { parseSince } from "./parse-since.js";
import { parseTimeout } from "./parse-timeout.js";
import { UsageError } from "./usage-error.js";

/** The reference page's example project and cluster: `--mock` defaults, present in the mock's default data. */
export const EXAMPLE_GROUP_ID = "5b69d0349b15c62cdfc38b78";
export const EXAMPLE_CLUSTER_NAME = "M2AWS";

export const OUTPUT_FORMATS = ["table", "json", "ndjson", "csv"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const DEFAULT_MAX_AGE = "26h";
export const DEFAULT_TIMEOUT = "60s";
export const DEFAULT_RETRIES = 2;
export const CONCURRENCY_MAX = 32;
export const RETRIES_MAX = 10;

export interface ConnectionOptions {
  groupId: string;
  clusterName: string;
  /** Start the embedded mock server (also implied by --mock-data). */
  mock: boolean;
  mockDataFile?: string;
  baseUrl?: string;
  /** Page size; undefined lets the command pick (see pageSize). */
  itemsPerPage?: number;
  concurrency?: number;
  retries: number;
  timeoutMs: number;
  verbose: boolean;
}

export interface ListOptions extends ConnectionOptions {
  /** One page only; undefined lists every page. */
  pageNum?: number;
  statuses: SnapshotStatus[];
  sinceMs?: number;
  output: OutputFormat;
}

export interface CheckOptions extends ConnectionOptions {
  maxAgeMs: number;
}

/** A whole number within [min, max], written as plain digits (no 1e3, 0x10 or 2.0). */
export function parseInteger(text: string, flag: string, min: number, max: number): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    throw new UsageError(`${flag} ${JSON.stringify(text)} must be ${range}`);
  }
  return value;
}

function resolveConnection(values: ParsedValues): ConnectionOptions {
  const mock = values.mock === true || values["mock-data"] !== undefined;
  const baseUrl = values["base-url"];
  if (mock && baseUrl !== undefined) throw new UsageError("use either --mock or --base-url, not both");
  if (baseUrl !== undefined && !(/^https?:\/\/[^/]/i.test(baseUrl) && URL.canParse(baseUrl))) {
    throw new UsageError(`--base-url ${JSON.stringify(baseUrl)} must be an absolute http(s) URL`);
  }
  const groupId = values.group ?? (mock ? EXAMPLE_GROUP_ID : undefined);
  const clusterName = values.cluster ?? (mock ? EXAMPLE_CLUSTER_NAME : undefined);
  if (groupId === undefined) throw new UsageError("missing --group ID (the project id; or try --mock)");
  if (clusterName === undefined)
    throw new UsageError("missing --cluster NAME (the M2/M5 cluster's name; or try --mock)");
  if (!new RegExp(GROUP_ID_PATTERN).test(groupId)) {
    throw new UsageError(
      `--group ${JSON.stringify(groupId)} must be a project id: 24 lowercase hexadecimal characters`,
    );
  }
  if (!new RegExp(CLUSTER_NAME_PATTERN).test(clusterName) || clusterName.length > CLUSTER_NAME_MAX_LENGTH) {
    throw new UsageError(
      `--cluster ${JSON.stringify(clusterName.slice(0, 80))} must be a cluster name: letters, digits and hyphens, starting with a letter or digit, at most ${CLUSTER_NAME_MAX_LENGTH} characters`,
    );
  }
  const optional = <T>(text: string | undefined, read: (text: string) => T) =>
    text === undefined ? undefined : read(text);
  return {
    groupId,
    clusterName,
    mock,
    mockDataFile: values["mock-data"],
    baseUrl,
    itemsPerPage: optional(values["items-per-page"], (t) =>
      parseInteger(t, "--items-per-page", ITEMS_PER_PAGE_MIN, ITEMS_PER_PAGE_MAX),
    ),
    concurrency: optional(values.concurrency, (t) => parseInteger(t, "--concurrency", 1, CONCURRENCY_MAX)),
    retries: optional(values.retries, (t) => parseInteger(t, "--retries", 0, RETRIES_MAX)) ?? DEFAULT_RETRIES,
    timeoutMs: parseTimeout(values.timeout ?? DEFAULT_TIMEOUT),
    verbose: values.verbose === true,
  };
}

/** `--status` values, repeatable and comma-separated, any case; checked against the spec's statuses. */
function resolveStatuses(values: readonly string[] = []): SnapshotStatus[] {
  const statuses = values.flatMap((value) => value.split(",")).map((s) => s.trim().toUpperCase());
  for (const status of statuses) {
    if (!(SNAPSHOT_STATUSES as readonly string[]).includes(status)) {
      throw new UsageError(
        `--status ${JSON.stringify(status)} is not a snapshot status; use ${SNAPSHOT_STATUSES.join(", ")}`,
      );
    }
  }
  return [...new Set(statuses)] as SnapshotStatus[];
}

export function resolveListOptions(values: ParsedValues): ListOptions {
  const connection = resolveConnection(values);
  if (values.all && values.page !== undefined) throw new UsageError("use either --all or --page N, not both");
  const output = (values.output ?? "table").toLowerCase();
  if (!(OUTPUT_FORMATS as readonly string[]).includes(output)) {
    throw new UsageError(`--output ${JSON.stringify(values.output)} is not a format; use ${OUTPUT_FORMATS.join(", ")}`);
  }
  return {
    ...connection,
    pageNum: values.page === undefined ? undefined : parseInteger(values.page, "--page", 1, Number.MAX_SAFE_INTEGER),
    statuses: resolveStatuses(values.status),
    sinceMs: values.since === undefined ? undefined : parseSince(values.since),
    output: output as OutputFormat,
  };
}

export function resolveCheckOptions(values: ParsedValues): CheckOptions {
  return { ...resolveConnection(values), maxAgeMs: parseDuration(values["max-age"] ?? DEFAULT_MAX_AGE, "--max-age") };
}

/**
 * Page size when none was given: the API's default for `--page N` (so page N
 * means what it means to Atlas), the maximum when reading every page (fewest requests).
 */
export function pageSize(options: ConnectionOptions & { pageNum?: number }): number {
  return options.itemsPerPage ?? (options.pageNum === undefined ? ITEMS_PER_PAGE_MAX : QUERY_DEFAULTS.itemsPerPage);
}

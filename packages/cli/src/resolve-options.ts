import {
  checkParamClusterName,
  checkParamGroupId,
  checkParamSnapshotId,
  ITEMS_PER_PAGE_MAX,
  ITEMS_PER_PAGE_MIN,
  QUERY_DEFAULTS,
  SNAPSHOT_STATUSES,
  type SnapshotStatus,
} from "@atlas-snapshots/types";
import { API_KINDS, type ApiKind } from "./api-kind.js";
import { normalizeBaseUrl } from "./base-url.js";
import { flagValue, listValue, type OptionValues, textValue } from "./command-line/declare.js";
import { type AtlasProfile, DEFAULT_PROFILE, loadAtlasProfile } from "./config/atlas-cli-config.js";
import { parseDuration } from "./parse-duration.js";
import { parseSince } from "./parse-since.js";
import { parseTimeout } from "./parse-timeout.js";
import { type Credentials, type ProfileSource, readCredentials } from "./read-credentials.js";
import type { Terminal } from "./terminal.js";
import { UsageError } from "./usage-error.js";

/** The Atlas CLI's environment variables beside the key pair (read-credentials.ts has those). */
export const PROJECT_ID_VAR = "MONGODB_ATLAS_PROJECT_ID";
export const OUTPUT_VAR = "MONGODB_ATLAS_OUTPUT";
export const OPS_MANAGER_URL_VAR = "MONGODB_ATLAS_OPS_MANAGER_URL";

/** The reference page's example project and cluster: `--mock` defaults, present in the mock's default data. */
export const EXAMPLE_GROUP_ID = "5b69d0349b15c62cdfc38b78";
export const EXAMPLE_CLUSTER_NAME = "M2AWS";

export const OUTPUT_FORMATS = ["table", "json", "json-raw", "ndjson", "csv"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
/** describe prints one snapshot: json-raw (one page as sent) has no meaning there. */
export const DESCRIBE_OUTPUT_FORMATS = ["table", "json", "ndjson", "csv"] as const satisfies readonly OutputFormat[];
export type DescribeOutputFormat = (typeof DESCRIBE_OUTPUT_FORMATS)[number];

export const DEFAULT_MAX_AGE = "26h";
export const DEFAULT_TIMEOUT = "60s";
export const DEFAULT_WATCH_TIMEOUT = "30m";
export const DEFAULT_WATCH_INTERVAL = "10s";
export const DEFAULT_RETRIES = 2;
export const CONCURRENCY_MAX = 32;
export const RETRIES_MAX = 10;

export interface ConnectionOptions {
  groupId: string;
  clusterName: string;
  /** `--api`: read the cluster through this API only; undefined finds out (api-kind.ts). */
  api?: ApiKind;
  /** Start the embedded mock server (also implied by --mock-data). */
  mock: boolean;
  mockDataFile?: string;
  /** Checked, passed on as given: the client takes the host (each API adds its path) or the old form with a base path. */
  baseUrl?: string;
  /** The API key or service account (not with --mock, which uses the mock's own). */
  credentials?: Credentials;
  /** The Atlas CLI profile read, if any. */
  profile?: AtlasProfile;
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

export interface DescribeOptions extends ConnectionOptions {
  snapshotId: string;
  output: DescribeOutputFormat;
}

export interface CheckOptions extends ConnectionOptions {
  maxAgeMs: number;
}

export interface WatchOptions extends CheckOptions {
  /** How long to wait in all before giving up. */
  waitMs: number;
  /** Between two looks. */
  intervalMs: number;
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

/** Where a value came from, for messages: the flag, the variable or the profile key. */
interface Sourced {
  value: string;
  source: string;
}

/** The Atlas CLI's precedence: a flag, then the environment variable, then the profile. */
function pick(
  values: OptionValues,
  name: string,
  flag: string,
  env: NodeJS.ProcessEnv,
  envVar: string,
  profile: AtlasProfile | undefined,
  key: keyof AtlasProfile,
): Sourced | undefined {
  const fromFlag = textValue(values, name);
  if (fromFlag !== undefined) return { value: fromFlag, source: flag };
  const fromEnv = env[envVar]?.trim();
  if (fromEnv) return { value: fromEnv, source: envVar };
  const fromProfile = profile?.[key];
  return fromProfile === undefined ? undefined : { value: fromProfile, source: `profile key ${key}` };
}

/** The Atlas CLI profile named by -P (default "default"); --mock reads none unless -P names one. */
async function loadProfile(
  values: OptionValues,
  mock: boolean,
  terminal: Terminal,
): Promise<ProfileSource | undefined> {
  const named = textValue(values, "profile");
  if (mock && named === undefined) return undefined;
  const loaded = await loadAtlasProfile(terminal.env, named ?? DEFAULT_PROFILE, named !== undefined);
  for (const secret of [loaded.profile?.private_api_key, loaded.profile?.client_secret])
    if (secret) terminal.protect(secret);
  return loaded;
}

export async function resolveConnection(values: OptionValues, terminal: Terminal): Promise<ConnectionOptions> {
  const env = terminal.env;
  const mock = flagValue(values, "mock") || textValue(values, "mock-data") !== undefined;
  if (mock && textValue(values, "base-url") !== undefined) {
    throw new UsageError("use either --mock or --base-url, not both");
  }
  const source = await loadProfile(values, mock, terminal);
  const profile = source?.profile;
  const group = pick(values, "group", "--group", env, PROJECT_ID_VAR, profile, "project_id");
  const cluster = textValue(values, "cluster");
  const groupId = group?.value ?? (mock ? EXAMPLE_GROUP_ID : undefined);
  const clusterName = cluster ?? (mock ? EXAMPLE_CLUSTER_NAME : undefined);
  if (groupId === undefined) {
    throw new UsageError(
      `missing the project id: give --projectId ID (or -g/--group ID), set ${PROJECT_ID_VAR}, or use an Atlas CLI profile with project_id (or try --mock)`,
    );
  }
  if (clusterName === undefined) {
    throw new UsageError("missing --clusterName NAME (or -c: the M2/M5 or Flex cluster's name; or try --mock)");
  }
  // The spec's rules and words (generated), as the client and the mock give them.
  const badGroup = checkParamGroupId(groupId);
  if (badGroup) {
    throw new UsageError(`${group?.source ?? "--group"} ${JSON.stringify(groupId.slice(0, 80))} ${badGroup.problem}`);
  }
  const badCluster = checkParamClusterName(clusterName);
  if (badCluster) throw new UsageError(`--cluster ${JSON.stringify(clusterName.slice(0, 80))} ${badCluster.problem}`);
  const base = mock
    ? undefined
    : pick(values, "base-url", "--base-url", env, OPS_MANAGER_URL_VAR, profile, "ops_manager_url");
  const optional = <T>(text: string | undefined, read: (text: string) => T) =>
    text === undefined ? undefined : read(text);
  return {
    groupId,
    clusterName,
    api: optional(textValue(values, "api"), resolveApiKind),
    mock,
    mockDataFile: textValue(values, "mock-data"),
    baseUrl: base && normalizeBaseUrl(base.value, base.source),
    credentials: mock ? undefined : readCredentials(env, source),
    itemsPerPage: optional(textValue(values, "items-per-page"), (t) =>
      parseInteger(t, "--items-per-page", ITEMS_PER_PAGE_MIN, ITEMS_PER_PAGE_MAX),
    ),
    concurrency: optional(textValue(values, "concurrency"), (t) =>
      parseInteger(t, "--concurrency", 1, CONCURRENCY_MAX),
    ),
    retries:
      optional(textValue(values, "retries"), (t) => parseInteger(t, "--retries", 0, RETRIES_MAX)) ?? DEFAULT_RETRIES,
    timeoutMs: parseTimeout(textValue(values, "timeout") ?? DEFAULT_TIMEOUT),
    verbose: flagValue(values, "verbose"),
    profile,
  };
}

/** `--api`, any case; no environment variable or profile key, as the Atlas CLI has none. */
function resolveApiKind(text: string): ApiKind {
  const kind = text.trim().toLowerCase();
  if (!(API_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(
      `--api ${JSON.stringify(text.slice(0, 40))} is not an API of atlas-snapshots; use tenant (API v1.0, M2/M5 clusters) or flex (API v2, Flex clusters), or leave --api out to let atlas-snapshots find out`,
    );
  }
  return kind as ApiKind;
}

/** `--status` values, repeatable and comma-separated, any case; checked against the spec's statuses. */
function resolveStatuses(values: readonly string[]): SnapshotStatus[] {
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

/** `-o`, else MONGODB_ATLAS_OUTPUT, else the profile's `output`; the Atlas CLI's `plaintext` is our table. */
function resolveOutput<Format extends OutputFormat>(
  values: OptionValues,
  env: NodeJS.ProcessEnv,
  profile: AtlasProfile | undefined,
  formats: readonly Format[],
  command = "",
): Format {
  const chosen = pick(values, "output", "--output", env, OUTPUT_VAR, profile, "output");
  const output = (chosen?.value ?? "table").toLowerCase();
  if (output === "plaintext" && chosen?.source !== "--output") return "table" as Format;
  if (!(formats as readonly string[]).includes(output)) {
    throw new UsageError(
      `${chosen?.source} ${JSON.stringify(chosen?.value.slice(0, 40))} is not an output format of atlas-snapshots${command && ` ${command}`}; use ${formats.join(", ")}`,
    );
  }
  return output as Format;
}

export async function resolveListOptions(values: OptionValues, terminal: Terminal): Promise<ListOptions> {
  const connection = await resolveConnection(values, terminal);
  const page = textValue(values, "page");
  if (flagValue(values, "all") && page !== undefined) throw new UsageError("use either --all or --page N, not both");
  const output = resolveOutput(values, terminal.env, connection.profile, OUTPUT_FORMATS);
  const statuses = resolveStatuses(listValue(values, "status"));
  const since = textValue(values, "since");
  if (output === "json-raw" && (flagValue(values, "all") || statuses.length > 0 || since !== undefined)) {
    throw new UsageError(
      "-o json-raw prints one page exactly as Atlas sent it: use it with --page N, without --all, --status or --since",
    );
  }
  return {
    ...connection,
    // json-raw is one API reply: page 1 unless another is asked for.
    pageNum:
      page === undefined
        ? output === "json-raw"
          ? 1
          : undefined
        : parseInteger(page, "--page", 1, Number.MAX_SAFE_INTEGER),
    statuses,
    sinceMs: since === undefined ? undefined : parseSince(since),
    output,
  };
}

/** describe's SNAPSHOT_ID, checked by the spec's rule before anything is read or sent. */
export async function resolveDescribeOptions(
  values: OptionValues,
  positionals: readonly string[],
  terminal: Terminal,
): Promise<DescribeOptions> {
  const [snapshotId = ""] = positionals;
  const bad = checkParamSnapshotId(snapshotId);
  if (bad) throw new UsageError(`SNAPSHOT_ID ${JSON.stringify(snapshotId.slice(0, 80))} ${bad.problem}`);
  const connection = await resolveConnection(values, terminal);
  return {
    ...connection,
    snapshotId,
    output: resolveOutput(values, terminal.env, connection.profile, DESCRIBE_OUTPUT_FORMATS, "describe"),
  };
}

export async function resolveCheckOptions(values: OptionValues, terminal: Terminal): Promise<CheckOptions> {
  return {
    ...(await resolveConnection(values, terminal)),
    maxAgeMs: parseDuration(textValue(values, "max-age") ?? DEFAULT_MAX_AGE, "--max-age"),
  };
}

export async function resolveWatchOptions(values: OptionValues, terminal: Terminal): Promise<WatchOptions> {
  // For watch, --timeout bounds the whole wait; each request keeps the usual per-request timeout.
  const { timeout, ...rest } = values;
  const connection = await resolveConnection(rest, terminal);
  return {
    ...connection,
    maxAgeMs: parseDuration(textValue(values, "max-age") ?? DEFAULT_MAX_AGE, "--max-age"),
    waitMs: parseTimeout(typeof timeout === "string" ? timeout : DEFAULT_WATCH_TIMEOUT),
    intervalMs: parseDuration(textValue(values, "interval") ?? DEFAULT_WATCH_INTERVAL, "--interval"),
  };
}

/**
 * Page size when none was given: the API's default for `--page N` (so page N
 * means what it means to Atlas), the maximum when reading every page (fewest requests).
 */
export function pageSize(options: ConnectionOptions & { pageNum?: number }): number {
  return options.itemsPerPage ?? (options.pageNum === undefined ? ITEMS_PER_PAGE_MAX : QUERY_DEFAULTS.itemsPerPage);
}

import {
  BASE_PATHS,
  DEFAULT_HOST,
  ITEMS_PER_PAGE_MAX,
  QUERY_DEFAULTS,
  SNAPSHOT_STATUSES,
} from "@atlas-snapshots/types";
import { API_KINDS, FLEX_CLUSTER_IN_CLUSTER_API } from "../api-kind.js";
import type { OptionSpec } from "../command-line/declare.js";
import { DEFAULT_PROFILE } from "../config/atlas-cli-config.js";
import { EXIT } from "../exit-codes.js";
import {
  CONCURRENCY_MAX,
  DEFAULT_MAX_AGE,
  DEFAULT_RETRIES,
  DEFAULT_TIMEOUT,
  DEFAULT_WATCH_INTERVAL,
  DEFAULT_WATCH_TIMEOUT,
  DESCRIBE_OUTPUT_FORMATS,
  EXAMPLE_CLUSTER_NAME,
  EXAMPLE_GROUP_ID,
  OPS_MANAGER_URL_VAR,
  OUTPUT_FORMATS,
  OUTPUT_VAR,
  PROJECT_ID_VAR,
  RETRIES_MAX,
} from "../resolve-options.js";

// Every option of every command, declared once. Commands list the ones they take.

export const HELP: OptionSpec = {
  name: "help",
  short: "h",
  type: "boolean",
  description: "Show help.",
  section: "General",
};
export const VERSION: OptionSpec = {
  name: "version",
  short: "V",
  type: "boolean",
  description: "Print the version.",
  section: "General",
};
/** Accepted by every command, before or after it. */
export const GLOBAL_OPTIONS = [HELP, VERSION] as const;

const VERBOSE: OptionSpec = {
  name: "verbose",
  short: "v",
  type: "boolean",
  description: "Print retries and error details on stderr (the private key is never printed).",
  section: "General",
};

const GROUP: OptionSpec = {
  name: "group",
  aliases: ["projectId"],
  short: "g",
  type: "string",
  placeholder: "ID",
  description: "Project (group) id: 24 lowercase hex characters.",
  env: PROJECT_ID_VAR,
  section: "Where to read from",
};
const CLUSTER: OptionSpec = {
  name: "cluster",
  aliases: ["clusterName"],
  short: "c",
  type: "string",
  placeholder: "NAME",
  description: "Cluster name: an M2/M5 cluster or a Flex cluster (see --api).",
  section: "Where to read from",
};
const API: OptionSpec = {
  name: "api",
  type: "string",
  placeholder: "KIND",
  description: [
    "Which API reads the cluster: tenant (API v1.0, M2/M5) or flex (API v2, Flex).",
    `Left out: tenant, then flex once Atlas answers 400 ${FLEX_CLUSTER_IN_CLUSTER_API}`,
    `(said once on stderr). Given: that API only; the other kind is Atlas's 400, exit ${EXIT.unexpected}.`,
  ].join("\n"),
  defaultText: "found out",
  choices: API_KINDS,
  section: "Where to read from",
};
const PROFILE: OptionSpec = {
  name: "profile",
  short: "P",
  type: "string",
  placeholder: "NAME",
  description:
    "Atlas CLI profile in its config.toml: project_id, public_api_key, private_api_key,\nclient_id, client_secret, output, ops_manager_url (read only; flags, then\nenvironment, then profile).",
  defaultText: DEFAULT_PROFILE,
  section: "Where to read from",
};
const MOCK: OptionSpec = {
  name: "mock",
  type: "boolean",
  description: `Use an embedded mock Atlas on a free loopback port (no account needed);\nthe project and cluster default to ${EXAMPLE_GROUP_ID} / ${EXAMPLE_CLUSTER_NAME}\n(-c FlexAWS: its Flex cluster).`,
  section: "Where to read from",
};
const MOCK_DATA: OptionSpec = {
  name: "mock-data",
  type: "string",
  placeholder: "FILE",
  description:
    'Load FILE ({"groups":[{"id","clusters":[{"name","kind","snapshots":[...]}]}]};\nkind "flex" for a Flex cluster) into the embedded mock (implies --mock).',
  section: "Where to read from",
};
const BASE_URL: OptionSpec = {
  name: "base-url",
  type: "string",
  placeholder: "URL",
  description: `Atlas's address: the host alone (${DEFAULT_HOST}); each API adds its path\n(${BASE_PATHS.join(", ")}). The old form ending in ${BASE_PATHS[0]} works too,\ne.g. the URL \`atlas-mock-server\` prints.`,
  defaultText: DEFAULT_HOST,
  env: OPS_MANAGER_URL_VAR,
  section: "Where to read from",
};
const ITEMS_PER_PAGE: OptionSpec = {
  name: "items-per-page",
  type: "string",
  placeholder: "N",
  description: `Page size, 1..${ITEMS_PER_PAGE_MAX} (${ITEMS_PER_PAGE_MAX} when reading every page, ${QUERY_DEFAULTS.itemsPerPage} with --page).`,
  section: "Paging and network",
};
const CONCURRENCY: OptionSpec = {
  name: "concurrency",
  type: "string",
  placeholder: "N",
  description: `Pages fetched at once after the first, 1..${CONCURRENCY_MAX}.`,
  defaultText: "8",
  section: "Paging and network",
};
const RETRIES: OptionSpec = {
  name: "retries",
  type: "string",
  placeholder: "N",
  description: `Retries per request on network errors, 408, 429 and 5xx, 0..${RETRIES_MAX}.`,
  defaultText: String(DEFAULT_RETRIES),
  section: "Paging and network",
};
const TIMEOUT: OptionSpec = {
  name: "timeout",
  type: "string",
  placeholder: "DURATION",
  description: "Per-request timeout: 60s, 1500ms, 2m, or bare seconds (30).",
  defaultText: DEFAULT_TIMEOUT,
  section: "Paging and network",
};

/** The options of every command that reads a cluster's snapshots. */
export const CONNECTION_OPTIONS: readonly OptionSpec[] = [
  GROUP,
  CLUSTER,
  API,
  PROFILE,
  MOCK,
  MOCK_DATA,
  BASE_URL,
  ITEMS_PER_PAGE,
  CONCURRENCY,
  RETRIES,
  TIMEOUT,
  VERBOSE,
];

export const LIST_OPTIONS: readonly OptionSpec[] = [
  {
    name: "all",
    type: "boolean",
    description: "Every page (the default when --page is not given).",
    section: "What to list",
  },
  {
    name: "page",
    type: "string",
    placeholder: "N",
    description: `Only page N (with --items-per-page, default ${QUERY_DEFAULTS.itemsPerPage}).`,
    section: "What to list",
  },
  {
    name: "status",
    short: "s",
    type: "string",
    multiple: true,
    placeholder: "S",
    description: `Keep snapshots with status S; repeat or comma-separate; any case.\nOne of ${SNAPSHOT_STATUSES.join(", ")}.`,
    choices: SNAPSHOT_STATUSES,
    section: "What to list",
  },
  {
    name: "since",
    type: "string",
    placeholder: "DATE",
    description:
      "Keep snapshots scheduled at or after DATE: 2024-05-01, 2024-05-01T12:00:00Z\nor with an offset (+02:00); a time without a zone is UTC.",
    section: "What to list",
  },
  {
    name: "output",
    short: "o",
    type: "string",
    placeholder: "FORMAT",
    description: [
      "table: aligned columns, status coloured on a terminal",
      "json: one array of the API's snapshot objects, as received",
      "json-raw: one page exactly as Atlas sent it (results, totalCount, links)",
      "ndjson: one snapshot object per line, streamed as pages arrive",
      "csv: header id,status,mongoDBVersion,scheduledTime,startTime,finishTime (RFC 4180)",
    ].join("\n"),
    defaultText: "table; the Atlas CLI's plaintext is table",
    env: OUTPUT_VAR,
    choices: OUTPUT_FORMATS,
    section: "What to list",
  },
];

/** describe's --output: list's formats that make sense for one snapshot. */
export const DESCRIBE_OPTIONS: readonly OptionSpec[] = [
  {
    name: "output",
    short: "o",
    type: "string",
    placeholder: "FORMAT",
    description: [
      "table: one aligned row, status coloured on a terminal",
      "json: the API's snapshot object, as received",
      "ndjson: the same object on one line",
      "csv: header id,status,mongoDBVersion,scheduledTime,startTime,finishTime and one record",
    ].join("\n"),
    defaultText: "table; the Atlas CLI's plaintext is table",
    env: OUTPUT_VAR,
    choices: DESCRIBE_OUTPUT_FORMATS,
    section: "What to print",
  },
];

const MAX_AGE: OptionSpec = {
  name: "max-age",
  type: "string",
  placeholder: "DURATION",
  description: "Oldest acceptable latest snapshot; units d, h, m, s, ms in that order:\n26h, 90m, 2d, 1d12h, 3600s.",
  defaultText: DEFAULT_MAX_AGE,
  section: "What to check",
};
export const CHECK_OPTIONS: readonly OptionSpec[] = [MAX_AGE];

export const WATCH_OPTIONS: readonly OptionSpec[] = [
  MAX_AGE,
  {
    name: "interval",
    type: "string",
    placeholder: "DURATION",
    description: "Time between two looks at the cluster.",
    defaultText: DEFAULT_WATCH_INTERVAL,
    section: "Watching",
  },
  {
    ...TIMEOUT,
    description:
      "Give up (exit 1) when the snapshot is still in progress after DURATION;\neach request keeps the usual 60s timeout.",
    defaultText: DEFAULT_WATCH_TIMEOUT,
    section: "Watching",
  },
];

/** Connection options without the ones a command redeclares (watch's --timeout). */
export const connectionOptionsExcept = (...names: string[]) =>
  CONNECTION_OPTIONS.filter((option) => !names.includes(option.name));

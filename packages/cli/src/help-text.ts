import { ITEMS_PER_PAGE_MAX, QUERY_DEFAULTS, SNAPSHOT_STATUSES } from "@atlas-snapshots/types";
import type { CommandName } from "./parse-command-line.js";
import {
  CONCURRENCY_MAX,
  DEFAULT_MAX_AGE,
  DEFAULT_RETRIES,
  DEFAULT_TIMEOUT,
  EXAMPLE_CLUSTER_NAME,
  EXAMPLE_GROUP_ID,
  RETRIES_MAX,
} from "./resolve-options.js";

const BIN = "atlas-snapshots";

export const USAGE: Record<CommandName, string> = {
  list: `Usage: ${BIN} list (--group ID --cluster NAME | --mock) [--all | --page N] [--items-per-page N] [--status S ...] [--since DATE] [--output table|json|ndjson|csv] [--base-url URL] [--concurrency N]`,
  check: `Usage: ${BIN} check (--group ID --cluster NAME | --mock) [--max-age DURATION] [--base-url URL]`,
};

export const TOP_USAGE = `Usage: ${BIN} <list|check|help> [options]   (${BIN} --help for more)`;

const CONNECTION_OPTIONS = `Where to read from:
  -g, --group ID          Project (group) id: 24 lowercase hex characters. Required without --mock.
  -c, --cluster NAME      M2/M5 cluster name. Required without --mock.
      --mock              Use an embedded mock Atlas on a free loopback port (no account needed);
                          --group/--cluster default to ${EXAMPLE_GROUP_ID} / ${EXAMPLE_CLUSTER_NAME}.
      --mock-data FILE    Load FILE ({"groups":[{"id","clusters":[{"name","snapshots":[...]}]}]})
                          into the embedded mock (implies --mock).
      --base-url URL      API base URL (default https://cloud.mongodb.com/api/atlas/v1.0),
                          e.g. the URL \`pnpm mock-server\` prints.

Paging and network:
      --items-per-page N  Page size, 1..${ITEMS_PER_PAGE_MAX} (default ${ITEMS_PER_PAGE_MAX} when reading every page,
                          ${QUERY_DEFAULTS.itemsPerPage} with --page).
      --concurrency N     Pages fetched at once after the first, 1..${CONCURRENCY_MAX} (default 8).
      --retries N         Retries per request on network errors, 408, 429 and 5xx, 0..${RETRIES_MAX} (default ${DEFAULT_RETRIES}).
      --timeout DURATION  Per-request timeout (default ${DEFAULT_TIMEOUT}).
  -v, --verbose           Print retries and error details on stderr (the private key is never printed).
  -h, --help              Show this help.`;

const ENVIRONMENT = `Credentials (Atlas programmatic API key, HTTP Digest; not needed with --mock):
  MONGODB_ATLAS_PUBLIC_API_KEY    the public key
  MONGODB_ATLAS_PRIVATE_API_KEY   the private key (never printed, not even in errors)
  NO_COLOR                        set to disable colour (colour is only used on a terminal)`;

export const EXIT_CODES = `Exit codes:
  0  success (check: the latest snapshot is fine)
  1  check failed: latest snapshot failed, still running/queued, stale, or none
  2  usage error: unknown option, bad value, missing argument or credentials variable
  3  authentication refused (401) or not permitted (403)
  4  project or cluster not found (404)
  5  rate limited (429) after retries
  6  network error, timeout, or Atlas server error (5xx) after retries
  7  unexpected error (e.g. a 400 from the server, a malformed reply)`;

const LIST_HELP = `${USAGE.list}

Print the backup snapshots of one M2/M5 cluster, oldest first (the server's order).

What to list:
      --all               Every page (the default when --page is not given).
      --page N            Only page N (with --items-per-page, default ${QUERY_DEFAULTS.itemsPerPage}).
  -s, --status S          Keep snapshots with status S; repeat or comma-separate; any case.
                          One of ${SNAPSHOT_STATUSES.join(", ")}.
      --since DATE        Keep snapshots scheduled at or after DATE: 2024-05-01, 2024-05-01T12:00:00Z
                          or with an offset (+02:00); a time without a zone is UTC.
  -o, --output FORMAT     table (default): aligned columns, status coloured on a terminal
                          json: one array of the API's snapshot objects, as received
                          ndjson: one snapshot object per line, streamed as pages arrive
                          csv: header id,status,mongoDBVersion,scheduledTime,startTime,finishTime (RFC 4180)

${CONNECTION_OPTIONS}

If a page cannot be read (after retries) while listing, nothing is printed as if
complete: table, json and csv print nothing; ndjson keeps the lines already
streamed, and stderr says the list is incomplete. The exit code says why.

${ENVIRONMENT}

${EXIT_CODES}

Examples:
  ${BIN} list --mock
  ${BIN} list -g 5b69d0349b15c62cdfc38b78 -c M2AWS --status failed --since 2024-05-01
  ${BIN} list -g 5b69d0349b15c62cdfc38b78 -c M2AWS -o csv > snapshots.csv`;

const CHECK_HELP = `${USAGE.check}

Check the latest snapshot (newest scheduledTime, whatever order the server
sends) of one M2/M5 cluster and print a one-line reason. Meant for cron and
monitoring: exit 0 when it is COMPLETED and scheduled less than --max-age ago,
exit 1 when it FAILED, is still RUNNING/QUEUED/PENDING, is older than
--max-age, or there are no snapshots.

      --max-age DURATION  Oldest acceptable latest snapshot (default ${DEFAULT_MAX_AGE}); units d, h, m, s
                          in that order: 26h, 90m, 2d, 1d12h, 3600s.

${CONNECTION_OPTIONS}

${ENVIRONMENT}

${EXIT_CODES}

Examples:
  ${BIN} check -g 5b69d0349b15c62cdfc38b78 -c M2AWS --max-age 26h || echo "backup problem"
  ${BIN} check --mock   # the mock's newest snapshot may still be running: exit 1, by design`;

export const COMMAND_HELP: Record<CommandName, string> = { list: LIST_HELP, check: CHECK_HELP };

export const TOP_HELP = `${BIN}: list and check the backup snapshots of MongoDB Atlas M2/M5 clusters.

Usage:
  ${BIN} list  (--group ID --cluster NAME | --mock) [options]
  ${BIN} check (--group ID --cluster NAME | --mock) [--max-age DURATION] [options]
  ${BIN} help [list|check]
  ${BIN} --help | --version

Commands:
  list    Print a cluster's snapshots (every page by default) as a table, json, ndjson or csv.
  check   Exit 0 if the latest snapshot is COMPLETED and recent, 1 otherwise, with a one-line reason.

Run "${BIN} COMMAND --help" for a command's options.
Try it without an Atlas account: ${BIN} list --mock

${ENVIRONMENT}

${EXIT_CODES}`;

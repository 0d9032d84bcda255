import { FLEX_CLUSTER_IN_CLUSTER_API } from "../api-kind.js";
import { completionScript, SHELLS, type Shell } from "../command-line/completion.js";
import type { CommandSpec } from "../command-line/declare.js";
import { BIN, commandHelp, topHelp } from "../command-line/help.js";
import { EXIT } from "../exit-codes.js";
import { CLIENT_ID_VAR, CLIENT_SECRET_VAR, PRIVATE_KEY_VAR, PUBLIC_KEY_VAR } from "../read-credentials.js";
import {
  OPS_MANAGER_URL_VAR,
  OUTPUT_VAR,
  PROJECT_ID_VAR,
  resolveCheckOptions,
  resolveDescribeOptions,
  resolveListOptions,
  resolveWatchOptions,
} from "../resolve-options.js";
import { UsageError } from "../usage-error.js";
import { runCheck } from "./check.js";
import { runDescribe } from "./describe.js";
import { runList } from "./list.js";
import {
  CHECK_OPTIONS,
  CONNECTION_OPTIONS,
  connectionOptionsExcept,
  DESCRIBE_OPTIONS,
  GLOBAL_OPTIONS,
  LIST_OPTIONS,
  WATCH_OPTIONS,
} from "./options.js";
import { runWatch } from "./watch.js";

export const ENVIRONMENT = `Environment (the Atlas CLI's names; flags win over these, these over the profile):
  ${PUBLIC_KEY_VAR}    the API key's public part
  ${PRIVATE_KEY_VAR}   the private part (never printed, not even in errors)
  ${PROJECT_ID_VAR}        the project id (--projectId)
  ${OUTPUT_VAR}            list's default --output
  ${OPS_MANAGER_URL_VAR}   Atlas's address (--base-url)
  ${CLIENT_ID_VAR}, ${CLIENT_SECRET_VAR}: a service account instead (preferred when both are set)
  XDG_CONFIG_HOME    where the Atlas CLI's atlascli/config.toml is (else ~/.config)
  NO_COLOR           set to disable colour (colour is only used on a terminal)`;

export const EXIT_CODES = `Exit codes:
  0  success (check, watch: the latest snapshot is fine)
  1  check failed: latest snapshot failed, still running/queued, stale, or none
  2  usage error: unknown option, bad value, missing argument or credentials variable
  3  authentication refused (401) or not permitted (403)
  4  project, cluster or snapshot not found (404)
  5  rate limited (429) after retries
  6  network error, timeout, or Atlas server error (5xx) after retries
  7  unexpected error (e.g. a 400 from the server, such as --api naming the
     other kind of cluster; a malformed reply)`;

export const CLUSTER_KINDS = `M2/M5 and Flex clusters:
  MongoDB migrated M2/M5 clusters to Flex clusters (Atlas API v2) and ended the
  M2/M5 snapshot API (v1.0) on 2026-01-22. -c/--clusterName names either kind.
  Without --api, the M2/M5 API is asked first; when Atlas answers 400
  ${FLEX_CLUSTER_IN_CLUSTER_API}, the Flex API is used for the
  cluster from then on, and stderr says so once. --api flex or --api tenant asks
  only that API. Output and exit codes are the same for both kinds.`;

const TARGET = "(--projectId ID --clusterName NAME | --mock)";

const list: CommandSpec = {
  name: "list",
  summary: "Print a cluster's snapshots (every page by default) as a table, json, ndjson or csv.",
  usage: `${TARGET} [--all | --page N] [--status S ...] [--since DATE] [-o FORMAT] [options]`,
  description: "Print the backup snapshots of one M2/M5 or Flex cluster, oldest first (the server's order).",
  options: [...LIST_OPTIONS, ...CONNECTION_OPTIONS],
  epilogue: [
    `If a page cannot be read (after retries) while listing, nothing is printed as if
complete: table, json and csv print nothing; ndjson keeps the lines already
streamed, and stderr says the list is incomplete. The exit code says why.`,
    CLUSTER_KINDS,
    ENVIRONMENT,
    EXIT_CODES,
  ],
  examples: [
    "list --mock",
    "list --projectId 5b69d0349b15c62cdfc38b78 --clusterName M2AWS --status failed --since 2024-05-01",
    "list -P work -c M2AWS -o csv > snapshots.csv",
    "list --mock --page 1 -o json-raw   # links and totalCount, as Atlas sent them",
    "list -g 5b69d0349b15c62cdfc38b78 -c FlexAWS --api flex   # a Flex cluster, without asking the M2/M5 API",
  ],
  run: async ({ values, terminal }) => runList(await resolveListOptions(values, terminal), terminal),
};

const describe: CommandSpec = {
  name: "describe",
  summary: "Print one snapshot, by its id, as a table, json, ndjson or csv.",
  usage: `SNAPSHOT_ID ${TARGET} [-o FORMAT] [options]`,
  description: `Print one backup snapshot of an M2/M5 or Flex cluster, as \`atlas backups snapshots
describe\` does. SNAPSHOT_ID is 24 lowercase hexadecimal characters (list shows them).`,
  // One request: no paging options.
  options: [...DESCRIBE_OPTIONS, ...connectionOptionsExcept("items-per-page", "concurrency")],
  positionals: { min: 1, max: 1 },
  epilogue: [CLUSTER_KINDS, ENVIRONMENT, EXIT_CODES],
  examples: [
    "describe 5cc310ace5dc7ce369814bc8 --mock",
    "describe 5cc310ace5dc7ce369814bc8 --projectId 5b69d0349b15c62cdfc38b78 --clusterName M2AWS -o json",
  ],
  run: async ({ values, positionals, terminal }) =>
    runDescribe(await resolveDescribeOptions(values, positionals, terminal), terminal),
};

const check: CommandSpec = {
  name: "check",
  summary: "Exit 0 if the latest snapshot is COMPLETED and recent, 1 otherwise, with a one-line reason.",
  usage: `${TARGET} [--max-age DURATION] [options]`,
  description: `Check the latest snapshot (newest scheduledTime, whatever order the server
sends) of one M2/M5 or Flex cluster and print a one-line reason. Meant for cron and
monitoring: exit 0 when it is COMPLETED and scheduled less than --max-age ago,
exit 1 when it FAILED, is still RUNNING/QUEUED/PENDING, is older than
--max-age, or there are no snapshots.`,
  options: [...CHECK_OPTIONS, ...CONNECTION_OPTIONS],
  epilogue: [CLUSTER_KINDS, ENVIRONMENT, EXIT_CODES],
  examples: [
    'check --projectId 5b69d0349b15c62cdfc38b78 --clusterName M2AWS --max-age 26h || echo "backup problem"',
    "check --mock   # the mock's newest snapshot may still be running: exit 1, by design",
  ],
  run: async ({ values, terminal }) => runCheck(await resolveCheckOptions(values, terminal), terminal),
};

const watch: CommandSpec = {
  name: "watch",
  summary: "Wait until the latest snapshot is no longer QUEUED/RUNNING/PENDING, then exit as check does.",
  usage: `${TARGET} [--interval DURATION] [--timeout DURATION] [--max-age DURATION] [options]`,
  description: `Look at the cluster every --interval until its latest snapshot leaves
QUEUED, RUNNING or PENDING (as \`atlas backups snapshots watch\` does), then judge it
as check does: the same line and exit codes. Still in progress after --timeout:
exit 1 with the reason. State changes are told on stderr.`,
  options: [...WATCH_OPTIONS, ...connectionOptionsExcept("timeout")],
  epilogue: [CLUSTER_KINDS, ENVIRONMENT, EXIT_CODES],
  examples: ["watch --projectId 5b69d0349b15c62cdfc38b78 --clusterName M2AWS --timeout 20m && echo done"],
  run: async ({ values, terminal }) => runWatch(await resolveWatchOptions(values, terminal), terminal),
};

const completion: CommandSpec = {
  name: "completion",
  summary: `Print a shell completion script: ${SHELLS.join(", ")}.`,
  usage: SHELLS.join("|"),
  description: `Print a completion script for your shell, generated from the same declarations
as the options themselves:
  bash: eval "$(${BIN} completion bash)"     (in ~/.bashrc)
  zsh:  eval "$(${BIN} completion zsh)"      (in ~/.zshrc, after compinit)
  fish: ${BIN} completion fish > ~/.config/fish/completions/${BIN}.fish`,
  options: [],
  positionals: { min: 1, max: 1, choices: SHELLS },
  examples: ["completion bash"],
  run: async ({ positionals, terminal }) => {
    const [shell] = positionals;
    if (!SHELLS.includes(shell as Shell)) {
      throw new UsageError(`completion takes one of ${SHELLS.join(", ")}; got ${JSON.stringify(shell?.slice(0, 20))}`);
    }
    await terminal.out(completionScript(shell as Shell, COMMANDS, GLOBAL_OPTIONS));
    return EXIT.ok;
  },
};

const help: CommandSpec = {
  name: "help",
  summary: "Help for the tool or one command.",
  usage: "[COMMAND]",
  description: "Print the overview, or one command's help.",
  options: [],
  positionals: { min: 0, max: 1, choices: ["list", "describe", "check", "watch", "completion"] },
  examples: ["help check"],
  run: async ({ positionals, terminal }) => {
    const [topic] = positionals;
    const command = COMMANDS.find((c) => c.name === topic);
    if (topic !== undefined && !command) {
      throw new UsageError(`help takes one of ${COMMANDS.map((c) => c.name).join(", ")}`);
    }
    await terminal.out(`${command ? commandHelp(command, GLOBAL_OPTIONS) : overview()}\n`);
    return EXIT.ok;
  },
};

/** Every command, in the order help shows them. */
export const COMMANDS: readonly CommandSpec[] = [list, describe, check, watch, completion, help];

export const overview = () => topHelp(COMMANDS, [CLUSTER_KINDS, ENVIRONMENT, EXIT_CODES]);

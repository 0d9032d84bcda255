import type { Snapshot } from "../cluster-snapshots.js";
import { createPaint } from "../color.js";
import { EXIT, type ExitCode } from "../exit-codes.js";
import { mockNote } from "../mock-note.js";
import { type Connection, openConnection } from "../open-connection.js";
import { csvHeader, csvSnapshot } from "../render-csv.js";
import { renderSnapshotTable } from "../render-snapshot-table.js";
import { type ListOptions, pageSize } from "../resolve-options.js";
import { matchesFilter } from "../snapshot-filter.js";
import type { Terminal } from "../terminal.js";
import { terminalJson } from "../terminal-json.js";
import { collectSnapshots, streamSnapshots } from "./collect-snapshots.js";
import { printRawPage } from "./list-raw.js";

/** `list`: print one page or every page of a cluster's snapshots, filtered, in the chosen format. */
export async function runList(options: ListOptions, terminal: Terminal): Promise<ExitCode> {
  const connection = await openConnection(options, terminal);
  try {
    if (options.output === "json-raw") {
      await printRawPage(connection, options, terminal);
    } else if (options.output === "ndjson" && options.pageNum === undefined) {
      await streamNdjson(connection, options, terminal);
    } else {
      const { snapshots, summary } = await load(connection, options, terminal);
      await print(snapshots.filter(matchesFilter(options)), snapshots.length, summary, options, terminal);
    }
    if (connection.mockUrl) terminal.err(mockNote(connection.mockUrl));
    return EXIT.ok;
  } finally {
    await connection.close();
  }
}

async function load(connection: Connection, options: ListOptions, terminal: Terminal) {
  const { pageNum } = options;
  const itemsPerPage = pageSize(options);
  if (pageNum === undefined) {
    return { snapshots: await collectSnapshots(connection, options, itemsPerPage, terminal), summary: "" };
  }
  const page = await connection.cluster.page({ pageNum, itemsPerPage, includeCount: true });
  const total = page.totalCount;
  const pages = total === undefined ? "" : ` of ${Math.max(1, Math.ceil(total / itemsPerPage))}, ${total} in all`;
  return { snapshots: page.results ?? [], summary: `page ${pageNum}${pages}` };
}

async function print(
  shown: Snapshot[],
  loaded: number,
  summary: string,
  options: ListOptions,
  terminal: Terminal,
): Promise<void> {
  switch (options.output) {
    case "json":
      return terminal.out(`${terminalJson(shown, 2)}\n`);
    case "ndjson":
      return terminal.out(shown.map((s) => `${terminalJson(s)}\n`).join(""));
    case "csv":
      return terminal.out(csvHeader() + shown.map(csvSnapshot).join(""));
    case "table": {
      await terminal.out(
        shown.length > 0 ? renderSnapshotTable(shown, createPaint(terminal.colorOut)) : "No snapshots.\n",
      );
      const count =
        shown.length === loaded ? plural(loaded, "snapshot") : `${shown.length} of ${plural(loaded, "snapshot")} match`;
      terminal.err(summary ? `${count}; ${summary}` : count);
    }
  }
}

/** ndjson over every page: each line leaves as its page arrives; a failure says how much was printed. */
async function streamNdjson(connection: Connection, options: ListOptions, terminal: Terminal): Promise<void> {
  const keep = matchesFilter(options);
  let printed = 0;
  try {
    for await (const snapshot of streamSnapshots(connection, options, pageSize(options), terminal)) {
      if (!keep(snapshot)) continue;
      terminal.progress.clear(); // on a terminal, lines and the progress line share the screen
      await terminal.out(`${terminalJson(snapshot)}\n`);
      printed++;
    }
  } catch (error) {
    terminal.err(`atlas-snapshots: the list is INCOMPLETE: ${printed} snapshots were printed before this failure:`);
    throw error;
  }
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

import { createPaint } from "../color.js";
import { EXIT, type ExitCode } from "../exit-codes.js";
import { mockNote } from "../mock-note.js";
import { openConnection } from "../open-connection.js";
import { csvHeader, csvSnapshot } from "../render-csv.js";
import { renderSnapshotTable } from "../render-snapshot-table.js";
import type { DescribeOptions } from "../resolve-options.js";
import type { Terminal } from "../terminal.js";
import { terminalJson } from "../terminal-json.js";

/** `describe`: print one snapshot (the client's getTenantSnapshot, or getFlexSnapshot for a Flex cluster) as a table, json or csv. */
export async function runDescribe(options: DescribeOptions, terminal: Terminal): Promise<ExitCode> {
  const connection = await openConnection(options, terminal);
  try {
    const snapshot = await connection.cluster.get(options.snapshotId);
    switch (options.output) {
      case "json":
        await terminal.out(`${terminalJson(snapshot, 2)}\n`);
        break;
      case "ndjson":
        await terminal.out(`${terminalJson(snapshot)}\n`);
        break;
      case "csv":
        await terminal.out(csvHeader() + csvSnapshot(snapshot));
        break;
      case "table":
        await terminal.out(renderSnapshotTable([snapshot], createPaint(terminal.colorOut)));
    }
    if (connection.mockUrl) terminal.err(mockNote(connection.mockUrl));
    return EXIT.ok;
  } finally {
    await connection.close();
  }
}

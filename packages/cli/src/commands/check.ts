import { createPaint } from "../color.js";
import { EXIT, type ExitCode } from "../exit-codes.js";
import { judgeLatest } from "../judge-latest.js";
import { mockNote } from "../mock-note.js";
import { openConnection } from "../open-connection.js";
import { type CheckOptions, pageSize } from "../resolve-options.js";
import type { Terminal } from "../terminal.js";
import { collectSnapshots } from "./collect-snapshots.js";

/** `check`: one line on stdout, exit 0 when the latest snapshot is COMPLETED and fresh, 1 otherwise. */
export async function runCheck(options: CheckOptions, terminal: Terminal, nowMs = Date.now): Promise<ExitCode> {
  const connection = await openConnection(options, terminal);
  try {
    // Every page: "latest" is the newest scheduledTime, not whatever the server sent first.
    const snapshots = await collectSnapshots(connection, options, pageSize(options), terminal);
    const verdict = judgeLatest(snapshots, options.maxAgeMs, nowMs());
    const paint = createPaint(terminal.colorOut);
    const label = verdict.ok ? paint("green", "OK") : paint("red", "FAIL");
    await terminal.out(`${label}: ${options.clusterName}: ${verdict.reason}\n`);
    if (connection.mockUrl) terminal.err(mockNote(connection.mockUrl));
    return verdict.ok ? EXIT.ok : EXIT.checkFailed;
  } finally {
    await connection.close();
  }
}

import type { ExitCode } from "../exit-codes.js";
import { judgeLatest } from "../judge-latest.js";
import { openConnection } from "../open-connection.js";
import { type CheckOptions, pageSize } from "../resolve-options.js";
import type { Terminal } from "../terminal.js";
import { collectSnapshots } from "./collect-snapshots.js";
import { printVerdict } from "./print-verdict.js";

/** `check`: one line on stdout, exit 0 when the latest snapshot is COMPLETED and fresh, 1 otherwise. */
export async function runCheck(options: CheckOptions, terminal: Terminal, nowMs = Date.now): Promise<ExitCode> {
  const connection = await openConnection(options, terminal);
  try {
    // Every page: "latest" is the newest scheduledTime, not whatever the server sent first.
    const snapshots = await collectSnapshots(connection, options, pageSize(options), terminal);
    return await printVerdict(
      judgeLatest(snapshots, options.maxAgeMs, nowMs()),
      options.clusterName,
      connection,
      terminal,
    );
  } finally {
    await connection.close();
  }
}

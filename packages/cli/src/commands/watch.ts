import { setTimeout as sleep } from "node:timers/promises";
import type { ExitCode } from "../exit-codes.js";
import { IN_PROGRESS_STATUSES, judgeLatest, latestSnapshot } from "../judge-latest.js";
import { openConnection } from "../open-connection.js";
import { formatDuration } from "../parse-duration.js";
import { pageSize, type WatchOptions } from "../resolve-options.js";
import type { Terminal } from "../terminal.js";
import { collectSnapshots } from "./collect-snapshots.js";
import { printVerdict } from "./print-verdict.js";

/**
 * `watch`: looks at the cluster every --interval until its latest snapshot is
 * no longer RUNNING, QUEUED or PENDING, then judges it as `check` does (same
 * line, same exit codes). Past --timeout it gives up with check's verdict on
 * the snapshot still in progress (exit 1).
 */
export async function runWatch(options: WatchOptions, terminal: Terminal, nowMs = Date.now): Promise<ExitCode> {
  const connection = await openConnection(options, terminal);
  const deadline = nowMs() + options.waitMs;
  let lastState = "";
  try {
    for (;;) {
      const snapshots = await collectSnapshots(connection, options, pageSize(options), terminal);
      const latest = latestSnapshot(snapshots);
      const verdict = judgeLatest(snapshots, options.maxAgeMs, nowMs());
      if (!latest || !IN_PROGRESS_STATUSES.includes(latest.status)) {
        return await printVerdict(verdict, options.clusterName, connection, terminal);
      }
      const state = `${latest.id} ${latest.status}`;
      if (state !== lastState) terminal.err(`Waiting: latest snapshot ${latest.id} is ${latest.status}...`);
      lastState = state;
      const left = deadline - nowMs();
      if (left <= 0) {
        const waited = formatDuration(options.waitMs);
        return await printVerdict(
          { ok: false, reason: `gave up after ${waited}: ${verdict.reason}` },
          options.clusterName,
          connection,
          terminal,
        );
      }
      await sleep(Math.min(options.intervalMs, left));
    }
  } finally {
    await connection.close();
  }
}

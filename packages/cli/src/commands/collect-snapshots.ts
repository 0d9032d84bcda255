import type { Snapshot } from "../cluster-snapshots.js";
import type { Connection } from "../open-connection.js";
import type { ConnectionOptions } from "../resolve-options.js";
import type { Terminal } from "../terminal.js";

/**
 * Yields every snapshot of the cluster as pages arrive, from whichever API serves it, keeping a progress
 * line on a terminal's stderr once more than one page is coming. Errors from
 * the client propagate: a caller never sees a short list as if complete.
 */
export async function* streamSnapshots(
  connection: Connection,
  options: ConnectionOptions,
  itemsPerPage: number,
  terminal: Terminal,
): AsyncGenerator<Snapshot> {
  const { clusterName, concurrency } = options;
  let received = 0;
  try {
    for await (const snapshot of connection.cluster.iterate({ itemsPerPage, concurrency })) {
      received++;
      // A full first page means more pages follow.
      if (received >= itemsPerPage)
        terminal.progress.update(`Loading snapshots of ${clusterName}: ${received} so far...`);
      yield snapshot;
    }
  } finally {
    terminal.progress.clear();
  }
}

/** Every snapshot in one array (for outputs that need the whole list, and for check). */
export async function collectSnapshots(...args: Parameters<typeof streamSnapshots>): Promise<Snapshot[]> {
  const all: Snapshot[] = [];
  for await (const snapshot of streamSnapshots(...args)) all.push(snapshot);
  return all;
}

import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { summarize } from "../src/summary.js";

/** Sets up this run's verdict log and pid folder; on teardown prints the summary and reaps any Prism left running. */
export default function setup() {
  const dir = mkdtempSync(join(tmpdir(), "atlas-contract-"));
  const log = join(dir, "verdicts.ndjson");
  const pids = join(dir, "pids");
  process.env.ATLAS_CONTRACT_LOG = log;
  process.env.ATLAS_CONTRACT_PIDS = pids;
  return () => {
    console.log(summarize(log));
    let left: string[] = [];
    try {
      left = readdirSync(pids);
    } catch {
      // No Prism was ever started.
    }
    for (const pid of left) {
      try {
        process.kill(-Number(pid), "SIGKILL");
        console.warn(`Reaped a Prism process group (${pid}) that a test left running.`);
      } catch {
        // Gone already.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
}

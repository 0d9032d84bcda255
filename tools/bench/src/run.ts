/**
 * `pnpm bench [--quick] [--only id,id]`: runs the benchmarks of issue 7 one
 * after another, prints one table, and (full mode, every benchmark, none
 * crashed) writes bench/results.json and the README's performance section
 * from the same run. A goal not met is printed, never an exit code; a
 * benchmark that crashes makes the run exit 1.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { bundleSize } from "./benchmarks/bundle-size.js";
import { clientOverhead } from "./benchmarks/client-overhead.js";
import { digestRoundTrips } from "./benchmarks/digest-round-trips.js";
import { largeCluster } from "./benchmarks/large-cluster.js";
import { mockVsPrism } from "./benchmarks/mock-vs-prism.js";
import { pipeline } from "./benchmarks/pipeline.js";
import { tokenReuse } from "./benchmarks/token-reuse.js";
import { machineInfo } from "./lib/machine.js";
import { repoRoot } from "./lib/paths.js";
import { COMMAND, type Report, readmeSection, rewriteReadme, terminalTable } from "./lib/report.js";
import type { Benchmark, BenchmarkResult } from "./lib/types.js";

// The pipeline rebuilds every package, so it goes last.
const BENCHMARKS: Benchmark[] = [
  digestRoundTrips,
  largeCluster,
  mockVsPrism,
  clientOverhead,
  bundleSize,
  tokenReuse,
  pipeline,
];

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(
    `Usage: ${COMMAND} [--quick] [--only ${BENCHMARKS.map((b) => b.id).join(",")}]\n` +
      "  --quick  tiny sizes, a few seconds each; prints only (writes no results.json, no README)\n" +
      "  --only   run these benchmarks; prints only",
  );
  process.exit(0);
}
const only = values.only?.split(",").map((id) => id.trim());
const unknown = only?.filter((id) => !BENCHMARKS.some((b) => b.id === id)) ?? [];
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(", ")}; known: ${BENCHMARKS.map((b) => b.id).join(", ")}`);
  process.exit(2);
}
const quick = values.quick;
const selected = only ? BENCHMARKS.filter((b) => only.includes(b.id)) : BENCHMARKS;
const limitMs = quick ? 90_000 : 15 * 60_000;

const log = (message: string) => console.error(message);
const started = performance.now();
const report: Report = {
  mode: quick ? "quick" : "full",
  date: new Date().toISOString(),
  command: quick ? `${COMMAND} --quick` : COMMAND,
  machine: machineInfo(),
  durationSeconds: 0,
  loadAverageAtEnd: 0,
  benchmarks: [],
  crashed: [],
};

for (const benchmark of selected) {
  log(`${benchmark.title}${quick ? " (quick)" : ""}`);
  const benchStarted = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = await Promise.race([
      benchmark.run({ quick, root: repoRoot, log }),
      new Promise<BenchmarkResult>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`still running after ${limitMs / 1000} s`)), limitMs);
      }),
    ]);
    report.benchmarks.push(result);
    log(`  done in ${((performance.now() - benchStarted) / 1000).toFixed(1)} s`);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    report.crashed.push({ id: benchmark.id, title: benchmark.title, error: message });
    log(`  CRASHED: ${message}`);
  } finally {
    clearTimeout(timer);
  }
}
report.durationSeconds = Math.round((performance.now() - started) / 100) / 10;
report.loadAverageAtEnd = Math.round((loadavg()[0] ?? 0) * 100) / 100;

console.log("");
console.log(terminalTable(report));
console.log("");
for (const note of report.benchmarks.flatMap((b) => b.notes)) console.log(`- ${note.replace(/\*\*|`/g, "")}`);
const unmet = report.benchmarks.flatMap((b) => b.unmet);
if (unmet.length > 0) {
  console.log("\nGoals not met:");
  for (const text of unmet) console.log(`- ${text.replace(/\*\*|`/g, "")}`);
}
console.log(
  `\n${report.mode} run, ${report.durationSeconds} s; load average ${report.machine.loadAverageAtStart} at the start, ` +
    `${report.loadAverageAtEnd} at the end.`,
);

if (report.crashed.length > 0) {
  console.error(`\n${report.crashed.length} benchmark(s) crashed: ${report.crashed.map((c) => c.id).join(", ")}.`);
  if (!quick && !only) console.error("results.json and the README were left as they were.");
  process.exit(1);
}
if (!quick && !only) {
  const resultsDir = join(repoRoot, "bench");
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, "results.json"), `${JSON.stringify(report, null, 2)}\n`);
  rewriteReadme(join(repoRoot, "README.md"), readmeSection(report));
  console.log("Wrote bench/results.json and the README's performance section.");
} else {
  console.log("Quick or partial run: bench/results.json and the README were not touched.");
}
// Lingering keep-alive sockets or timers must not hold the run open.
process.exit(0);

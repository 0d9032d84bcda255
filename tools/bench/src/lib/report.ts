import { readFileSync, writeFileSync } from "node:fs";
import type { MachineInfo } from "./machine.js";
import type { BenchmarkResult, Row } from "./types.js";

export const README_START = "<!-- bench:start -->";
export const README_END = "<!-- bench:end -->";
export const COMMAND = "pnpm bench";

export interface Report {
  mode: "quick" | "full";
  date: string;
  command: string;
  machine: MachineInfo;
  durationSeconds: number;
  /** 1-minute load average when the run ended. */
  loadAverageAtEnd: number;
  benchmarks: BenchmarkResult[];
  /** Benchmarks that threw, by id. */
  crashed: { id: string; title: string; error: string }[];
}

const HEADER = ["benchmark", "measure", "goal", "ours", "alternative", "ratio (ours ÷ alt.)", "goal met"];

function verdict(met: boolean | undefined): string {
  return met === undefined ? "—" : met ? "met" : "**not met**";
}

function cells(row: Row): string[] {
  return [row.benchmark, row.metric, row.goal, row.ours, row.alternative, row.ratio, verdict(row.met)];
}

/** The results as a Markdown table (for the README and the terminal alike). */
export function markdownTable(report: Report): string {
  const rows = report.benchmarks.flatMap((benchmark) => benchmark.rows.map(cells));
  for (const crash of report.crashed)
    rows.push([crash.title, "crashed", "", "", crash.error.split("\n")[0] ?? "", "", "—"]);
  const escapeCell = (cell: string) => cell.replace(/\|/g, "\\|");
  return [HEADER, HEADER.map(() => "---"), ...rows].map((line) => `| ${line.map(escapeCell).join(" | ")} |`).join("\n");
}

/** A fixed-width table for the terminal. */
export function terminalTable(report: Report): string {
  const rows = [
    HEADER,
    ...report.benchmarks.flatMap((benchmark) => benchmark.rows.map(cells)),
    ...report.crashed.map((crash) => [crash.title, "CRASHED", "", "", crash.error.split("\n")[0] ?? "", "", ""]),
  ].map((line) => line.map((cell) => cell.replace(/\*\*/g, "").replace(/`/g, "")));
  const widths = HEADER.map((_, i) => Math.max(...rows.map((line) => (line[i] ?? "").length)));
  const format = (line: string[]) =>
    line
      .map((cell, i) => cell.padEnd(widths[i] as number))
      .join("  ")
      .trimEnd();
  return [format(rows[0] as string[]), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(format)].join(
    "\n",
  );
}

/** The README's performance section: command, machine, table, notes and every goal not met. */
export function readmeSection(report: Report): string {
  const { machine } = report;
  const unmet = report.benchmarks.flatMap((benchmark) => benchmark.unmet);
  const notes = report.benchmarks.flatMap((benchmark) => benchmark.notes);
  return [
    README_START,
    `Measured with \`${report.command}\` on ${report.date.slice(0, 10)}: Node ${machine.node}, ${machine.cpuModel}, ` +
      `${machine.cores} cores, ${machine.memoryGiB} GiB, load average ${machine.loadAverageAtStart} at the start ` +
      `(${report.loadAverageAtEnd} at the end). Everything runs on loopback on one machine, so the ratios ` +
      "matter more than the absolute figures. Raw samples, medians and ratios: [bench/results.json](bench/results.json); " +
      "the code: [tools/bench](tools/bench).",
    "",
    markdownTable(report),
    "",
    "Notes:",
    "",
    ...notes.map((note) => `- ${note}`),
    "",
    unmet.length === 0
      ? "Every goal was met in this run."
      : "Goals not met in this run, why, and what would close them:",
    ...(unmet.length === 0 ? [] : ["", ...unmet.map((text) => `- ${text}`)]),
    "",
    "`pnpm bench --quick` runs every benchmark with tiny sizes (CI runs it so they never rot); it prints the table and " +
      "writes neither this section nor results.json. Benchmarks print; they do not fail on a goal, only on a crash.",
    README_END,
  ].join("\n");
}

/** Replaces the text between the README's markers with `section`. */
export function rewriteReadme(path: string, section: string): void {
  const readme = readFileSync(path, "utf8");
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`${path} has no ${README_START} … ${README_END} markers`);
  writeFileSync(path, readme.slice(0, start) + section + readme.slice(end + README_END.length));
}

import { readFileSync } from "node:fs";
import { join } from "node:path";

/** A benchmark's ratios in the last full run (`bench/results.json`, as committed), for showing beside this run's. */
export interface PreviousRun {
  date: string;
  ratios: Record<string, number>;
}

/** Read before this run writes the file; undefined when there is none or it has no such benchmark. */
export function previousRun(root: string, id: string): PreviousRun | undefined {
  try {
    const report = JSON.parse(readFileSync(join(root, "bench/results.json"), "utf8")) as {
      date?: string;
      benchmarks?: { id: string; ratios?: Record<string, number> }[];
    };
    const found = report.benchmarks?.find((b) => b.id === id);
    return found?.ratios && report.date ? { date: report.date.slice(0, 10), ratios: found.ratios } : undefined;
  } catch {
    return undefined;
  }
}

/** `6.31x (previous run 8.34x)`, or the ratio alone when there is nothing to compare with. */
export function besidePrevious(
  ratio: number,
  previous: PreviousRun | undefined,
  key: string,
  format: (n: number) => string,
): string {
  const before = previous?.ratios[key];
  return before === undefined ? format(ratio) : `${format(ratio)} (previous run ${format(before)})`;
}

/** One line of the results table. Every ratio is ours ÷ the alternative's. */
export interface Row {
  /** Short name of the benchmark, e.g. "1. Digest round trips". */
  benchmark: string;
  /** What is measured, e.g. "HTTP requests per call". */
  metric: string;
  /** The goal from issue 7, in the ratio's terms. */
  goal: string;
  ours: string;
  /** The alternative and its figure, e.g. "urllib digestAuth: 2.00". */
  alternative: string;
  /** ours ÷ alternative, formatted. */
  ratio: string;
  /** undefined: a figure without a goal. */
  met: boolean | undefined;
}

export interface BenchmarkResult {
  id: string;
  title: string;
  /** Sizes, latencies, repetitions: what this run used. */
  settings: Record<string, unknown>;
  /** Raw samples by series name (units in the name, e.g. "ours.wallMs"). */
  samples: Record<string, number[]>;
  medians: Record<string, number>;
  ratios: Record<string, number>;
  rows: Row[];
  /** Facts worth printing under the table. */
  notes: string[];
  /** For each goal not met: what was measured, why, and what would close it. */
  unmet: string[];
}

export interface BenchContext {
  quick: boolean;
  /** The repository root. */
  root: string;
  log(message: string): void;
}

export interface Benchmark {
  id: string;
  title: string;
  run(context: BenchContext): Promise<BenchmarkResult>;
}

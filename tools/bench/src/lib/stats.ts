/** The median of a non-empty list (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Rounds to `digits` decimals, for results.json. */
export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** "0.512x": a ratio as the table shows it, three significant digits (so 0.104x is not shown as 0.10x). */
export function formatRatio(ratio: number): string {
  return `${ratio >= 100 ? Math.round(ratio) : ratio.toPrecision(3)}x`;
}

export function formatMs(ms: number): string {
  return ms >= 10_000
    ? `${(ms / 1000).toFixed(1)} s`
    : ms >= 1000
      ? `${(ms / 1000).toFixed(2)} s`
      : `${Math.round(ms)} ms`;
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(2)} MiB`
    : bytes >= 1024
      ? `${(bytes / 1024).toFixed(2)} KiB`
      : `${bytes} B`;
}

export function formatNs(ns: number): string {
  return ns >= 1_000_000
    ? `${(ns / 1_000_000).toFixed(2)} ms`
    : ns >= 1000
      ? `${(ns / 1000).toFixed(1)} µs`
      : `${Math.round(ns)} ns`;
}

/** Runs `fn` and returns its result with the elapsed wall time in milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

/** Named series of raw samples, as results.json stores them. */
export class SampleSet {
  readonly series: Record<string, number[]> = {};

  add(name: string, value: number): void {
    const list = this.series[name];
    if (list) list.push(value);
    else this.series[name] = [value];
  }

  get(name: string): number[] {
    const list = this.series[name];
    if (!list || list.length === 0) throw new Error(`no samples for ${name}`);
    return list;
  }

  median(name: string): number {
    return median(this.get(name));
  }

  last(name: string): number | undefined {
    return this.series[name]?.at(-1);
  }

  /** Median of the per-repetition ratios a[i] / b[i] (both series from the same repetitions). */
  medianRatio(a: string, b: string): number {
    const denominators = this.get(b);
    return median(this.get(a).map((value, i) => value / (denominators[i] ?? Number.NaN)));
  }
}

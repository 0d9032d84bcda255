// Faults injected at a given rate, reproducible by seed.
import type { Prng } from "./prng.js";

export const FAULT_KINDS = ["500", "503", "429", "drop", "truncate"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultOptions {
  /** Share of requests that fail, from 0 to 1. */
  rate: number;
  /** Which faults to draw from, evenly (default: all of FAULT_KINDS). */
  kinds?: readonly FaultKind[];
  /** Retry-After seconds on injected 503 and 429 replies (default 1). */
  retryAfterSeconds?: number;
}

export type LatencyOption = number | readonly [min: number, max: number];

/** A function that says which fault (if any) the next request gets. */
export function createFaultPicker(options: FaultOptions | undefined, prng: Prng): () => FaultKind | undefined {
  if (!options || options.rate <= 0) return () => undefined;
  const kinds = options.kinds ?? FAULT_KINDS;
  return () => (prng.next() < options.rate ? kinds[Math.floor(prng.next() * kinds.length)] : undefined);
}

/** A function that says how many milliseconds the next reply waits. */
export function createLatencyPicker(latency: LatencyOption | undefined, prng: Prng): () => number {
  if (latency === undefined) return () => 0;
  if (typeof latency === "number") return () => latency;
  const [min, max] = latency;
  return () => min + prng.next() * (max - min);
}

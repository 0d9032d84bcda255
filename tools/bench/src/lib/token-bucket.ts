/** Atlas's published limit for this endpoint set: a token bucket per project. */
export const ATLAS_BUCKET = { capacity: 4000, refillPerMinute: 2000 } as const;

export interface BucketReplay {
  /** Fewest tokens left at any request (capacity minus what the burst used, plus refill). */
  minTokens: number;
  /** Requests that would have found the bucket empty (429). */
  rejected: number;
  /** Most requests inside any 60 s window. */
  peakPerMinuteWindow: number;
  /** Most requests inside any 1 s window, times 60: the rate at its fastest, per minute. */
  peakRatePerMinute: number;
}

/** Replays request times (ms, ascending) against a full bucket. */
export function replayTokenBucket(timesMs: readonly number[], bucket = ATLAS_BUCKET): BucketReplay {
  const refillPerMs = bucket.refillPerMinute / 60_000;
  let tokens: number = bucket.capacity;
  let minTokens = tokens;
  let rejected = 0;
  let last = timesMs[0] ?? 0;
  for (const t of timesMs) {
    tokens = Math.min(bucket.capacity, tokens + (t - last) * refillPerMs);
    last = t;
    if (tokens >= 1) tokens -= 1;
    else rejected++;
    minTokens = Math.min(minTokens, tokens);
  }
  return {
    minTokens,
    rejected,
    peakPerMinuteWindow: peakInWindow(timesMs, 60_000),
    peakRatePerMinute: peakInWindow(timesMs, 1000) * 60,
  };
}

function peakInWindow(timesMs: readonly number[], windowMs: number): number {
  let peak = 0;
  for (let start = 0, end = 0; end < timesMs.length; end++) {
    while ((timesMs[end] as number) - (timesMs[start] as number) >= windowMs) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

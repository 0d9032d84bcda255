// A token bucket per project, as Atlas limits this endpoint set.

export interface RateLimitOptions {
  /** Tokens a full bucket holds (Atlas: 4000). */
  capacity: number;
  /** Tokens added per minute, continuously (Atlas: 2000 per 60 s). */
  refillPerMinute: number;
}

export const ATLAS_RATE_LIMIT: Readonly<RateLimitOptions> = Object.freeze({ capacity: 4000, refillPerMinute: 2000 });

export interface RateDecision {
  allowed: boolean;
  limit: number;
  /** Whole tokens left after this request. */
  remaining: number;
  /** Seconds until one token is back (0 when allowed). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  take(key: string): RateDecision;
}

/** Buckets beyond this many are forgotten oldest-first (a forgotten bucket is a full one). */
const MAX_BUCKETS = 10_000;

export function createRateLimiter({ capacity, refillPerMinute }: RateLimitOptions, now: () => number): RateLimiter {
  const perMs = refillPerMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const at = now();
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= MAX_BUCKETS) buckets.delete(buckets.keys().next().value as string);
        bucket = { tokens: capacity, at };
        buckets.set(key, bucket);
      }
      bucket.tokens = Math.min(capacity, bucket.tokens + Math.max(0, at - bucket.at) * perMs);
      bucket.at = at;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true, limit: capacity, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
      }
      const waitMs = perMs > 0 ? (1 - bucket.tokens) / perMs : 3_600_000;
      return {
        allowed: false,
        limit: capacity,
        remaining: 0,
        retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
      };
    },
  };
}

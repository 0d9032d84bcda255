// Deterministic randomness. Every random choice the mock makes (data, faults,
// latency, request ids) comes from a stream seeded from `seed`, so a
// run is reproducible; each concern gets its own stream so that, say, adding a
// request does not change the generated data. Digest nonces do not: they must
// be unpredictable, so they come from crypto.getRandomValues (atlas-mock.ts).

export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** `bytes` random bytes as lowercase hex. */
  hex(bytes: number): string;
}

/** mulberry32: tiny, fast, and good enough for test data (not for secrets). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, to turn a stream name into a seed offset. */
function hashName(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A PRNG for one concern (`stream`) of a mock seeded with `seed`. */
export function createPrng(seed: number, stream: string): Prng {
  const next = mulberry32((seed ^ hashName(stream)) >>> 0);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    hex: (bytes) => {
      let out = "";
      for (let i = 0; i < bytes; i++)
        out += Math.floor(next() * 256)
          .toString(16)
          .padStart(2, "0");
      return out;
    },
  };
}

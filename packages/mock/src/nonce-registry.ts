// Nonces the mock issued: when, and which nonce counts (nc) were already used,
// so an expired nonce gets stale=true and a replayed request is refused.

/** At most this many live nonces are remembered; the oldest go first. */
const MAX_NONCES = 10_000;
/**
 * nc values this far below the highest seen are still accepted once: a client
 * sharing one nonce over many connections sends them out of order (a slow
 * connection can lag hundreds behind while the fast ones race ahead).
 */
export const NC_WINDOW = 1024;

interface NonceState {
  issuedAt: number;
  maxNc: number;
  /** One bit per nc in (maxNc - NC_WINDOW, maxNc], at index nc % NC_WINDOW: fixed memory per nonce. */
  seen: Uint8Array;
}

function bit(seen: Uint8Array, nc: number): boolean {
  const i = nc % NC_WINDOW;
  return ((seen[i >> 3] as number) & (1 << (i & 7))) !== 0;
}

function setBit(seen: Uint8Array, nc: number, on: boolean): void {
  const i = nc % NC_WINDOW;
  const byte = seen[i >> 3] as number;
  seen[i >> 3] = on ? byte | (1 << (i & 7)) : byte & ~(1 << (i & 7));
}

export interface NonceRegistry {
  issue(): string;
  /** "fresh" when issued here and not yet expired. */
  status(nonce: string): "fresh" | "expired" | "unknown";
  /** Records nc for the nonce; false for a replay or an nc too far behind. */
  useCount(nonce: string, nc: number): boolean;
}

export function createNonceRegistry(ttlMs: number, now: () => number, randomHex: () => string): NonceRegistry {
  const nonces = new Map<string, NonceState>();

  function dropExpired(at: number): void {
    // Map keeps insertion (= issue) order, so expired nonces sit at the front.
    for (const [nonce, state] of nonces) {
      if (at - state.issuedAt <= ttlMs && nonces.size < MAX_NONCES) break;
      nonces.delete(nonce);
    }
  }

  return {
    issue() {
      const at = now();
      dropExpired(at);
      const nonce = randomHex();
      nonces.set(nonce, { issuedAt: at, maxNc: 0, seen: new Uint8Array(NC_WINDOW / 8) });
      return nonce;
    },
    status(nonce) {
      const state = nonces.get(nonce);
      if (!state) return "unknown";
      return now() - state.issuedAt > ttlMs ? "expired" : "fresh";
    },
    useCount(nonce, nc) {
      const state = nonces.get(nonce);
      if (!state || nc < 1) return false;
      if (nc > state.maxNc) {
        // The slots of the values the window now covers held values that fell out of it.
        if (nc - state.maxNc >= NC_WINDOW) state.seen.fill(0);
        else for (let v = state.maxNc + 1; v <= nc; v++) setBit(state.seen, v, false);
        state.maxNc = nc;
      } else if (nc <= state.maxNc - NC_WINDOW || bit(state.seen, nc)) {
        return false;
      }
      setBit(state.seen, nc, true);
      return true;
    },
  };
}

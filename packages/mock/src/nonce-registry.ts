// Nonces the mock issued: when, and which nonce counts (nc) were already used,
// so an expired nonce gets stale=true and a replayed request is refused.

/**
 * At most this many live nonces are remembered. When full, never-answered ones
 * go first (oldest first), then answered ones least recently used first: a
 * flood of 401s must not push out the nonce a signed-in client is using.
 */
export const MAX_NONCES = 10_000;
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
  /** Records a verified use without nc (the RFC 2069 form), which counts as answered too. */
  touch(nonce: string): void;
}

export function createNonceRegistry(ttlMs: number, now: () => number, randomHex: () => string): NonceRegistry {
  // Map keeps insertion order: `unanswered` is in issue order, `answered` in
  // order of last use (a use moves the nonce to the end).
  const unanswered = new Map<string, NonceState>();
  const answered = new Map<string, NonceState>();

  function dropExpired(at: number, nonces: Map<string, NonceState>): void {
    for (const [nonce, state] of nonces) {
      if (at - state.issuedAt <= ttlMs) break;
      nonces.delete(nonce);
    }
  }

  function makeRoom(): void {
    while (unanswered.size + answered.size >= MAX_NONCES) {
      const from = unanswered.size > 0 ? unanswered : answered;
      from.delete(from.keys().next().value as string);
    }
  }

  /** Marks the nonce as answered and most recently used. */
  function markUsed(nonce: string, state: NonceState): void {
    unanswered.delete(nonce);
    answered.delete(nonce);
    answered.set(nonce, state);
  }

  const lookup = (nonce: string) => answered.get(nonce) ?? unanswered.get(nonce);

  return {
    issue() {
      const at = now();
      // Unanswered nonces are in issue order, so the expired ones are all at the
      // front; answered ones in use order, where this catches most of them.
      dropExpired(at, unanswered);
      dropExpired(at, answered);
      makeRoom();
      const nonce = randomHex();
      unanswered.set(nonce, { issuedAt: at, maxNc: 0, seen: new Uint8Array(NC_WINDOW / 8) });
      return nonce;
    },
    status(nonce) {
      const state = lookup(nonce);
      if (!state) return "unknown";
      return now() - state.issuedAt > ttlMs ? "expired" : "fresh";
    },
    useCount(nonce, nc) {
      const state = lookup(nonce);
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
      markUsed(nonce, state);
      return true;
    },
    touch(nonce) {
      const state = lookup(nonce);
      if (state) markUsed(nonce, state);
    },
  };
}

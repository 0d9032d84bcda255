// What the mock received and answered, for assertions: a ring buffer, so a
// long-running server never grows. Authorization values are never kept.

export interface RequestLogEntry {
  /** The X-Request-Id the reply carried. */
  id: string;
  method: string;
  url: string;
  /** HTTP status sent; 0 for a dropped connection. */
  status: number;
  /** True when Digest auth succeeded (or auth is off). */
  authenticated: boolean;
  /** Request headers, lowercased; Authorization and Proxy-Authorization read "REDACTED". */
  headers: Record<string, string>;
  /** The mock clock's time when the request arrived (ms since the epoch). */
  timestamp: number;
  durationMs: number;
  /** An injected fault, or "forced" for a forceResponse reply. */
  fault?: string;
}

export interface RequestLog {
  /** Entries, oldest first. */
  list(): RequestLogEntry[];
  last(): RequestLogEntry | undefined;
  readonly size: number;
  readonly capacity: number;
  clear(): void;
  [Symbol.iterator](): Iterator<RequestLogEntry>;
}

const SECRET_HEADERS = new Set(["authorization", "proxy-authorization"]);

/** Copies headers for the log with secrets replaced. */
export function redactHeaders(entries: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of entries) {
    const key = name.toLowerCase();
    out[key] = SECRET_HEADERS.has(key) ? "REDACTED" : value;
  }
  return out;
}

export function createRequestLog(capacity: number): RequestLog & { add(entry: RequestLogEntry): void } {
  const ring: RequestLogEntry[] = [];
  let head = 0; // index of the oldest entry once the ring is full
  const list = () => (ring.length < capacity ? [...ring] : [...ring.slice(head), ...ring.slice(0, head)]);
  return {
    add(entry) {
      if (capacity <= 0) return;
      if (ring.length < capacity) ring.push(entry);
      else {
        ring[head] = entry;
        head = (head + 1) % capacity;
      }
    },
    list,
    last: () => (ring.length === 0 ? undefined : ring[(head + ring.length - 1) % ring.length]),
    get size() {
      return ring.length;
    },
    capacity,
    clear() {
      ring.length = 0;
      head = 0;
    },
    [Symbol.iterator]: () => list()[Symbol.iterator](),
  };
}

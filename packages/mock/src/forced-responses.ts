// Replies a test forces regardless of the request, e.g. an undocumented status
// for a contract test's negative control.
import { defaultErrorFor } from "./api-error.js";
import type { MockReply } from "./reply.js";

export interface ForcedResponse {
  /** 200 to 599; any status, documented or not. */
  status: number;
  /** JSON-serialised unless a string (sent as-is). Default: an Atlas error body for the status, or an empty page. */
  body?: unknown;
  headers?: Record<string, string>;
  /** How many replies it replaces (default 1). */
  times?: number;
}

export interface ForcedQueue {
  push(forced: ForcedResponse): void;
  /** The next forced reply, if one is due. */
  take(): MockReply | undefined;
  clear(): void;
}

export function createForcedQueue(challenge: () => string): ForcedQueue {
  const queue: { reply: ForcedResponse; left: number }[] = [];
  return {
    push(forced) {
      const times = forced.times ?? 1;
      if (!Number.isInteger(forced.status) || forced.status < 200 || forced.status > 599) {
        throw new TypeError(
          `[atlas-mock] forceResponse status must be an integer from 200 to 599; got ${forced.status}.`,
        );
      }
      if (!(Number.isInteger(times) && times >= 1) && times !== Number.POSITIVE_INFINITY) {
        throw new TypeError(`[atlas-mock] forceResponse times must be a whole number of at least 1; got ${times}.`);
      }
      queue.push({ reply: forced, left: times });
    },
    take() {
      const next = queue[0];
      if (!next) return undefined;
      if (--next.left <= 0) queue.shift();
      const { status, body, headers } = next.reply;
      const chosen = body !== undefined ? body : status >= 400 ? defaultErrorFor(status) : { results: [] };
      const text = typeof chosen === "string" ? chosen : JSON.stringify(chosen);
      const defaults: Record<string, string> = {};
      // Keep forced documented statuses conformant unless the test overrides the headers.
      if (status === 401) defaults["WWW-Authenticate"] = challenge();
      if (status === 429 || status === 503) defaults["Retry-After"] = "1";
      if (status === 503 && body === undefined) defaults["Content-Type"] = "text/plain";
      const errorCode = (chosen as { errorCode?: unknown } | null)?.errorCode;
      if (status >= 400 && typeof errorCode === "string") defaults["X-Error-Code"] = errorCode;
      return { status, headers: { ...defaults, ...headers }, body: text };
    },
    clear: () => {
      queue.length = 0;
    },
  };
}

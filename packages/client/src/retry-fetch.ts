import { abortableSleep } from "./abortable-sleep.js";
import { AtlasConnectionError, AtlasError, AtlasTimeoutError } from "./atlas-error.js";
import { parseRetryAfter } from "./parse-retry-after.js";
import { raceAbort } from "./race-abort.js";
import { readBody } from "./read-body.js";
import type { FetchLike, Logger } from "./types.js";

export interface RetryPolicy {
  maxRetries: number;
  /** Per attempt, covering the response headers and body. */
  timeoutMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest wait a `Retry-After` header can impose. */
  maxRetryAfterMs: number;
  /** Largest body read, counted after decompression (AtlasResponseTooLargeError beyond it). */
  maxResponseBytes: number;
  signal?: AbortSignal;
  logger?: Logger;
}

const RETRYABLE = [408, 429, 500, 502, 503, 504];

/**
 * Retries connection errors, timeouts and 408/429/500/502/503/504 with
 * exponential backoff and jitter, honouring `Retry-After`; meant for this
 * API's idempotent GETs. The body is read here, so the timeout covers it and
 * a reset mid-body is retried too. Aborting the request's signal or
 * `policy.signal` rejects with the signal's reason, also during a backoff.
 * The attempt's controller, held here for the whole attempt, cuts both the
 * wait for headers and the body read itself, so a timeout never depends on
 * fetch keeping its own (weak) link to the signal.
 * Each attempt goes to `inner` as `(request, { signal })`: the layer below
 * builds the one Request the attempt needs. Nothing here is loaded lazily: a
 * connection error may mean the network is gone, when no chunk could load, and
 * retrying then is the point (docs/decisions/0016).
 */
export function createRetryFetch(inner: FetchLike, policy: RetryPolicy): FetchLike {
  const { maxRetries, timeoutMs, logger } = policy;
  return async (input, init) => {
    // openapi-fetch passes a fresh Request and no init: no copy needed.
    const request = input instanceof Request && !init ? input : new Request(input, init);
    const callers = policy.signal ? [request.signal, policy.signal] : [request.signal];
    const stopped = () => callers.find((signal) => signal.aborted);
    // Method, path and query, for messages only: no URL parse on the way to a success.
    const target = () => {
      const { pathname, search } = new URL(request.url);
      return `${request.method} ${pathname}${search}`;
    };
    let backoffSignal: AbortSignal | undefined;

    for (let attempt = 0; ; attempt++) {
      const stop = stopped();
      if (stop) throw stop.reason;
      // One controller per attempt that the callers' signals and the timer abort:
      // AbortSignal.any costs far more, and these listeners are removed after.
      const controller = new AbortController();
      const forward = (event: Event) => controller.abort((event.target as AbortSignal).reason);
      for (const signal of callers) signal.addEventListener("abort", forward);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      let retryAfterMs: number | undefined;
      let why: string;
      try {
        const response = await raceAbort(inner(request, { signal: controller.signal }), controller.signal);
        const { status, statusText, headers } = response;
        if (attempt >= maxRetries || !RETRYABLE.includes(status)) {
          const body =
            status === 204 || status === 304
              ? null
              : await readBody(response, {
                  signal: controller.signal,
                  maxBytes: policy.maxResponseBytes,
                  request: target,
                });
          return Object.defineProperty(new Response(body, { status, statusText, headers }), "url", {
            value: request.url,
          });
        }
        response.body?.cancel().catch(() => {});
        retryAfterMs = parseRetryAfter(headers.get("retry-after"));
        why = `status ${status}`;
      } catch (error) {
        const stop = stopped();
        if (stop) throw stop.reason;
        if (error instanceof AtlasError) throw error; // e.g. refused Digest credentials: never retried
        const failure = timedOut
          ? new AtlasTimeoutError(`No answer within ${timeoutMs} ms for ${target()}; raise timeoutMs or try later`)
          : new AtlasConnectionError(
              `Could not reach ${new URL(request.url).origin} for ${target()}: ${(error as Error)?.message}`,
              { cause: error },
            );
        if (attempt >= maxRetries) throw failure;
        why = failure.name;
      } finally {
        clearTimeout(timer);
        for (const signal of callers) signal.removeEventListener("abort", forward);
      }
      const delayMs = backoff(attempt, policy, retryAfterMs);
      logger?.warn?.(`Retrying ${target()} in ${Math.round(delayMs)} ms (${why})`, {
        attempt: attempt + 1,
        maxRetries,
        delayMs,
      });
      backoffSignal ??= callers.length > 1 ? AbortSignal.any(callers) : request.signal;
      await abortableSleep(delayMs, backoffSignal);
    }
  };
}

/** Exponential backoff with up to 25% jitter; a `Retry-After` raises it, up to maxRetryAfterMs. */
function backoff(attempt: number, policy: RetryPolicy, retryAfterMs?: number): number {
  const ms = Math.min(policy.baseDelayMs * 2 ** attempt, policy.maxDelayMs) * (1 - Math.random() / 4);
  return retryAfterMs === undefined ? ms : Math.min(Math.max(retryAfterMs, ms), policy.maxRetryAfterMs);
}

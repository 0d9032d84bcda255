// What the retry layer does after a failed attempt, loaded on the first one
// (docs/decisions/0014): the error to throw, or the backoff before trying again.
import { abortableSleep } from "./abortable-sleep.js";
import { AtlasConnectionError, AtlasError, AtlasTimeoutError, parseRetryAfter } from "./errors.js";
import type { AttemptFailure, RetryPolicy } from "./retry-fetch.js";

/** One failed attempt of a call, as the retry layer saw it. */
export interface FailedAttempt {
  failure: AttemptFailure;
  /** 0 for the first attempt. */
  attempt: number;
  request: Request;
  /** Method, path and query, for messages. */
  target: () => string;
  /** The signal a backoff sleep stops on (the call's and the client's). */
  backoffSignal: () => AbortSignal;
}

/**
 * Throws what ends the call (an AtlasError from below as it is, or the
 * connection error or timeout of the last attempt allowed), or waits the
 * backoff for attempt `attempt + 1`, telling the logger (`warn`).
 */
export async function afterFailedAttempt(
  { failure, attempt, request, target, backoffSignal }: FailedAttempt,
  policy: RetryPolicy,
): Promise<void> {
  const { maxRetries, timeoutMs, logger } = policy;
  let retryAfterMs: number | undefined;
  let why: string;
  if ("status" in failure) {
    retryAfterMs = parseRetryAfter(failure.headers.get("retry-after"));
    why = `status ${failure.status}`;
  } else {
    const { error, timedOut } = failure;
    if (error instanceof AtlasError) throw error; // e.g. refused Digest credentials: never retried
    const thrown = timedOut
      ? new AtlasTimeoutError(`No answer within ${timeoutMs} ms for ${target()}; raise timeoutMs or try later`)
      : new AtlasConnectionError(
          `Could not reach ${new URL(request.url).origin} for ${target()}: ${(error as Error)?.message}`,
          { cause: error },
        );
    if (attempt >= maxRetries) throw thrown;
    why = thrown.name;
  }
  const delayMs = backoff(attempt, policy, retryAfterMs);
  logger?.warn?.(`Retrying ${target()} in ${Math.round(delayMs)} ms (${why})`, {
    attempt: attempt + 1,
    maxRetries,
    delayMs,
  });
  await abortableSleep(delayMs, backoffSignal());
}

/** Exponential backoff with up to 25% jitter; a `Retry-After` raises it, up to maxRetryAfterMs. */
function backoff(attempt: number, policy: RetryPolicy, retryAfterMs?: number): number {
  const ms = Math.min(policy.baseDelayMs * 2 ** attempt, policy.maxDelayMs) * (1 - Math.random() / 4);
  return retryAfterMs === undefined ? ms : Math.min(Math.max(retryAfterMs, ms), policy.maxRetryAfterMs);
}

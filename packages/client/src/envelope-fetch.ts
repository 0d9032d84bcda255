import type { FetchLike } from "./types.js";

/**
 * With `envelope=true` Atlas answers errors as HTTP 200 `{status, content}`.
 * This wrapper turns such a reply back into a response with the real status
 * and the plain error body, so retries, Digest and error classes see what
 * they would without the envelope. Pages (`results` plus `status`) pass as they
 * are. The unwrapping (unwrap-envelope.ts) is loaded on the first enveloped reply.
 */
export function createEnvelopeFetch(inner: FetchLike, maxResponseBytes: number): FetchLike {
  return async (input, init) => {
    // Passed on as given: building a Request here would copy the one the Digest layer built.
    const response = await inner(input, init);
    const url = input instanceof Request ? input.url : String(input);
    // The substring test spares a URL parse on every plain reply.
    if (response.status !== 200 || !url.includes("envelope") || new URL(url).searchParams.get("envelope") !== "true") {
      return response;
    }
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    return (await import("./unwrap-envelope.js")).unwrapEnvelope(response, url, signal, maxResponseBytes);
  };
}

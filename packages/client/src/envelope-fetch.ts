import { readBodyText } from "./read-body.js";
import type { FetchLike } from "./types.js";

/**
 * With `envelope=true` Atlas answers errors as HTTP 200 `{status, content}`.
 * This wrapper turns such a reply back into a response with the real status
 * and the plain error body, so retries, Digest and error classes see what
 * they would without the envelope. Pages (`results` plus `status`) pass as they are.
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
    const text = await readBodyText(response, {
      signal: init?.signal ?? (input instanceof Request ? input.signal : undefined),
      maxBytes: maxResponseBytes,
      request: () => `GET ${new URL(url).pathname}`,
    });
    const headers = new Headers(response.headers);
    headers.delete("content-length");
    headers.delete("content-encoding");
    let body: { status?: unknown; content?: unknown } | undefined;
    try {
      body = JSON.parse(text);
    } catch {}
    if (typeof body?.status === "number" && body.status >= 400 && body.status <= 599 && "content" in body) {
      return new Response(JSON.stringify(body.content), { status: body.status, headers });
    }
    return new Response(text, { status: 200, statusText: response.statusText, headers });
  };
}

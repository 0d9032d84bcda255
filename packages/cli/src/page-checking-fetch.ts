import { AtlasError, type FetchLike } from "@atlas-snapshots/client";

/** A 200 reply that is not a snapshot page: never retried, exit 7. */
export class MalformedReplyError extends AtlasError {
  override name = "MalformedReplyError";
}

/**
 * The client reads pages tolerantly (docs/decisions/0002), so a 200 without
 * a `results` array would read as an empty page and end the list early. The
 * tool promises never to print a short list as complete, so it refuses such a
 * reply. A body cut off in transit rejects while being read and stays a
 * network error, which the client retries; MalformedReplyError is an
 * AtlasError, which it does not.
 */
export function createPageCheckingFetch(inner: FetchLike = (input, init) => globalThis.fetch(input, init)): FetchLike {
  return async (input, init) => {
    const response = await inner(input, init);
    if (response.status !== 200) return response;
    const text = await response.clone().text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new MalformedReplyError(
        `The reply to ${target(input)} is not JSON (it starts ${JSON.stringify(text.slice(0, 40))})`,
      );
    }
    if (!isPage(body)) {
      throw new MalformedReplyError(`The reply to ${target(input)} is not a page of snapshots (no "results" array)`);
    }
    return response;
  };
}

const isPage = (body: unknown) =>
  typeof body === "object" && body !== null && Array.isArray((body as { results?: unknown }).results);

/** Method, path and query, for messages (never headers). */
function target(input: Request | string | URL): string {
  const request = input instanceof Request ? input : new Request(input);
  const { pathname, search } = new URL(request.url);
  return `${request.method} ${pathname}${search}`;
}

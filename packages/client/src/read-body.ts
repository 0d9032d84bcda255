import { loadErrors } from "./lazy-errors.js";

/** The default `maxResponseBytes`: 4 MiB, about 40 times a page of 500 snapshots (about 100 KB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/**
 * Reads a response body into memory under `signal` and a size cap.
 *
 * The abort is wired to the body's own reader, not left to fetch: undici links
 * a Request's signal to its parent only weakly, so once the Request that was
 * sent is garbage-collected an abort may never reach the body (issue 12). Here
 * the caller's signal cancels the reader directly, which also ends the
 * connection. Bytes are counted after decompression, so a gzip bomb stops at
 * the cap like any other large body. `response` stays in use until the end:
 * undici cancels the body of a Response that is garbage-collected, which would
 * end the read early and quietly, as if the body were complete.
 */
export async function readBody(
  response: Response,
  { signal, maxBytes, request }: { signal?: AbortSignal; maxBytes: number; request: () => string },
): Promise<Uint8Array<ArrayBuffer>> {
  const body = response.body;
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  // Fetch bodies are ArrayBuffer-backed bytes.
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      reject(signal?.reason);
      reader.cancel(signal?.reason).catch(() => {});
    };
  });
  aborted.catch(() => {}); // raced below; never unhandled
  if (signal?.aborted) onAbort();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      // A cancelled read ends as `done`: never mistake the abort for the end of the body.
      if (signal?.aborted) throw signal.reason;
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        reader.cancel().catch(() => {});
        throw new (await loadErrors()).AtlasResponseTooLargeError(request(), maxBytes);
      }
      chunks.push(value as Uint8Array<ArrayBuffer>);
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
  // A plain body must be as long as it said (fetch checks this too; this also keeps `response` reachable).
  const length = response.headers.get("content-length");
  if (length !== null && !response.headers.has("content-encoding") && Number(length) !== size) {
    throw new TypeError(`the body ended after ${size} of ${length} bytes`);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array<ArrayBuffer>;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** The body as UTF-8 text, read as {@link readBody} does. */
export async function readBodyText(...args: Parameters<typeof readBody>): Promise<string> {
  return new TextDecoder().decode(await readBody(...args));
}

// The one request body the mock reads: the small form a client POSTs to an
// OAuth path. Every other request is answered from its method, URL and
// headers, and its body is never buffered.
import type { FormBody, MockRequest } from "../reply.js";
import { OAUTH_PATHS } from "./paths.js";

/** Largest form body read, in bytes; a real one is under 200. Past it the reply is 413 (the mock's choice). */
export const FORM_BODY_LIMIT_BYTES = 8192;

/** True for a POST to an OAuth path: the only requests whose body an adapter reads. */
export function wantsFormBody(method: string, url: string): boolean {
  if (method !== "POST") return false;
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return false;
  }
  return OAUTH_PATHS.includes(pathname);
}

/** Bytes as a FormBody: UTF-8 text, or too large. */
export function formBodyOf(bytes: Uint8Array, total: number): FormBody {
  return total > FORM_BODY_LIMIT_BYTES ? { tooLarge: true } : { text: new TextDecoder().decode(bytes) };
}

/**
 * A fetch Request as the core takes it: with its form body read when it is a POST
 * to an OAuth path, and untouched (body unread) otherwise.
 */
export async function withFormBody(request: Request): Promise<MockRequest> {
  if (!wantsFormBody(request.method, request.url)) return request;
  const formBody = await readFetchFormBody(request);
  return { method: request.method, url: request.url, headers: request.headers, formBody };
}

/** A fetch Request's form body, read no further than one byte past the limit. */
export async function readFetchFormBody(request: Request): Promise<FormBody> {
  if (!request.body) return { text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > FORM_BODY_LIMIT_BYTES) {
      // Not awaited: some body sources (msw's interceptor) never settle a cancel.
      reader.cancel().catch(() => {});
      return { tooLarge: true };
    }
    chunks.push(value);
  }
  return formBodyOf(concat(chunks, total), total);
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

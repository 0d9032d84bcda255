// Loaded on the first reply to a request with envelope=true (docs/decisions/0016).
import { readBodyText } from "./read-body.js";

/**
 * An enveloped reply as the reply it stands for: an error `{status, content}`
 * gets its real status and the plain error body back; a page (`results` plus
 * `status`) passes with its body as it is.
 */
export async function unwrapEnvelope(
  response: Response,
  url: string,
  signal: AbortSignal | undefined,
  maxResponseBytes: number,
): Promise<Response> {
  const text = await readBodyText(response, {
    signal,
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
}

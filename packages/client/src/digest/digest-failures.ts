// What the Digest layer throws, loaded on its first failure (docs/decisions/0016):
// an app whose keys are accepted never downloads these messages.
import { AtlasApiError, AtlasError } from "../errors.js";
import { readBodyText } from "../read-body.js";
import type { Logger } from "../types.js";

/** A 401 from another origin after a redirect: not a verdict on the keys, which never go there. */
export function redirectedChallenge(response: Response, request: Request, uri: string, landed: string): AtlasApiError {
  const origin = new URL(request.url).origin;
  response.body?.cancel().catch(() => {});
  return AtlasApiError.from({
    status: 401,
    headers: response.headers,
    method: request.method,
    url: uri,
    hint: `redirected to ${landed}, which asked for credentials; they are only ever sent to ${origin}: use the final URL as the base URL if you trust it`,
  });
}

/** Credentials refused (or a fresh nonce called stale again): the 401's body, read under the caller's signal and the cap. */
export async function refusedCredentials(
  response: Response,
  request: Request,
  {
    uri,
    stale,
    signal,
    maxResponseBytes,
    logger,
  }: {
    uri: string;
    stale: boolean;
    signal: AbortSignal;
    maxResponseBytes: number;
    logger?: Logger;
  },
): Promise<AtlasApiError> {
  const hint = stale
    ? "a fresh nonce was called stale again"
    : "Digest credentials refused: check publicKey and privateKey";
  logger?.warn?.(hint, { uri });
  const text = await readBodyText(response, {
    signal,
    maxBytes: maxResponseBytes,
    request: () => `${request.method} ${new URL(request.url).pathname}`,
  }).catch(() => "");
  return AtlasApiError.from({
    status: 401,
    body: parseJson(text),
    headers: response.headers,
    method: request.method,
    url: uri,
    hint,
  });
}

/** A value Headers refuses would be quoted whole in its TypeError; this error never quotes it. */
export const unsendableCredentials = () =>
  new AtlasError("Cannot send Digest credentials: a header cannot carry them (use a printable ASCII username)");

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

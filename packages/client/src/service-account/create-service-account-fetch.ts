import { AtlasApiError, AtlasError, AtlasResponseError } from "../errors.js";
import { DEFAULT_MAX_RESPONSE_BYTES, readBodyText } from "../read-body.js";
import type { FetchLike, Logger } from "../types.js";

export interface ServiceAccountFetchOptions {
  /** The service account's client ID (`mdb_sa_id_...`). */
  clientId: string;
  /** The service account's client secret. Kept in a closure only. */
  clientSecret: string;
  /** Atlas's token endpoint, e.g. `https://cloud.mongodb.com/api/oauth/token`. */
  tokenUrl: string;
  /** The fetch to wrap; default `globalThis.fetch`. */
  fetch?: FetchLike;
  /** The fetch for the token request; default `fetch`. */
  tokenFetch?: FetchLike;
  /** Largest token reply read; default 4 MiB. */
  maxResponseBytes?: number;
  logger?: Logger;
  /** The clock, for tests; default `Date.now`. */
  now?: () => number;
}

/** A token is renewed this long before Atlas says it expires (or at half its life, if that is sooner). */
const RENEW_BEFORE_MS = 60_000;

interface Token {
  value: string;
  /** When to stop using it: a margin before Atlas's own expiry. */
  renewAt: number;
}

/**
 * Wraps `fetch` with OAuth 2.0 client credentials, as Atlas's service accounts
 * use them: one `POST` to the token endpoint (HTTP Basic with the client ID
 * and secret, `grant_type=client_credentials`) gives a Bearer token that lasts
 * an hour. Every request carries the current token; however many calls run at
 * once, only one token request is under way. A token is reused until shortly
 * before it expires, then renewed. A `401` to a token we sent renews it once
 * and sends the request again; a second `401` is returned as it is (the
 * caller turns it into `AtlasAuthenticationError`). Refused client
 * credentials throw `AtlasAuthenticationError` naming the token endpoint; a
 * `429` or `5xx` from it is returned, so the retry layer above backs off and
 * tries again. Neither the secret nor a token ever reaches an error, a log or
 * a property.
 */
export function createServiceAccountFetch(options: ServiceAccountFetchOptions): FetchLike {
  const { tokenUrl, logger, now = Date.now } = options;
  const send: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const sendToken = options.tokenFetch ?? send;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const basic = `Basic ${base64(`${options.clientId}:${options.clientSecret}`)}`;
  const tokenPath = new URL(tokenUrl).pathname;
  let token: Token | undefined;
  let pending: Promise<Token | Response> | undefined;

  /** One token request at a time; the others wait for it. A Response is the endpoint's own failure. */
  async function requestToken(signal: AbortSignal): Promise<Token | Response> {
    const issuedAt = now();
    const response = await sendToken(
      new Request(tokenUrl, {
        method: "POST",
        headers: {
          authorization: basic,
          accept: "application/json",
          "content-type": "application/x-www-form-urlencoded",
        },
        body: "grant_type=client_credentials",
        credentials: "omit",
        // The client secret must never follow a redirect to another server.
        redirect: "manual",
        // The call that asked first bounds it; a waiter that gives up on its own stops waiting only.
        signal,
      }),
    );
    const text = await readBodyText(response, { signal, maxBytes, request: () => `POST ${tokenPath}` });
    if (response.status === 429 || response.status >= 500) return new Response(text, response);
    if (!response.ok) {
      logger?.warn?.("Atlas refused the service account's client credentials", { status: response.status });
      throw AtlasApiError.from({
        status: response.status,
        body: parseJson(text),
        headers: response.headers,
        method: "POST",
        url: tokenPath,
        hint: "check clientId and clientSecret, and that the service account is not expired or deleted",
      });
    }
    const body = parseJson(text) as { access_token?: unknown; token_type?: unknown; expires_in?: unknown };
    if (typeof body?.access_token !== "string" || !/^bearer$/i.test(String(body.token_type))) {
      throw new AtlasResponseError(response.status, `POST ${tokenPath}`, "it holds no Bearer access_token");
    }
    const lifetimeMs = (typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in : 3600) * 1000;
    logger?.debug?.("Service account token received", { expiresInSeconds: lifetimeMs / 1000 });
    return { value: body.access_token, renewAt: issuedAt + lifetimeMs - Math.min(RENEW_BEFORE_MS, lifetimeMs / 2) };
  }

  async function currentToken(signal: AbortSignal, stale?: Token): Promise<Token | Response> {
    if (token && token !== stale && now() < token.renewAt) return token;
    pending ??= requestToken(signal)
      .then((result) => {
        if (!(result instanceof Response)) token = result;
        return result;
      })
      .finally(() => {
        pending = undefined;
      });
    return untilAborted(pending, signal);
  }

  return async (input, init) => {
    const request = new Request(input, { ...init, credentials: "omit" });
    for (let renewed = false; ; renewed = true) {
      const held = await currentToken(request.signal, renewed ? token : undefined);
      if (held instanceof Response) return held;
      // A bodiless GET goes as built; a resend needs its own copy.
      const attempt = renewed || request.body ? request.clone() : request;
      setBearer(attempt, held.value);
      const response = await send(attempt);
      if (response.status !== 401 || renewed) return response;
      response.body?.cancel().catch(() => {});
      logger?.debug?.("Bearer token refused; renewing it once", { status: 401 });
      if (token === held) token = undefined;
    }
  };
}

/** `promise`, cut short by the request's signal (the caller's abort or the retry layer's timeout). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason);
    if (signal.aborted) abort();
    signal.addEventListener("abort", abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
  });
}

/** A token Headers refuses would be quoted whole in its TypeError; this error never quotes it. */
function setBearer(request: Request, token: string): void {
  try {
    request.headers.set("authorization", `Bearer ${token}`);
  } catch {
    throw new AtlasError("Atlas's token endpoint sent an access_token that cannot go in a header");
  }
}

/** Base64 of the UTF-8 bytes, as HTTP Basic wants (btoa alone takes Latin-1 only). */
function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

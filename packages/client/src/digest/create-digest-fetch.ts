import { DEFAULT_MAX_RESPONSE_BYTES } from "../read-body.js";
import type { FetchLike, Logger } from "../types.js";
import { type DigestHash, isDigestAlgorithm, loadDigestHash, responseFromHa1 } from "./digest-response.js";
import { toHex } from "./hex.js";
import { type AuthChallenge, parseWwwAuthenticate } from "./parse-www-authenticate.js";

export interface DigestFetchOptions {
  /** Digest username (for Atlas: the public API key). */
  username: string;
  /** Digest password (for Atlas: the private API key). Kept in a closure only. */
  password: string;
  /** The fetch to wrap; default `globalThis.fetch`. It is called with one `Request`. */
  fetch?: FetchLike;
  logger?: Logger;
  /** Largest refused-credentials body read for its error message; default 4 MiB. */
  maxResponseBytes?: number;
}

/** The errors this layer throws, loaded on its first failure: accepted keys never need them. */
const failures = () => import("./digest-failures.js");

// `auth` as one item of a qop list such as "auth,auth-int".
const QOP_AUTH = /(^|,)\s*auth\s*(,|$)/i;

/** The challenge we answer for one origin, and the last nonce count sent with its nonce. */
interface Session {
  params: Record<string, string>;
  qop?: "auth";
  nc: number;
  hash: DigestHash;
  /** H(username:realm:password): the same for every request on this challenge, so hashed once. */
  ha1: string;
}

/**
 * Wraps `fetch` with HTTP Digest authentication (RFC 7616, RFC 2617, RFC 2069).
 * After the first challenge from an origin, requests carry credentials up
 * front with the cached nonce and a strictly increasing `nc`: one round trip
 * per call. A `401` with `stale=true` is answered once with the new nonce; a
 * `401` to credentials we sent otherwise throws `AtlasAuthenticationError` at
 * once. A `401` without a Digest challenge we can answer is returned as is.
 * Every attempt goes with `credentials: "omit"`: Digest needs no cookies, and
 * with credentials a browser answers a same-origin `401` with its own login
 * prompt before the page sees it (docs/decisions/0006). Node ignores it.
 */
export function createDigestFetch({
  username,
  password,
  fetch,
  logger,
  maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES,
}: DigestFetchOptions): FetchLike {
  const send: FetchLike = fetch ?? ((input, init) => globalThis.fetch(input, init));
  const sessions = new Map<string, Session>();
  // A request that finds no session waits for a first contact already under way, then reuses its nonce.
  const firstContacts = new Map<string, Promise<void>>();
  // Origins that answered without a challenge: nothing to wait for there.
  const open = new Set<string>();
  // Random bytes for cnonces, drawn 16 cnonces at a time: the call costs more than the bytes.
  let random = new Uint8Array(0);
  let used = 0;
  const newCnonce = () => {
    if (used === random.length) [random, used] = [crypto.getRandomValues(new Uint8Array(256)), 0];
    used += 16;
    return toHex(random.subarray(used - 16, used));
  };

  function authorization(session: Session, method: string, uri: string): string {
    const { realm = "", nonce = "", opaque, algorithm } = session.params;
    const { qop } = session;
    // Incremented synchronously, so concurrent requests never share a count.
    const nc = (++session.nc).toString(16).padStart(8, "0");
    const cnonce = qop || /-sess$/i.test(algorithm ?? "") ? newCnonce() : undefined;
    const response = responseFromHa1(session.hash, session.ha1, { nonce, method, uri, algorithm, qop, nc, cnonce });
    return `Digest ${[
      `username=${quote(username)}, realm=${quote(realm)}, nonce=${quote(nonce)}, uri=${quote(uri)}`,
      algorithm && `algorithm=${algorithm}`,
      `response="${response}"`,
      opaque !== undefined && `opaque=${quote(opaque)}`,
      qop && `qop=${qop}, nc=${nc}`,
      cnonce && `cnonce="${cnonce}"`,
    ]
      .filter(Boolean)
      .join(", ")}`;
  }

  return async (input, init) => {
    // The one Request of this call (of this attempt, under the retry layer).
    const request = new Request(input, { ...init, credentials: "omit" });
    const { origin, pathname, search } = new URL(request.url);
    const uri = pathname + search; // the request target exactly as sent

    // Single flight: while one request makes the first contact, the others wait
    // for its challenge. When it fails, the first waiter to wake takes its place
    // and the rest wait again, rather than all going out unsigned at once.
    for (;;) {
      const pending = sessions.has(origin) || open.has(origin) ? undefined : firstContacts.get(origin);
      if (!pending) break;
      await untilAborted(pending, request.signal);
    }
    let session = sessions.get(origin);
    let release = () => {};
    const gate = session || open.has(origin) ? undefined : new Promise<void>((resolve) => (release = resolve));
    if (gate) firstContacts.set(origin, gate);

    try {
      for (let resend = false, answeredStale = false; ; resend = true) {
        // A bodiless request goes as built the first time; a resend needs its own
        // copy (the fetch may still hold the first, and a body is spent once sent).
        const attempt = resend || request.body ? request.clone() : request;
        if (session) {
          const value = authorization(session, request.method, uri);
          try {
            attempt.headers.set("authorization", value);
          } catch {
            // Headers' own TypeError would quote the value whole.
            throw (await failures()).unsendableCredentials();
          }
        }
        const response = await send(attempt);
        if (response.status !== 401) {
          if (!session) open.add(origin);
          return response;
        }
        // Only a followed redirect counts: a custom fetch (a proxy, a test harness) may answer from another URL.
        const landed = response.redirected && response.url ? new URL(response.url).origin : origin;
        if (landed !== origin) throw (await failures()).redirectedChallenge(response, request, uri, landed);
        const challenge = pickChallenge(parseWwwAuthenticate(response.headers.get("www-authenticate") ?? ""));
        if (!challenge) {
          logger?.warn?.("No Digest challenge this client can answer", { uri });
          return response;
        }
        const stale = /^true$/i.test(challenge.params.stale ?? "");
        if (session && (!stale || answeredStale)) {
          // Read under the caller's own signal (not the Request's weakly linked copy).
          const signal = init?.signal ?? request.signal;
          throw await (await failures()).refusedCredentials(response, request, {
            uri,
            stale,
            signal,
            maxResponseBytes,
            logger,
          });
        }
        response.body?.cancel().catch(() => {});
        answeredStale = stale;
        const qop = QOP_AUTH.test(challenge.params.qop ?? "") ? "auth" : undefined;
        const hash = (await loadDigestHash(challenge.params.algorithm)) as DigestHash; // pickChallenge made sure
        // Another request may already hold this nonce: share its count rather than replay nc=1.
        const current = sessions.get(origin);
        session =
          current && current.params.nonce === challenge.params.nonce
            ? current
            : {
                params: challenge.params,
                qop,
                nc: 0,
                hash,
                ha1: hash(`${username}:${challenge.params.realm ?? ""}:${password}`),
              };
        sessions.set(origin, session);
        release();
        logger?.debug?.(stale ? "Digest nonce stale; answering the new one" : "Digest challenge received", {
          uri,
          realm: challenge.params.realm,
          algorithm: challenge.params.algorithm ?? "MD5",
          qop: qop ?? "none (RFC 2069)",
        });
      }
    } finally {
      release();
      if (firstContacts.get(origin) === gate) firstContacts.delete(origin);
    }
  };
}

/** The first Digest challenge with an algorithm we know and, if it lists qop, `auth` among them. */
function pickChallenge(challenges: AuthChallenge[]): AuthChallenge | undefined {
  return challenges.find(
    ({ scheme, params: { nonce, algorithm, qop } }) =>
      /^digest$/i.test(scheme) && nonce && isDigestAlgorithm(algorithm) && (qop === undefined || QOP_AUTH.test(qop)),
  );
}

/** `promise`, cut short by the request's signal (the caller's abort or the retry layer's timeout). */
function untilAborted(promise: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason);
    if (signal.aborted) abort();
    signal.addEventListener("abort", abort, { once: true });
    promise.then(resolve);
  });
}

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, "\\$&")}"`;
}

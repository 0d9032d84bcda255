// HTTP Digest as Atlas does it: challenge with realm "MMS Public API" and MD5,
// and really verify the answer (MD5, SHA-256, their -sess forms; qop=auth or
// the RFC 2069 form without qop). Independent of the client's Digest on purpose:
// each checks the other, so they share no code (docs/decisions/0013-spec-drives-structure.md).
import { type DigestAlgorithm, digestHash, readAlgorithm, sameText } from "./digest-hash.js";
import { parseDigestAuthorization } from "./digest-parse.js";
import type { NonceRegistry } from "./nonce-registry.js";

export const DIGEST_REALM = "MMS Public API";

export interface DigestCredential {
  publicKey: string;
  privateKey: string;
  /** When set, the key may only read these projects; others get 403. */
  groups?: readonly string[];
}

export type DigestOutcome =
  | { kind: "ok"; credential: DigestCredential }
  /** Answer 401 with a fresh challenge; stale=true when only the nonce was wrong. */
  | { kind: "challenge"; stale: boolean }
  /** Answer 400: the header cannot be a valid Digest answer. */
  | { kind: "malformed"; reason: string };

export interface DigestVerifier {
  /** A WWW-Authenticate value with a new nonce, in the seed document's form. */
  challenge(stale: boolean): string;
  verify(method: string, target: URL, authorization: string | undefined): DigestOutcome;
}

export function createDigestVerifier(credentials: readonly DigestCredential[], nonces: NonceRegistry): DigestVerifier {
  const byKey = new Map(credentials.map((c) => [c.publicKey, c]));
  /** H(user:realm:password) per algorithm and key: the costly part, the same on every request. */
  const ha1Cache = new Map<string, string>();

  function baseHa1(algorithm: DigestAlgorithm, credential: DigestCredential): string {
    const base = algorithm.startsWith("SHA-256") ? "SHA-256" : "MD5";
    const key = `${base}\0${credential.publicKey}`;
    let ha1 = ha1Cache.get(key);
    if (ha1 === undefined) {
      ha1 = digestHash(base, `${credential.publicKey}:${DIGEST_REALM}:${credential.privateKey}`);
      ha1Cache.set(key, ha1);
    }
    return ha1;
  }

  return {
    challenge: (stale) =>
      `Digest realm="${DIGEST_REALM}", domain="", nonce="${nonces.issue()}", algorithm=MD5, qop="auth", stale=${stale}`,

    verify(method, target, authorization) {
      const parsed = parseDigestAuthorization(authorization);
      if (parsed.kind === "other-scheme") return { kind: "challenge", stale: false };
      if (parsed.kind === "malformed") return parsed;
      const p = parsed.params;
      for (const name of ["username", "realm", "nonce", "uri", "response"]) {
        if (!p.get(name)) return { kind: "malformed", reason: `has no ${name}` };
      }
      const algorithm = readAlgorithm(p.get("algorithm"));
      const qop = p.get("qop");
      const nc = p.get("nc");
      const cnonce = p.get("cnonce");
      if (qop !== undefined) {
        if (qop !== "auth") return { kind: "malformed", reason: `has qop=${qop}; only qop=auth is offered` };
        if (!nc || !/^[0-9a-fA-F]{8}$/.test(nc))
          return { kind: "malformed", reason: "needs nc as 8 hex digits with qop" };
        if (!cnonce) return { kind: "malformed", reason: "needs cnonce with qop" };
      }
      if (algorithm?.endsWith("-sess") && !cnonce) return { kind: "malformed", reason: "needs cnonce with -sess" };
      if (!uriMatches(p.get("uri") as string, target)) {
        return { kind: "malformed", reason: "has a uri that is not this request's target" };
      }
      const credential = byKey.get(p.get("username") as string);
      if (!algorithm || !credential || p.get("realm") !== DIGEST_REALM || p.get("userhash") === "true") {
        return { kind: "challenge", stale: false };
      }
      const nonce = p.get("nonce") as string;
      let ha1 = baseHa1(algorithm, credential);
      if (algorithm.endsWith("-sess")) ha1 = digestHash(algorithm, `${ha1}:${nonce}:${cnonce}`);
      const ha2 = digestHash(algorithm, `${method}:${p.get("uri")}`);
      const expected =
        qop === undefined
          ? digestHash(algorithm, `${ha1}:${nonce}:${ha2}`)
          : digestHash(algorithm, `${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`);
      if (!sameText(expected, (p.get("response") as string).toLowerCase())) return { kind: "challenge", stale: false };
      // The keys were right: any problem left is the nonce's, so stale=true tells the client to just retry.
      if (nonces.status(nonce) !== "fresh") return { kind: "challenge", stale: true };
      if (qop === undefined) {
        // No nc to record, but the nonce was answered: keep it ahead of never-answered ones.
        nonces.touch(nonce);
      } else if (!nonces.useCount(nonce, Number.parseInt(nc as string, 16))) {
        return { kind: "challenge", stale: true };
      }
      return { kind: "ok", credential };
    },
  };
}

/** The Digest uri must name this request (origin-form or absolute; compared after URL normalisation). */
function uriMatches(uri: string, target: URL): boolean {
  try {
    const named = new URL(uri, target);
    return named.pathname === target.pathname && named.search === target.search;
  } catch {
    return false;
  }
}

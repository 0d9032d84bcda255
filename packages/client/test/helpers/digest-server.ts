// A small Digest-verifying server, written independently of the client with
// node:crypto, injected as `fetch`. It checks every field the client sends.
import { createHash, randomBytes } from "node:crypto";

export type Algorithm = "MD5" | "MD5-sess" | "SHA-256" | "SHA-256-sess";

export interface DigestServerOptions {
  users?: Record<string, string>;
  realm?: string;
  algorithm?: Algorithm;
  /** Sent as `qop="..."`; `undefined` sends the seed's `op="auth"` instead (no qop: RFC 2069). */
  qop?: string;
  /** Whether to send `algorithm=` in the challenge (default true). */
  sendAlgorithm?: boolean;
  opaque?: string;
  /** Challenges put before the Digest one in the same header. */
  prefix?: string;
  /** Answers authenticated requests; default a JSON page with no results. */
  handler?: (request: Request) => Response | Promise<Response>;
}

export const ATLAS_401 = {
  error: 401,
  errorCode: "NOT_AUTHORIZED",
  detail: "You are not authorized for this resource.",
  parameters: [],
  reason: "Unauthorized",
};

export function hashHex(algorithm: string, text: string): string {
  return createHash(algorithm.toUpperCase().startsWith("SHA-256") ? "sha256" : "md5")
    .update(text, "utf8")
    .digest("hex");
}

/** Parses the client's Authorization header with a plain regex (independent of the client's parser). */
export function parseAuthorization(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of header.replace(/^Digest\s+/i, "").matchAll(/(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    out[m[1] as string] = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : (m[3] as string);
  }
  return out;
}

export function createDigestServer(options: DigestServerOptions = {}) {
  const users = options.users ?? { alice: "s3cret" };
  let realm = options.realm ?? "MMS Public API";
  const algorithm = options.algorithm ?? "MD5";
  const opaque = options.opaque ?? "0paque";
  const handler = options.handler ?? (() => Response.json({ results: [], totalCount: 0 }));
  const newNonce = () => randomBytes(12).toString("base64");
  let nonce = newNonce();
  const lastNc = new Map<string, number>();
  const staleNonces = new Set<string>();
  const state = {
    requests: [] as Request[],
    /** Why each refused request was refused. */
    refusals: [] as string[],
    /** nc values accepted, in arrival order. */
    acceptedNc: [] as number[],
  };

  function unauthorized(stale: boolean, why: string): Response {
    if (why) state.refusals.push(why);
    const qop = options.qop === undefined ? 'op="auth"' : `qop="${options.qop}"`;
    const alg = options.sendAlgorithm === false ? "" : `algorithm=${algorithm}, `;
    const challenge = `Digest realm="${realm}", domain="", nonce="${nonce}", ${alg}${qop}, opaque="${opaque.replace(/["\\]/g, "\\$&")}", stale=${stale}`;
    return Response.json(ATLAS_401, {
      status: 401,
      headers: { "www-authenticate": options.prefix ? `${options.prefix}, ${challenge}` : challenge },
    });
  }

  async function fetch(input: Request | string | URL, init?: RequestInit): Promise<Response> {
    const request = new Request(input, init);
    state.requests.push(request);
    const header = request.headers.get("authorization");
    if (!header) return unauthorized(false, "");
    const a = parseAuthorization(header);
    const url = new URL(request.url);
    const password = users[a.username ?? ""];
    if (password === undefined) return unauthorized(false, "unknown user");
    // Before the realm: a nonce from before a realm change is answered as stale.
    if (staleNonces.has(a.nonce ?? "")) return unauthorized(true, "stale nonce");
    if (a.realm !== realm) return unauthorized(false, "realm");
    if (a.uri !== url.pathname + url.search) return unauthorized(false, `uri ${a.uri}`);
    if (a.opaque !== opaque) return unauthorized(false, "opaque");
    if (a.nonce !== nonce) return unauthorized(false, "unknown nonce");
    if ((a.algorithm ?? "MD5") !== (options.sendAlgorithm === false ? "MD5" : algorithm))
      return unauthorized(false, "algorithm");
    let ha1 = hashHex(algorithm, `${a.username}:${realm}:${password}`);
    if (algorithm.endsWith("-sess")) ha1 = hashHex(algorithm, `${ha1}:${a.nonce}:${a.cnonce}`);
    const ha2 = hashHex(algorithm, `${request.method}:${a.uri}`);
    let expected: string;
    if (options.qop === undefined) {
      if (a.qop || a.nc) return unauthorized(false, "qop sent to a no-qop challenge");
      expected = hashHex(algorithm, `${ha1}:${a.nonce}:${ha2}`);
    } else {
      if (a.qop !== "auth" || !/^[0-9a-f]{8}$/.test(a.nc ?? "") || !a.cnonce) return unauthorized(false, "qop fields");
      const nc = Number.parseInt(a.nc as string, 16);
      if (nc <= (lastNc.get(nonce) ?? 0)) return unauthorized(false, `nc ${nc} replayed`);
      lastNc.set(nonce, nc);
      state.acceptedNc.push(nc);
      expected = hashHex(algorithm, `${ha1}:${a.nonce}:${a.nc}:${a.cnonce}:auth:${ha2}`);
    }
    if (a.response !== expected) return unauthorized(false, "response mismatch");
    return handler(request);
  }

  return {
    fetch,
    state,
    /** Marks the current nonce stale and issues a new one (in a new realm, if given). */
    expireNonce(newRealm?: string) {
      staleNonces.add(nonce);
      nonce = newNonce();
      realm = newRealm ?? realm;
    },
    /** Makes every nonce stale at once, now and forever (a misbehaving server). */
    alwaysStale() {
      const original = fetch;
      return async (input: Request | string | URL, init?: RequestInit) => {
        staleNonces.add(nonce);
        nonce = newNonce();
        return original(input, init);
      };
    },
  };
}

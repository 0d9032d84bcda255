import { md5 } from "@noble/hashes/legacy.js";
import { sha256 } from "@noble/hashes/sha2.js";

/** What a Digest `response` is computed from (RFC 7616 section 3.4.1). */
export interface DigestResponseInput {
  username: string;
  password: string;
  realm: string;
  nonce: string;
  method: string;
  /** The request target exactly as sent: path and query. */
  uri: string;
  /** `MD5` (the default), `MD5-sess`, `SHA-256` or `SHA-256-sess`, any case. */
  algorithm?: string;
  /** `auth`, or undefined for the RFC 2069 form (no qop, nc or cnonce). */
  qop?: "auth";
  /** Nonce count as 8 hex digits, e.g. `00000001`. */
  nc?: string;
  cnonce?: string;
}

const HASHES: Record<string, (data: Uint8Array) => Uint8Array> = { MD5: md5, "SHA-256": sha256 };

export const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** The hash function (UTF-8 text in, lower-case hex out) for a Digest algorithm name; undefined if unsupported. */
export function digestHash(algorithm = "MD5"): ((text: string) => string) | undefined {
  const fn = HASHES[algorithm.toUpperCase().replace(/-SESS$/, "")];
  return fn && ((text) => toHex(fn(new TextEncoder().encode(text))));
}

/** The hex `response` value for one request (RFC 7616, with RFC 2617 and RFC 2069 forms). */
export function computeDigestResponse(input: DigestResponseInput): string {
  const hash = digestHash(input.algorithm);
  if (!hash) throw new TypeError(`Unsupported Digest algorithm ${JSON.stringify(input.algorithm)}`);
  const { realm, nonce, cnonce = "", nc = "", qop } = input;
  let ha1 = hash(`${input.username}:${realm}:${input.password}`);
  if (/-sess$/i.test(input.algorithm ?? "")) ha1 = hash(`${ha1}:${nonce}:${cnonce}`);
  const ha2 = hash(`${input.method}:${input.uri}`);
  return hash(qop ? `${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}` : `${ha1}:${nonce}:${ha2}`);
}

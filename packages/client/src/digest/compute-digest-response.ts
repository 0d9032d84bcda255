// The client's Digest, independent of the mock's verifier on purpose: each checks
// the other (with Apache and curl), so they share no code (docs/decisions/0010).
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

/** UTF-8 text in, lower-case hex out. */
export type DigestHash = (text: string) => string;

const HASHES: Record<string, (data: Uint8Array) => Uint8Array> = { MD5: md5, "SHA-256": sha256 };
const utf8 = new TextEncoder();
// A table lookup per byte is several times faster than toString(16) and padStart.
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

export function toHex(bytes: Uint8Array): string {
  let hex = "";
  for (const byte of bytes) hex += HEX[byte];
  return hex;
}

/** The hash function for a Digest algorithm name; undefined if unsupported. */
export function digestHash(algorithm = "MD5"): DigestHash | undefined {
  const fn = HASHES[algorithm.toUpperCase().replace(/-SESS$/, "")];
  return fn && ((text) => toHex(fn(utf8.encode(text))));
}

/**
 * The `response` from `H(username:realm:password)`, which a caller may keep
 * per challenge: it depends on no request. The -sess variants fold in this
 * request's nonce and cnonce.
 */
export function responseFromHa1(
  hash: DigestHash,
  ha1: string,
  {
    algorithm = "",
    nonce,
    method,
    uri,
    qop,
    nc = "",
    cnonce = "",
  }: Omit<DigestResponseInput, "username" | "password" | "realm">,
): string {
  if (/-sess$/i.test(algorithm)) ha1 = hash(`${ha1}:${nonce}:${cnonce}`);
  const ha2 = hash(`${method}:${uri}`);
  return hash(qop ? `${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}` : `${ha1}:${nonce}:${ha2}`);
}

/** The hex `response` value for one request (RFC 7616, with RFC 2617 and RFC 2069 forms). */
export function computeDigestResponse(input: DigestResponseInput): string {
  const hash = digestHash(input.algorithm);
  if (!hash) throw new TypeError(`Unsupported Digest algorithm ${JSON.stringify(input.algorithm)}`);
  return responseFromHa1(hash, hash(`${input.username}:${input.realm}:${input.password}`), input);
}

// The client's Digest, independent of the mock's verifier on purpose: each checks
// the other (with Apache and curl), so they share no code (docs/decisions/0013-spec-drives-structure.md).
// What createDigestFetch needs; SHA-256 is only loaded when a server asks for it.
import { md5Hex } from "./md5.js";

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

/** `md5-sess` -> `MD5`. */
export const baseName = (algorithm: string) => algorithm.toUpperCase().replace(/-SESS$/, "");

/** True for an algorithm this client can answer: MD5, SHA-256 and their -sess forms. */
export function isDigestAlgorithm(algorithm = "MD5"): boolean {
  return baseName(algorithm) === "MD5" || baseName(algorithm) === "SHA-256";
}

/** The hash function for a Digest algorithm name; undefined if unsupported. Loads SHA-256 on first use. */
export async function loadDigestHash(algorithm = "MD5"): Promise<DigestHash | undefined> {
  const name = baseName(algorithm);
  if (name === "MD5") return md5Hex;
  return name === "SHA-256" ? (await import("./sha256.js")).sha256Hex : undefined;
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

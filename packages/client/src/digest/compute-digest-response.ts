// computeDigestResponse, the synchronous public helper: it carries SHA-256 with
// it, so createDigestFetch does not use it (see digest-response.ts). It imports
// @noble/hashes itself rather than ./sha256.js: a module both imported and
// import()ed would land in every bundle's first chunk.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { baseName, type DigestHash, type DigestResponseInput, responseFromHa1 } from "./digest-response.js";
import { md5Hex } from "./md5.js";

const sha256Hex: DigestHash = (text) => bytesToHex(sha256(utf8ToBytes(text)));

export type { DigestResponseInput };

/** The hash function for a Digest algorithm name, at once; undefined if unsupported. */
export function digestHash(algorithm = "MD5"): DigestHash | undefined {
  const name = baseName(algorithm);
  return name === "MD5" ? md5Hex : name === "SHA-256" ? sha256Hex : undefined;
}

/** The hex `response` value for one request (RFC 7616, with RFC 2617 and RFC 2069 forms). */
export function computeDigestResponse(input: DigestResponseInput): string {
  const hash = digestHash(input.algorithm);
  if (!hash) throw new TypeError(`Unsupported Digest algorithm ${JSON.stringify(input.algorithm)}`);
  return responseFromHa1(hash, hash(`${input.username}:${input.realm}:${input.password}`), input);
}

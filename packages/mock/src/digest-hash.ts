// The hash functions Digest may name, from @noble/hashes so the core runs in browsers too.
import { md5 } from "@noble/hashes/legacy.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

export type DigestAlgorithm = "MD5" | "MD5-sess" | "SHA-256" | "SHA-256-sess";

const ALGORITHMS: Readonly<Record<string, DigestAlgorithm>> = {
  md5: "MD5",
  "md5-sess": "MD5-sess",
  "sha-256": "SHA-256",
  "sha-256-sess": "SHA-256-sess",
};

/** The algorithm a client named (case-insensitively); MD5 when it named none. */
export function readAlgorithm(name: string | undefined): DigestAlgorithm | undefined {
  return name === undefined ? "MD5" : ALGORITHMS[name.toLowerCase()];
}

/** H(data) as lowercase hex for the algorithm's hash. */
export function digestHash(algorithm: DigestAlgorithm, data: string): string {
  const hash = algorithm.startsWith("SHA-256") ? sha256 : md5;
  return bytesToHex(hash(utf8ToBytes(data)));
}

/** Compares two strings without stopping at the first difference. */
export function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

// SHA-256 for Digest, loaded on first use: only a server that challenges with
// algorithm=SHA-256 needs it (Atlas challenges with MD5), so it stays out of
// the bundle a browser app downloads for its first listing.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

/** SHA-256 of `text` as UTF-8, in lower-case hex. */
export const sha256Hex = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)));

// An independent HTTP Digest implementation on node:crypto, written from
// RFC 7616 (and the RFC 2617 / RFC 2069 forms) to judge the client's own.
import { createHash } from "node:crypto";

export interface ReferenceDigestInput {
  username: string;
  password: string;
  realm: string;
  nonce: string;
  method: string;
  uri: string;
  algorithm?: string;
  qop?: string;
  nc?: string;
  cnonce?: string;
}

const NODE_HASH: Record<string, string> = { MD5: "md5", "SHA-256": "sha256" };

export function referenceDigest(input: ReferenceDigestInput): string {
  const algorithm = (input.algorithm ?? "MD5").toUpperCase();
  const sess = algorithm.endsWith("-SESS");
  const name = NODE_HASH[sess ? algorithm.slice(0, -5) : algorithm];
  if (!name) throw new Error(`reference: unknown algorithm ${algorithm}`);
  const h = (text: string) => createHash(name).update(text, "utf8").digest("hex");
  let a1 = h(`${input.username}:${input.realm}:${input.password}`);
  if (sess) a1 = h(`${a1}:${input.nonce}:${input.cnonce ?? ""}`);
  const a2 = h(`${input.method}:${input.uri}`);
  if (input.qop === "auth") return h(`${a1}:${input.nonce}:${input.nc}:${input.cnonce}:auth:${a2}`);
  return h(`${a1}:${input.nonce}:${a2}`);
}

/**
 * Reads an `Authorization: Digest ...` header into its parameters, written
 * separately from the client's parser so the two cannot share a mistake.
 */
export function readDigestAuthorization(header: string): Record<string, string> | undefined {
  const match = /^Digest\s+/i.exec(header);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  const re = /\s*([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*(?:,|$)/gsy;
  re.lastIndex = match[0].length;
  let m: RegExpExecArray | null;
  let end = re.lastIndex;
  // biome-ignore lint/suspicious/noAssignInExpressions: a plain tokenizer loop
  while (end < header.length && (m = re.exec(header))) {
    const [, key, quoted, bare] = m;
    params[(key as string).toLowerCase()] = quoted !== undefined ? quoted.replace(/\\(.)/gs, "$1") : (bare ?? "");
    end = re.lastIndex;
  }
  return end === header.length ? params : undefined;
}

/** Quotes a value as an HTTP quoted-string. */
export const quoteString = (value: string): string => `"${value.replace(/["\\]/g, "\\$&")}"`;

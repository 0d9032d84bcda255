// A test-side Digest client on node:crypto, written apart from the mock's own
// code so the two check each other.
import { createHash, randomBytes } from "node:crypto";

export type Algorithm = "MD5" | "MD5-sess" | "SHA-256" | "SHA-256-sess";

export function parseChallenge(header: string | null): Record<string, string> {
  if (!header?.startsWith("Digest ")) throw new Error(`not a Digest challenge: ${header}`);
  const out: Record<string, string> = {};
  for (const m of header.slice(7).matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) out[m[1] as string] = m[2] ?? m[3] ?? "";
  return out;
}

export interface DigestAnswer {
  method?: string;
  uri: string;
  publicKey: string;
  privateKey: string;
  nonce: string;
  realm?: string;
  algorithm?: Algorithm;
  /** false: the RFC 2069 form (no qop, nc, cnonce). */
  qop?: boolean;
  nc?: number;
  cnonce?: string;
}

export function digestAuthorization(a: DigestAnswer): string {
  const algorithm = a.algorithm ?? "MD5";
  const hashName = algorithm.startsWith("SHA-256") ? "sha256" : "md5";
  const h = (s: string) => createHash(hashName).update(s).digest("hex");
  const realm = a.realm ?? "MMS Public API";
  const method = a.method ?? "GET";
  const cnonce = a.cnonce ?? randomBytes(8).toString("hex");
  const nc = (a.nc ?? 1).toString(16).padStart(8, "0");
  let ha1 = h(`${a.publicKey}:${realm}:${a.privateKey}`);
  if (algorithm.endsWith("-sess")) ha1 = h(`${ha1}:${a.nonce}:${cnonce}`);
  const ha2 = h(`${method}:${a.uri}`);
  const qop = a.qop ?? true;
  const response = qop ? h(`${ha1}:${a.nonce}:${nc}:${cnonce}:auth:${ha2}`) : h(`${ha1}:${a.nonce}:${ha2}`);
  const parts = [
    `username="${a.publicKey}"`,
    `realm="${realm}"`,
    `nonce="${a.nonce}"`,
    `uri="${a.uri}"`,
    `algorithm=${algorithm}`,
    `response="${response}"`,
  ];
  if (qop) parts.push("qop=auth", `nc=${nc}`, `cnonce="${cnonce}"`);
  return `Digest ${parts.join(", ")}`;
}

/** The request target Digest signs: path and query of `url`. */
export function targetOf(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}

/** Gets a fresh nonce from the server by asking without credentials. */
export async function fetchNonce(url: string): Promise<string> {
  const res = await fetch(url);
  await res.arrayBuffer();
  const nonce = parseChallenge(res.headers.get("www-authenticate")).nonce;
  if (!nonce) throw new Error("no nonce in challenge");
  return nonce;
}

export type DigestOptions = Omit<DigestAnswer, "uri" | "nonce">;

/** GET `url` the reactive way (challenge, then answer). */
export async function digestGet(url: string, options: DigestOptions): Promise<Response> {
  const nonce = await fetchNonce(url);
  return fetch(url, { headers: { Authorization: digestAuthorization({ ...options, nonce, uri: targetOf(url) }) } });
}

import { createHash, randomBytes } from "node:crypto";

const md5 = (text: string) => createHash("md5").update(text).digest("hex");
const PARAM = /(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;

export interface Credentials {
  username: string;
  password: string;
}

/**
 * GET the way the official Go SDK does it (mongodb-forks/digest): send
 * without credentials, read the 401's challenge, answer it with nc=00000001
 * and a fresh cnonce, send again. No nonce cache: two round trips per call.
 */
export async function getWithChallengeEveryCall(url: string, { username, password }: Credentials): Promise<Response> {
  const first = await fetch(url);
  if (first.status !== 401) return first;
  await first.arrayBuffer();
  const params: Record<string, string> = {};
  for (const [, key, quoted, bare] of (first.headers.get("www-authenticate") ?? "").matchAll(PARAM)) {
    params[(key as string).toLowerCase()] ??= quoted ?? bare ?? "";
  }
  const { realm = "", nonce = "", opaque, algorithm } = params;
  const { pathname, search } = new URL(url);
  const uri = pathname + search;
  const qop = /(^|,)\s*auth\s*(,|$)/.test(params.qop ?? "") ? "auth" : undefined;
  const nc = "00000001";
  const cnonce = randomBytes(16).toString("hex");
  const ha1 = md5(`${username}:${realm}:${password}`);
  const ha2 = md5(`GET:${uri}`);
  const response = md5(qop ? `${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}` : `${ha1}:${nonce}:${ha2}`);
  const fields = [`username="${username}"`, `realm="${realm}"`, `nonce="${nonce}"`, `uri="${uri}"`];
  if (algorithm) fields.push(`algorithm=${algorithm}`);
  fields.push(`response="${response}"`);
  if (opaque !== undefined) fields.push(`opaque="${opaque}"`);
  if (qop) fields.push(`qop=${qop}`, `nc=${nc}`, `cnonce="${cnonce}"`);
  return fetch(url, { headers: { authorization: `Digest ${fields.join(", ")}` } });
}

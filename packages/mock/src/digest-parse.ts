// Parses an `Authorization: Digest ...` header into its parameters (RFC 7616 §3.4).
// Total on any input: garbage yields a reason, never an exception.

/** Longer Authorization headers are refused: a real Digest answer is a few hundred bytes. */
export const MAX_AUTHORIZATION_LENGTH = 4096;

export type DigestParseResult =
  | { kind: "digest"; params: ReadonlyMap<string, string> }
  /** Another scheme (Basic, Bearer...) or no header: answered with a challenge. */
  | { kind: "other-scheme" }
  /** A Digest header that cannot be read: answered with 400. */
  | { kind: "malformed"; reason: string };

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;

export function parseDigestAuthorization(header: string | undefined): DigestParseResult {
  if (header === undefined || header === "") return { kind: "other-scheme" };
  if (header.length > MAX_AUTHORIZATION_LENGTH) {
    return { kind: "malformed", reason: `is longer than ${MAX_AUTHORIZATION_LENGTH} characters` };
  }
  const scheme = /^\s*([^\s]+)(?:\s+|$)/.exec(header);
  if (scheme?.[1]?.toLowerCase() !== "digest") return { kind: "other-scheme" };
  const params = new Map<string, string>();
  const s = header;
  let i = scheme[0].length;
  while (i < s.length) {
    while (i < s.length && (s[i] === " " || s[i] === "\t" || s[i] === ",")) i++;
    if (i >= s.length) break;
    const nameStart = i;
    while (i < s.length && TOKEN.test(s[i] as string)) i++;
    const name = s.slice(nameStart, i).toLowerCase();
    while (s[i] === " " || s[i] === "\t") i++;
    if (name === "" || s[i] !== "=") return { kind: "malformed", reason: `has no name=value pair at character ${i}` };
    i++;
    while (s[i] === " " || s[i] === "\t") i++;
    let value = "";
    if (s[i] === '"') {
      i++;
      let closed = false;
      while (i < s.length) {
        const ch = s[i] as string;
        if (ch === "\\" && i + 1 < s.length) {
          value += s[i + 1];
          i += 2;
        } else if (ch === '"') {
          closed = true;
          i++;
          break;
        } else {
          value += ch;
          i++;
        }
      }
      if (!closed) return { kind: "malformed", reason: `has an unterminated quoted value for ${name}` };
    } else {
      const start = i;
      while (i < s.length && TOKEN.test(s[i] as string)) i++;
      value = s.slice(start, i);
    }
    if (params.has(name)) return { kind: "malformed", reason: `gives ${name} twice` };
    params.set(name, value);
    while (s[i] === " " || s[i] === "\t") i++;
    if (i < s.length && s[i] !== ",") return { kind: "malformed", reason: `has an unexpected character after ${name}` };
  }
  return { kind: "digest", params };
}

/** One challenge of a `WWW-Authenticate` header (RFC 7235 section 2.1). */
export interface AuthChallenge {
  /** The scheme as sent, e.g. `Digest`; compare it case-insensitively. */
  scheme: string;
  /** Parameters by lower-cased name, quoted values unescaped. The first of a repeated name wins. */
  params: Record<string, string>;
  /** The token68 form (`Negotiate abc==`), when sent instead of parameters. */
  token68?: string;
}

const SEPARATORS = /[\s,]*/y;
const SPACES = /[ \t]*/y;
const EQUALS = /=[ \t]*/y;
const TOKEN = /[\w!#$%&'*+.^`|~-]+/y;
const QUOTED = /"((?:[^"\\]|\\[\s\S])*)"/y;
// Lenient: also takes unquoted values that are not strict tokens (e.g. base64 nonces).
const BARE = /[^\s,]+/y;
// token68 only counts when the challenge ends right after it.
const TOKEN68 = /[\w.~+/-]+=*(?=[ \t]*(?:,|$))/y;

/**
 * Parses a `WWW-Authenticate` (or `Proxy-Authenticate`) value into its
 * challenges: any case and spacing, quoted strings with escapes and commas,
 * unquoted tokens, several challenges in one header. Never throws; stray
 * characters are skipped.
 */
export function parseWwwAuthenticate(header: string): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  let pos = 0;
  const eat = (re: RegExp) => {
    re.lastIndex = pos;
    const match = re.exec(header);
    if (match) pos = re.lastIndex;
    return match;
  };
  let current: AuthChallenge | undefined;
  while (pos < header.length) {
    eat(SEPARATORS);
    const name = eat(TOKEN)?.[0];
    if (!name) {
      pos++;
      continue;
    }
    eat(SPACES);
    if (current && eat(EQUALS)) {
      const quoted = eat(QUOTED)?.[1];
      const value = quoted === undefined ? (eat(BARE)?.[0] ?? "") : quoted.replace(/\\([\s\S])/g, "$1");
      const key = name.toLowerCase();
      if (!(key in current.params)) current.params[key] = value;
      continue;
    }
    current = { scheme: name, params: Object.create(null) };
    challenges.push(current);
    const token68 = eat(TOKEN68)?.[0];
    if (token68) current.token68 = token68;
  }
  return challenges;
}

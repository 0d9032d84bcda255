// The mock's service accounts: which client ID and secret pairs it accepts, the
// Bearer tokens it issued, when each expires, and which were revoked. Atlas's
// tokens last one hour; the mock lets tests shorten that and move its clock.

export interface ServiceAccountCredentials {
  clientId: string;
  clientSecret: string;
}

export type TokenStatus = "valid" | "expired" | "revoked" | "unknown";

export interface IssuedToken {
  accessToken: string;
  /** Seconds, as `expires_in` says. */
  expiresIn: number;
}

export interface TokenRegistry {
  /** True when the client ID is known and the secret is its own. */
  authenticate(credentials: ServiceAccountCredentials): boolean;
  /** A new token for a known id and secret; undefined when they do not match. */
  issue(credentials: ServiceAccountCredentials): IssuedToken | undefined;
  /** What a Bearer token is worth now, and whose it is. */
  check(token: string): { status: TokenStatus; clientId?: string };
  /** Revokes a token (Atlas's `POST /api/oauth/revoke`); true when it was one of ours. */
  revoke(token: string): boolean;
}

export interface TokenRegistryOptions {
  accounts: readonly ServiceAccountCredentials[];
  /** Token lifetime in seconds; default 3600, as Atlas's. */
  lifetimeSeconds?: number;
  now: () => number;
  /** Unpredictable bytes, whatever seed the mock's data uses. */
  randomToken: () => string;
  /** Most tokens remembered at once (the oldest go first); default 10,000. */
  maxTokens?: number;
}

interface TokenState {
  clientId: string;
  expiresAt: number;
  revoked: boolean;
}

export function createTokenRegistry(options: TokenRegistryOptions): TokenRegistry {
  const lifetimeSeconds = options.lifetimeSeconds ?? 3600;
  const maxTokens = options.maxTokens ?? 10_000;
  // Insertion order is issue order: the oldest tokens are first to go.
  const tokens = new Map<string, TokenState>();
  const secrets = new Map(options.accounts.map((a) => [a.clientId, a.clientSecret]));

  const authenticate = ({ clientId, clientSecret }: ServiceAccountCredentials) => {
    const known = secrets.get(clientId);
    return known !== undefined && constantTimeEqual(known, clientSecret);
  };

  return {
    authenticate,
    issue({ clientId, clientSecret }) {
      if (!authenticate({ clientId, clientSecret })) return undefined;
      while (tokens.size >= maxTokens) tokens.delete(tokens.keys().next().value as string);
      const accessToken = options.randomToken();
      tokens.set(accessToken, { clientId, expiresAt: options.now() + lifetimeSeconds * 1000, revoked: false });
      return { accessToken, expiresIn: lifetimeSeconds };
    },
    check(token) {
      const state = tokens.get(token);
      if (!state) return { status: "unknown" };
      const status = state.revoked ? "revoked" : options.now() >= state.expiresAt ? "expired" : "valid";
      return { status, clientId: state.clientId };
    },
    revoke(token) {
      const state = tokens.get(token);
      if (!state) return false;
      state.revoked = true;
      return true;
    },
  };
}

/** Compares without stopping at the first difference, so timing tells nothing about the secret. */
function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

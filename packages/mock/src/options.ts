// The options createAtlasMock takes, checked and filled with defaults.
import { DEFAULT_BASE_URL } from "@atlas-snapshots/types";
import { DEFAULT_MOCK_CREDENTIALS, DEFAULT_MOCK_SERVICE_ACCOUNT } from "./default-credentials.js";
import { DEFAULT_SNAPSHOT_COUNT, maxDefaultSnapshots } from "./default-data.js";
import type { DigestCredential } from "./digest-verifier.js";
import { FAULT_KINDS, type FaultOptions, type LatencyOption } from "./faults.js";
import type { MockData } from "./mock-data.js";
import type { ServiceAccountCredentials } from "./oauth/token-registry.js";
import { ATLAS_RATE_LIMIT, type RateLimitOptions } from "./rate-limiter.js";
import { BASE_PATHS } from "./route.js";
import { loadMockData } from "./validate-mock-data.js";

/** `/x/api/atlas/v1.0` -> `/x`; a path ending in no known base path is itself the root. */
function rootPathOf(basePath: string): string {
  const known = BASE_PATHS.find((base) => basePath.endsWith(base));
  return known ? basePath.slice(0, basePath.length - known.length) : basePath;
}

export type MockCredential = DigestCredential;

export interface AtlasMockOptions {
  /**
   * Where the mock answers: a host (each operation then lives under its base path from the spec) or, as
   * before, a URL ending in such a base path (default https://cloud.mongodb.com/api/atlas/v1.0). The
   * server uses only its path.
   */
  baseUrl?: string;
  /** "digest" (default) checks HTTP Digest; "off" lets every request in. */
  auth?: "digest" | "off";
  /** Accepted keys (default: [DEFAULT_MOCK_CREDENTIALS]). */
  credentials?: readonly MockCredential[];
  /**
   * Accepted service accounts (default: [DEFAULT_MOCK_SERVICE_ACCOUNT]): their client ID and secret get Bearer tokens from
   * `POST /api/oauth/token`, and every operation takes such a token beside Digest.
   */
  serviceAccounts?: readonly ServiceAccountCredentials[];
  /** How long a service-account token lives, in seconds (default 3600, as Atlas's). */
  tokenLifetimeSeconds?: number;
  /** How long a nonce stays valid before stale=true (default 300000 = 5 minutes). */
  nonceTtlMs?: number;
  /** Seed for generated data, faults, latency, nonces and request ids (default 1). */
  seed?: number;
  /** How many snapshots the default M2AWS cluster holds (default 30); ignored with `data`. */
  snapshots?: number;
  /** Your own data instead of the generated data (validated; see validateMockData). */
  data?: MockData;
  /** The clock, in ms since the epoch (default Date.now): "today" for default data, nonce expiry, rate limits. */
  now?: () => number;
  /** Delay before each reply, fixed or drawn from [min, max] (default 0). */
  latencyMs?: LatencyOption;
  /** Injected faults (default none). */
  faults?: FaultOptions;
  /** Token bucket per project (default Atlas's 4000, refilling 2000 per minute); false turns it off. */
  rateLimit?: RateLimitOptions | false;
  /** How many requests `mock.requests` keeps (default 1000). */
  requestLogSize?: number;
}

export interface ResolvedMockOptions {
  baseUrl: string;
  /** The base URL's path without a trailing slash, e.g. /api/atlas/v1.0. */
  basePath: string;
  /** `basePath` without a trailing base path of the spec's operations: what every operation's path hangs off. */
  rootPath: string;
  auth: "digest" | "off";
  credentials: readonly MockCredential[];
  serviceAccounts: readonly ServiceAccountCredentials[];
  tokenLifetimeSeconds: number;
  nonceTtlMs: number;
  seed: number;
  snapshots: number;
  data: MockData | undefined;
  now: () => number;
  latencyMs: LatencyOption | undefined;
  faults: FaultOptions | undefined;
  rateLimit: RateLimitOptions | false;
  requestLogSize: number;
}

function fail(option: string, rule: string, value: unknown): never {
  throw new TypeError(`[atlas-mock] Option ${option} ${rule}; got ${JSON.stringify(value)}.`);
}

function checkInteger(option: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) fail(option, `must be an integer of at least ${min}`, value);
  return value;
}

/** The default history has one snapshot a day back from today; 1970 is as far back as an ObjectId goes. */
function checkSnapshotCount(value: number, now: number): number {
  checkInteger("snapshots", value, 0);
  const max = maxDefaultSnapshots(now);
  if (value > max) fail("snapshots", `must be at most ${max} (one snapshot a day back from today reaches 1970)`, value);
  return value;
}

export function resolveOptions(options: AtlasMockOptions = {}): ResolvedMockOptions {
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  let basePath: string;
  try {
    basePath = new URL(baseUrl).pathname.replace(/\/+$/, "");
  } catch {
    fail("baseUrl", "must be an absolute URL", options.baseUrl);
  }
  const auth = options.auth ?? "digest";
  if (auth !== "digest" && auth !== "off") fail("auth", 'must be "digest" or "off"', auth);
  const credentials = options.credentials ?? [DEFAULT_MOCK_CREDENTIALS];
  for (const c of credentials) {
    if (!c.publicKey || !c.privateKey) fail("credentials", "must each have a publicKey and a privateKey", c.publicKey);
  }
  const serviceAccounts = options.serviceAccounts ?? [DEFAULT_MOCK_SERVICE_ACCOUNT];
  for (const a of serviceAccounts) {
    if (!a.clientId || !a.clientSecret || a.clientId.includes(":"))
      fail("serviceAccounts", "must each have a clientId (without ':') and a clientSecret", a.clientId);
  }
  const { faults, latencyMs, rateLimit = ATLAS_RATE_LIMIT } = options;
  if (faults) {
    if (!(faults.rate >= 0 && faults.rate <= 1)) fail("faults.rate", "must be from 0 to 1", faults.rate);
    const kinds = faults.kinds ?? FAULT_KINDS;
    if (kinds.length === 0 || kinds.some((k) => !FAULT_KINDS.includes(k))) {
      fail("faults.kinds", `must be a non-empty list of ${FAULT_KINDS.join(", ")}`, kinds);
    }
    if (faults.retryAfterSeconds !== undefined) checkInteger("faults.retryAfterSeconds", faults.retryAfterSeconds, 0);
  }
  if (latencyMs !== undefined) {
    const [min, max] = typeof latencyMs === "number" ? [latencyMs, latencyMs] : latencyMs;
    const inRange = (ms: unknown) => typeof ms === "number" && ms >= 0 && ms <= 600_000;
    if (!inRange(min) || !inRange(max) || min > max) {
      fail("latencyMs", "must be milliseconds from 0 to 600000, or [min, max]", latencyMs);
    }
  }
  if (rateLimit) {
    if (!(rateLimit.capacity >= 1)) fail("rateLimit.capacity", "must be at least 1", rateLimit.capacity);
    if (!(rateLimit.refillPerMinute >= 0))
      fail("rateLimit.refillPerMinute", "must be 0 or more", rateLimit.refillPerMinute);
  }
  return {
    baseUrl,
    basePath,
    rootPath: rootPathOf(basePath),
    auth,
    credentials,
    serviceAccounts,
    tokenLifetimeSeconds: checkInteger("tokenLifetimeSeconds", options.tokenLifetimeSeconds ?? 3600, 1),
    nonceTtlMs: checkInteger("nonceTtlMs", options.nonceTtlMs ?? 300_000, 1),
    seed: checkInteger("seed", options.seed ?? 1, 0),
    snapshots: checkSnapshotCount(options.snapshots ?? DEFAULT_SNAPSHOT_COUNT, (options.now ?? Date.now)()),
    data: options.data === undefined ? undefined : loadMockData(options.data),
    now: options.now ?? Date.now,
    latencyMs,
    faults,
    rateLimit,
    requestLogSize: checkInteger("requestLogSize", options.requestLogSize ?? 1000, 0),
  };
}

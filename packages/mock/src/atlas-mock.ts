// The core: every Atlas behaviour, from a request to a reply. No node: imports,
// so it runs in browsers under msw's service worker as well as in the server.
import { OPERATIONS, type OperationId } from "@atlas-snapshots/types";
import {
  cannotAccessGroup,
  invalidVersion,
  methodNotAllowed,
  NOT_AUTHORIZED_BODY,
  PROXY_UNAVAILABLE_BODY,
  rateLimited,
  resourceNotFound,
  unexpectedError,
  validationError,
} from "./api-error.js";
import { createDefaultData } from "./default-data.js";
import { deprecationHeadersOf } from "./deprecation.js";
import { createDigestVerifier, type DigestCredential } from "./digest-verifier.js";
import { createFaultPicker, createLatencyPicker, type FaultKind } from "./faults.js";
import { replyToResponse } from "./fetch-adapter.js";
import { createForcedQueue, type ForcedResponse } from "./forced-responses.js";
import { acceptsOneOf, replyContentType, versionedTypes } from "./media-type.js";
import { createNonceRegistry } from "./nonce-registry.js";
import { withFormBody } from "./oauth/form-body.js";
import { OAUTH_REVOKE_PATH, OAUTH_TOKEN_PATH } from "./oauth/paths.js";
import { revokeReply } from "./oauth/revoke-endpoint.js";
import { tokenReply } from "./oauth/token-endpoint.js";
import { createTokenRegistry } from "./oauth/token-registry.js";
import { type AtlasMockOptions, type ResolvedMockOptions, resolveOptions } from "./options.js";
import { isGroupId } from "./path-rules.js";
import { createPrng } from "./prng.js";
import { parseQuery, readFormat } from "./query.js";
import { ATLAS_RATE_LIMIT, createRateLimiter } from "./rate-limiter.js";
import { errorReply, type MockReply, type MockRequest, type ReplyFormat } from "./reply.js";
import { createRequestLog, type RequestLog, redactHeaders } from "./request-log.js";
import { createResolvers, type ServeContext } from "./resolvers.js";
import { matchRoute, type Route } from "./route.js";
import { createMockStore, type MockStore } from "./store.js";

/**
 * The mock without its msw handlers: what the HTTP server needs. Kept apart so
 * that the server never loads msw (it costs more start-up time than the server).
 */
export interface AtlasMockCore {
  readonly options: Readonly<ResolvedMockOptions>;
  readonly store: MockStore;
  readonly requests: RequestLog;
  /** Answers a fetch Request. Transport faults come back marked: see transportFaultOf. */
  handle(request: Request): Promise<Response>;
  /** The adapters' entry point: answers without building a Response. */
  reply(request: MockRequest): Promise<MockReply>;
  /** Makes the next `times` authenticated requests get this reply, whatever they ask. */
  forceResponse(forced: ForcedResponse): void;
  clearForcedResponses(): void;
  /** Store back to its start, request log and forced replies cleared, rate-limit buckets full. */
  reset(): void;
  /** Revokes a service-account token, whoever it was issued to (`POST /api/oauth/revoke` revokes only the caller's); true when it was one. */
  revokeToken(token: string): boolean;
}

interface Outcome {
  reply: MockReply;
  authenticated: boolean;
  fault?: string;
  /** The operation the path names, whose documented media types the reply takes. */
  operationId?: OperationId;
}

export function createAtlasCore(input: AtlasMockOptions = {}): AtlasMockCore {
  const options = resolveOptions(input);
  const { now, rootPath } = options;
  const store = createMockStore(
    options.data ?? createDefaultData({ seed: options.seed, snapshots: options.snapshots, now: now() }),
  );
  // Nonces must be unpredictable whatever the seed (which is for data): a seeded
  // stream would repeat them after a restart and let a captured Authorization replay.
  const nonces = createNonceRegistry(options.nonceTtlMs, now, randomNonce);
  const verifier = createDigestVerifier(options.credentials, nonces);
  const tokens = createTokenRegistry({
    accounts: options.serviceAccounts,
    lifetimeSeconds: options.tokenLifetimeSeconds,
    now,
    randomToken: () => randomNonce() + randomNonce(),
  });
  const newLimiter = () => (options.rateLimit ? createRateLimiter(options.rateLimit, now) : undefined);
  let limiter = newLimiter();
  const pickFault = createFaultPicker(options.faults, createPrng(options.seed, "faults"));
  const pickLatency = createLatencyPicker(options.latencyMs, createPrng(options.seed, "latency"));
  const forced = createForcedQueue(() => verifier.challenge(false));
  const requests = createRequestLog(options.requestLogSize);
  const idPrefix = createPrng(options.seed, "ids").hex(8);
  let replies = 0;
  const retryAfter = String(options.faults?.retryAfterSeconds ?? 1);
  const resolvers = createResolvers(store);

  function answer(request: MockRequest): Outcome {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      const reply = errorReply(validationError("url", request.url, "must be a valid URL", "request"), plain);
      return { reply, authenticated: false };
    }
    if (url.pathname === OAUTH_TOKEN_PATH) return { reply: tokenReply(request, tokens), authenticated: false };
    if (url.pathname === OAUTH_REVOKE_PATH) return { reply: revokeReply(request, tokens), authenticated: false };
    const route = matchRoute(url.pathname, rootPath);
    if (route.kind === "outside")
      return { reply: errorReply(resourceNotFound(url.pathname), plain), authenticated: false };
    const operationId = route.kind === "operation" ? route.operationId : undefined;
    return { ...authenticateAndServe(request, url, route, operationId), operationId };
  }

  /** Everything after routing: authentication, rate limit, forced replies, faults, then the operation. */
  function authenticateAndServe(request: MockRequest, url: URL, route: Route, operationId?: OperationId): Outcome {
    // Authentication comes first and ignores envelope: a Digest client needs the real 401 and its challenge.
    let credential: DigestCredential | undefined;
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
    if (options.auth === "digest" && bearer !== undefined) {
      // A service account's token: valid, or the same 401 and challenge as any refused request.
      if (tokens.check(bearer).status !== "valid") {
        const headers = { "WWW-Authenticate": verifier.challenge(false) };
        return { reply: { status: 401, headers, body: NOT_AUTHORIZED_BODY }, authenticated: false };
      }
    } else if (options.auth === "digest") {
      const outcome = verifier.verify(request.method, url, request.headers.get("authorization") ?? undefined);
      if (outcome.kind === "challenge") {
        // As recorded: Atlas's fixed body, no errorCode, no X-Error-Code, no rate-limit or deprecation headers.
        const headers = { "WWW-Authenticate": verifier.challenge(outcome.stale) };
        return { reply: { status: 401, headers, body: NOT_AUTHORIZED_BODY }, authenticated: false };
      }
      if (outcome.kind === "malformed") {
        const error = validationError("Authorization", "Digest ...", `${outcome.reason}`, "header");
        return { reply: errorReply(error, plain), authenticated: false };
      }
      credential = outcome.credential;
    }

    const format = readFormat(url.search, operationId);
    const groupId = route.kind === "operation" ? (route.params.groupId ?? "") : "";
    // Per operation, from the spec: a path that names no operation, or one not deprecated, gets none.
    const headers: Record<string, string> = operationId ? { ...deprecationHeadersOf(operationId) } : {};
    const decision = limiter?.take(isGroupId(groupId) ? groupId : "(other)");
    if (decision) {
      headers["RateLimit-Limit"] = String(decision.limit);
      headers["RateLimit-Remaining"] = String(decision.remaining);
      if (!decision.allowed) {
        headers["Retry-After"] = String(decision.retryAfterSeconds);
        const error = rateLimited({ ...bucket(url), retryAfterSeconds: decision.retryAfterSeconds });
        return done(errorReply(error, format, headers));
      }
    }

    const forcedReply = forced.take();
    if (forcedReply) {
      forcedReply.headers = { ...headers, ...forcedReply.headers };
      return { ...done(forcedReply), fault: "forced" };
    }

    const fault = pickFault();
    if (fault) {
      const faulty =
        injectFault(fault, url, format, headers) ?? serve({ request, url, route, credential, format, headers });
      if (fault === "truncate") faulty.transportFault = "truncate";
      return { ...done(faulty), fault };
    }
    return done(serve({ request, url, route, credential, format, headers }));
  }

  /** The endpoint set and bucket size a 429 body names (the endpoint set is the request's path: the mock's choice). */
  function bucket(url: URL) {
    const { capacity, refillPerMinute } = options.rateLimit || ATLAS_RATE_LIMIT;
    return { endpointSet: url.pathname.slice(1), capacity, refillPerMinute };
  }

  function injectFault(
    fault: FaultKind,
    url: URL,
    format: ReplyFormat,
    headers: Record<string, string>,
  ): MockReply | undefined {
    switch (fault) {
      case "500":
        return errorReply(unexpectedError(), format, headers);
      case "503":
        // A proxy in front of Atlas, not Atlas: plain text, no envelope, none of Atlas's headers.
        return {
          status: 503,
          headers: { "Content-Type": "text/plain", "Retry-After": retryAfter },
          body: PROXY_UNAVAILABLE_BODY,
        };
      case "429":
        return errorReply(rateLimited({ ...bucket(url), retryAfterSeconds: Number(retryAfter) }), format, {
          ...headers,
          "Retry-After": retryAfter,
        });
      case "drop":
        return { status: 0, headers, body: "", transportFault: "drop" };
      case "truncate":
        return undefined; // the real reply, cut short by the adapter
    }
  }

  /** The request after authentication, rate limits and faults: checks it against the table, then resolves it. */
  function serve(ctx: Omit<ServeContext, "given"> & { request: MockRequest; route: Route }): MockReply {
    const { request, url, route, format, headers } = ctx;
    if (route.kind === "outside" || route.kind === "unknown") {
      return errorReply(resourceNotFound(url.pathname), format, headers);
    }
    if (route.kind === "bad-encoding") {
      if (request.method !== "GET" && request.method !== "HEAD") {
        return errorReply(methodNotAllowed(request.method), format, { ...headers, Allow: "GET, HEAD" });
      }
      return errorReply(
        validationError("path", route.segment, "must be valid percent-encoding", "path"),
        format,
        headers,
      );
    }
    const operation = OPERATIONS[route.operationId];
    // HEAD is answered as GET; node:http and fetch leave the body out (RFC 9110 9.3.2; docs/decisions/0011).
    const asGet = operation.method === "GET" && request.method === "HEAD";
    if (request.method !== operation.method && !asGet) {
      const allow = operation.method === "GET" ? "GET, HEAD" : operation.method;
      return errorReply(methodNotAllowed(request.method), format, { ...headers, Allow: allow });
    }
    // A versioned (v2) operation answers only an Accept that names its version; checked before the
    // parameters, as content negotiation comes before the resource method on a JAX-RS server such as Atlas's.
    const versions = versionedTypes(route.operationId);
    if (versions.length > 0 && !acceptsOneOf(request.headers.get("accept"), versions)) {
      return errorReply(invalidVersion(), format, headers);
    }
    // Path parameters in the spec's order, each with its generated check and message.
    for (const [name, parameter] of Object.entries(operation.parameters)) {
      if (parameter.in !== "path") continue;
      const value = route.params[name] ?? "";
      const problem = parameter.check(value);
      if (problem) return errorReply(validationError(name, value, problem.problem, "path parameter"), format, headers);
    }
    const parsed = parseQuery(url.search, route.operationId);
    if (!parsed.ok) return errorReply(parsed.error, format, headers);
    const groupId = route.params.groupId;
    if (groupId !== undefined && ctx.credential?.groups && !ctx.credential.groups.includes(groupId)) {
      return errorReply(cannotAccessGroup(groupId), format, headers);
    }
    // TypeScript cannot tie the union of operation ids to its input type; the table and the parser do.
    const input = { path: route.params, query: parsed.query } as never;
    return resolvers[route.operationId](input, { ...ctx, given: parsed.given });
  }

  function done(reply: MockReply): Outcome {
    return { reply, authenticated: true };
  }

  async function reply(request: MockRequest): Promise<MockReply> {
    const started = performance.now();
    const timestamp = now();
    const delay = pickLatency();
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    let outcome: Outcome;
    try {
      outcome = answer(request);
    } catch {
      // A bug in the mock must still look like Atlas failing, never crash the host.
      outcome = { reply: errorReply(unexpectedError(), plain), authenticated: false };
    }
    const { reply: out, authenticated, fault, operationId } = outcome;
    const id = idPrefix + (replies++ % 0x100000000).toString(16).padStart(8, "0");
    if (!Object.keys(out.headers).some((name) => name.toLowerCase() === "content-type")) {
      out.headers["Content-Type"] = replyContentType(operationId, out.status);
    }
    out.headers["X-Request-Id"] = id;
    requests.add({
      id,
      method: request.method,
      url: request.url,
      status: out.status,
      authenticated,
      headers: redactHeaders(request.headers.entries()),
      timestamp,
      durationMs: performance.now() - started,
      ...(fault ? { fault } : {}),
    });
    return out;
  }

  const mock: AtlasMockCore = {
    options,
    store,
    requests,
    reply,
    handle: async (request) => replyToResponse(await reply(await withFormBody(request)), request.method === "HEAD"),
    forceResponse: (f) => forced.push(f),
    clearForcedResponses: () => forced.clear(),
    revokeToken: (token) => tokens.revoke(token),
    reset() {
      store.reset();
      requests.clear();
      forced.clear();
      limiter = newLimiter();
    },
  };
  return mock;
}

function randomNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

const plain: ReplyFormat = { pretty: false, envelope: false };

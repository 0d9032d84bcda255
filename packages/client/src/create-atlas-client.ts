import {
  DEFAULT_BASE_URL,
  DEFAULT_HOST,
  OPERATIONS,
  type OperationId,
  type paths,
  type TenantSnapshot,
  type TenantSnapshotPage,
} from "@atlas-snapshots/types";
import createClient, { type Client } from "openapi-fetch";
import { createOperationCaller, hostOf } from "./call-operation.js";
import { deprecationNotice } from "./deprecation-notice.js";
import { createDigestFetch } from "./digest/create-digest-fetch.js";
import { createEnvelopeFetch } from "./envelope-fetch.js";
import { findPageProblem } from "./find-page-problem.js";
import { loadErrors } from "./lazy-errors.js";
import { type Page, paginate } from "./paginate.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./read-body.js";
import { createRetryFetch } from "./retry-fetch.js";
import type { FetchLike, Logger } from "./types.js";
import {
  validateClientOptions,
  validateOperationParams,
  validateOperationRequest,
  validateSnapshotParams,
} from "./validate.js";

/** Atlas's OAuth 2.0 token endpoint for service accounts, on the API's host. */
const OAUTH_TOKEN_PATH = "/api/oauth/token";

/** A fetch whose implementation is imported on its first call. */
function lazyFetch(load: () => Promise<FetchLike>): FetchLike {
  let loaded: Promise<FetchLike> | undefined;
  return async (input, init) => {
    loaded ??= load();
    return (await loaded)(input, init);
  };
}

/** The operations the operation table marks as paged. */
type PagedOperationId = {
  [Id in OperationId]: (typeof OPERATIONS)[Id]["paged"] extends true ? Id : never;
}[OperationId];

/**
 * Exactly one pair of credentials (checked when the client is made): an API key,
 * signed in with HTTP Digest as the reference page documents, or a service
 * account, signed in with OAuth 2.0 client credentials as MongoDB now recommends.
 */
export interface AtlasClientOptions extends AtlasClientSettings {
  /** Programmatic API public key (the Digest username). */
  publicKey?: string;
  /** Programmatic API private key (the Digest password). Held in a closure, never in a property. */
  privateKey?: string;
  /** A service account's client ID. */
  clientId?: string;
  /** A service account's client secret. Held in a closure, never in a property. */
  clientSecret?: string;
}

export interface AtlasClientSettings {
  /**
   * The host, default `https://cloud.mongodb.com`; each operation adds its base path from the spec.
   * The old form with the base path (`https://cloud.mongodb.com/api/atlas/v1.0`) still works.
   */
  baseUrl?: string;
  /** Any fetch-compatible function; default `globalThis.fetch`. Called with one `Request`. */
  fetch?: FetchLike;
  /** Retries after the first attempt; default 2. */
  maxRetries?: number;
  /** Per attempt (headers and body); default 60000. */
  timeoutMs?: number;
  /**
   * Largest reply body read, in bytes after decompression; default 4 MiB (a page of 500 snapshots is
   * about 100 KB). A larger one is cut off there and throws AtlasResponseTooLargeError.
   */
  maxResponseBytes?: number;
  /** Pages fetched at once by the paging helpers; default 8 (a 10,000-snapshot listing then costs 21 of Atlas's 4,000 tokens). */
  concurrency?: number;
  /** Aborts every request of this client, also during backoff. */
  signal?: AbortSignal;
  /** Receives retry (`warn`), authentication (`debug`, `warn`) and, once per client and deprecated operation, deprecation (`warn`) events. */
  logger?: Logger;
  /** Backoff tuning: base 500 ms doubling to 8000 ms; Retry-After waits at most 60000 ms. */
  retry?: { baseDelayMs?: number; maxDelayMs?: number; maxRetryAfterMs?: number };
}

export interface ListTenantSnapshotsParams {
  groupId: string;
  clusterName: string;
  pageNum?: number;
  itemsPerPage?: number;
  includeCount?: boolean;
  pretty?: boolean;
  /** Ask Atlas for enveloped replies; errors are unwrapped and thrown as usual. */
  envelope?: boolean;
  signal?: AbortSignal;
}

export interface IterateTenantSnapshotsParams {
  groupId: string;
  clusterName: string;
  /** Page size; default 100 (the spec's default). */
  itemsPerPage?: number;
  /** Pages fetched at once; default the client's `concurrency`. */
  concurrency?: number;
  signal?: AbortSignal;
}

export interface GetTenantSnapshotParams {
  groupId: string;
  clusterName: string;
  snapshotId: string;
  signal?: AbortSignal;
}

export type AtlasClient = Client<paths> & {
  /** One snapshot by id; throws AtlasNotFoundError when there is none. */
  getTenantSnapshot(params: GetTenantSnapshotParams): Promise<TenantSnapshot>;
  /** One page; throws an AtlasApiError subclass on an error status. */
  listTenantSnapshots(params: ListTenantSnapshotsParams): Promise<TenantSnapshotPage>;
  /** Every snapshot once, in order, pages fetched concurrently. */
  iterateTenantSnapshots(params: IterateTenantSnapshotsParams): AsyncGenerator<TenantSnapshot, void, undefined>;
  /** Every snapshot in one array. */
  listAllTenantSnapshots(params: IterateTenantSnapshotsParams): Promise<TenantSnapshot[]>;
};

/**
 * A typed openapi-fetch client for Atlas's M2/M5 snapshot endpoint with
 * Digest auth (one round trip per call after the first), retries, timeouts
 * and paging helpers. `atlas.GET(...)` is the openapi-fetch client, intact.
 */
export function createAtlasClient(options: AtlasClientOptions): AtlasClient {
  validateClientOptions(options);
  const { logger, signal, retry } = options;
  const concurrency = options.concurrency ?? 8;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const host = hostOf(options.baseUrl ?? DEFAULT_HOST);
  const callerFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const envelopeFetch = createEnvelopeFetch(callerFetch, maxResponseBytes);
  const { clientId, clientSecret } = options;
  const authFetch =
    clientId !== undefined && clientSecret !== undefined
      ? // Loaded on first use: an app that signs in with an API key never downloads it.
        lazyFetch(async () =>
          (await import("./service-account/create-service-account-fetch.js")).createServiceAccountFetch({
            clientId,
            clientSecret,
            tokenUrl: `${host}${OAUTH_TOKEN_PATH}`,
            fetch: envelopeFetch,
            tokenFetch: callerFetch,
            logger,
            maxResponseBytes,
          }),
        )
      : createDigestFetch({
          username: options.publicKey as string,
          password: options.privateKey as string,
          fetch: envelopeFetch,
          logger,
          maxResponseBytes,
        });
  const layeredFetch = createRetryFetch(authFetch, {
    maxRetries: options.maxRetries ?? 2,
    timeoutMs: options.timeoutMs ?? 60_000,
    baseDelayMs: retry?.baseDelayMs ?? 500,
    maxDelayMs: retry?.maxDelayMs ?? 8_000,
    maxRetryAfterMs: retry?.maxRetryAfterMs ?? 60_000,
    maxResponseBytes,
    signal,
    logger,
  });

  // One openapi-fetch instance: middleware a caller adds with atlas.use() also sees the helpers' requests.
  // atlas.GET's paths are relative to the spec's server, as the generated `paths` type says.
  const client = createClient<paths>({ baseUrl: host + new URL(DEFAULT_BASE_URL).pathname, fetch: layeredFetch });
  const call = createOperationCaller(client, host);
  // Bad input to atlas.GET sends nothing, as with the helpers.
  const operationByPath = new Map(
    Object.entries(OPERATIONS).map(([id, op]) => [`${op.method} ${op.path}`, id as OperationId]),
  );
  const operationOf = (method: string, schemaPath: string) => operationByPath.get(`${method} ${schemaPath}`);
  client.use({
    onRequest({ schemaPath, params, request }) {
      const id = operationOf(request.method, schemaPath);
      if (id) validateOperationRequest(id, params.path, params.query);
    },
  });
  client.use(deprecationNotice(logger, operationOf));

  /** One page of any paged operation, checked for what paging relies on. */
  async function loadPage(id: PagedOperationId, path: object, query: object, pageSignal?: AbortSignal) {
    const { body, request } = await call(id, { path: { ...path }, query: { ...query } }, pageSignal);
    // Missing results, or a result without id, would read as an empty or short page and end a listing early.
    const problem = findPageProblem(body);
    if (problem) throw new (await loadErrors()).AtlasResponseError(200, request, problem);
    return body;
  }

  /** Every item of any paged operation once, in order, pages fetched concurrently. */
  function iterate<Item extends { id: string }>(
    id: PagedOperationId,
    path: object,
    params: { itemsPerPage?: number; concurrency?: number; signal?: AbortSignal },
  ): AsyncGenerator<Item, void, undefined> {
    const { itemsPerPage = OPERATIONS[id].parameters.itemsPerPage.default } = params;
    return paginate(
      (pageNum, includeCount, pageSignal) =>
        loadPage(id, path, { pageNum, itemsPerPage, includeCount }, pageSignal) as Promise<Page<Item>>,
      { itemsPerPage, concurrency: params.concurrency ?? concurrency, signal: params.signal },
    );
  }

  async function listTenantSnapshots(params: ListTenantSnapshotsParams): Promise<TenantSnapshotPage> {
    validateSnapshotParams(params);
    const { groupId, clusterName, signal: callSignal, ...query } = params;
    return (await loadPage(
      "listSharedClusterBackups",
      { groupId, clusterName },
      query,
      callSignal,
    )) as TenantSnapshotPage;
  }

  function iterateTenantSnapshots(
    params: IterateTenantSnapshotsParams,
  ): AsyncGenerator<TenantSnapshot, void, undefined> {
    validateSnapshotParams(params);
    const { groupId, clusterName } = params;
    return iterate<TenantSnapshot>("listSharedClusterBackups", { groupId, clusterName }, params);
  }

  async function getTenantSnapshot(params: GetTenantSnapshotParams): Promise<TenantSnapshot> {
    validateOperationParams("getSharedClusterBackup", params);
    const { groupId, clusterName, snapshotId } = params;
    const { body, request } = await call(
      "getSharedClusterBackup",
      { path: { groupId, clusterName, snapshotId } },
      params.signal,
    );
    // Read tolerantly (decision 0002), but a reply without the id asked for is not that snapshot.
    if ((body as { id?: unknown } | null)?.id !== snapshotId)
      throw new (await loadErrors()).AtlasResponseError(
        200,
        request,
        "its `id` is not the one asked for",
        "the snapshot",
      );
    return body as TenantSnapshot;
  }

  async function listAllTenantSnapshots(params: IterateTenantSnapshotsParams): Promise<TenantSnapshot[]> {
    const all: TenantSnapshot[] = [];
    for await (const snapshot of iterateTenantSnapshots(params)) all.push(snapshot);
    return all;
  }

  return Object.assign(client, {
    getTenantSnapshot,
    listTenantSnapshots,
    iterateTenantSnapshots,
    listAllTenantSnapshots,
  });
}

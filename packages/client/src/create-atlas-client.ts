import {
  DEFAULT_BASE_URL,
  DEFAULT_HOST,
  type FlexBackupSnapshot,
  type FlexBackupSnapshotPage,
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
import { validateClientOptions, validateOperationParams, validateOperationRequest } from "./validate.js";

/** Atlas's OAuth 2.0 token endpoint for service accounts, on the API's host. */
const OAUTH_TOKEN_PATH = "/api/oauth/token";

/** A helper's parameters split into the operation's path values and the rest (its query); `signal` and `concurrency` are the helper's own. */
function split(pathNames: readonly string[], params: object) {
  const path: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) {
    if (name === "signal" || name === "concurrency") continue;
    (pathNames.includes(name) ? path : query)[name] = value;
  }
  return { path, query };
}

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

/** A Flex cluster's listing (API v2): `name` is the Flex cluster's name. */
export interface ListFlexSnapshotsParams extends Omit<ListTenantSnapshotsParams, "clusterName"> {
  name: string;
}

export interface IterateFlexSnapshotsParams extends Omit<IterateTenantSnapshotsParams, "clusterName"> {
  name: string;
}

export interface GetFlexSnapshotParams extends Omit<GetTenantSnapshotParams, "clusterName"> {
  name: string;
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
  /** One snapshot of a Flex cluster (API v2) by id; throws AtlasNotFoundError when there is none. */
  getFlexSnapshot(params: GetFlexSnapshotParams): Promise<FlexBackupSnapshot>;
  /** One page of a Flex cluster's snapshots (API v2). */
  listFlexSnapshots(params: ListFlexSnapshotsParams): Promise<FlexBackupSnapshotPage>;
  /** Every snapshot of a Flex cluster once, in order, pages fetched concurrently. */
  iterateFlexSnapshots(params: IterateFlexSnapshotsParams): AsyncGenerator<FlexBackupSnapshot, void, undefined>;
  /** Every snapshot of a Flex cluster in one array. */
  listAllFlexSnapshots(params: IterateFlexSnapshotsParams): Promise<FlexBackupSnapshot[]>;
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
  const defaultBase = host + new URL(DEFAULT_BASE_URL).pathname;
  const client = createClient<paths>({ baseUrl: defaultBase, fetch: layeredFetch });
  const call = createOperationCaller(client, host);
  // Bad input to atlas.GET sends nothing, as with the helpers.
  const operationByPath = new Map(
    Object.entries(OPERATIONS).map(([id, op]) => [`${op.method} ${op.path}`, id as OperationId]),
  );
  const operationOf = (method: string, schemaPath: string) => operationByPath.get(`${method} ${schemaPath}`);
  client.use({
    onRequest({ schemaPath, params, request }) {
      const id = operationOf(request.method, schemaPath);
      if (!id) return undefined;
      validateOperationRequest(id, params.path, params.query);
      // atlas.GET starts at the spec's first server: an operation under another base path (v2) moves
      // there, and a request that names no Accept gets the operation's (v2 picks its version by it).
      const op = OPERATIONS[id];
      const moved = request.url.startsWith(`${defaultBase}/`) && !defaultBase.endsWith(op.basePath);
      if (!moved && request.headers.has("accept")) return undefined;
      const next = new Request(
        moved ? host + op.basePath + request.url.slice(defaultBase.length) : request.url,
        request,
      );
      if (!next.headers.has("accept")) next.headers.set("accept", op.accept);
      return next;
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

  /** One page of a paged operation; the path parameters are the operation's, the rest its query. */
  async function listPage(id: PagedOperationId, pathNames: readonly string[], params: { signal?: AbortSignal }) {
    validateOperationParams(id, params);
    const { path, query } = split(pathNames, params);
    return loadPage(id, path, query, params.signal);
  }

  /** Every item of a paged operation, after checking its parameters. */
  function iterateAll<Item extends { id: string }>(
    id: PagedOperationId,
    pathNames: readonly string[],
    params: IterateTenantSnapshotsParams | IterateFlexSnapshotsParams,
  ): AsyncGenerator<Item, void, undefined> {
    validateOperationParams(id, params);
    return iterate<Item>(id, split(pathNames, params).path, params);
  }

  /** One snapshot by id from a get-one operation. */
  async function getOne<Item>(
    id: "getSharedClusterBackup" | "getFlexBackupSnapshot",
    pathNames: readonly string[],
    params: { snapshotId: string; signal?: AbortSignal },
  ): Promise<Item> {
    validateOperationParams(id, params);
    const { body, request } = await call(id, { path: split(pathNames, params).path }, params.signal);
    // Read tolerantly (decision 0002), but a reply without the id asked for is not that snapshot.
    if ((body as { id?: unknown } | null)?.id !== params.snapshotId)
      throw new (await loadErrors()).AtlasResponseError(
        200,
        request,
        "its `id` is not the one asked for",
        "the snapshot",
      );
    return body as Item;
  }

  async function collect<Item>(items: AsyncIterable<Item>): Promise<Item[]> {
    const all: Item[] = [];
    for await (const item of items) all.push(item);
    return all;
  }

  const TENANT = ["groupId", "clusterName"] as const;
  const FLEX = ["groupId", "name"] as const;
  const iterateTenantSnapshots = (params: IterateTenantSnapshotsParams) =>
    iterateAll<TenantSnapshot>("listSharedClusterBackups", TENANT, params);
  const iterateFlexSnapshots = (params: IterateFlexSnapshotsParams) =>
    iterateAll<FlexBackupSnapshot>("listFlexBackupSnapshots", FLEX, params);

  return Object.assign(client, {
    getTenantSnapshot: (params: GetTenantSnapshotParams) =>
      getOne<TenantSnapshot>("getSharedClusterBackup", [...TENANT, "snapshotId"], params),
    listTenantSnapshots: async (params: ListTenantSnapshotsParams) =>
      (await listPage("listSharedClusterBackups", TENANT, params)) as TenantSnapshotPage,
    iterateTenantSnapshots,
    listAllTenantSnapshots: async (params: IterateTenantSnapshotsParams) => collect(iterateTenantSnapshots(params)),
    getFlexSnapshot: (params: GetFlexSnapshotParams) =>
      getOne<FlexBackupSnapshot>("getFlexBackupSnapshot", [...FLEX, "snapshotId"], params),
    listFlexSnapshots: async (params: ListFlexSnapshotsParams) =>
      (await listPage("listFlexBackupSnapshots", FLEX, params)) as FlexBackupSnapshotPage,
    iterateFlexSnapshots,
    listAllFlexSnapshots: async (params: IterateFlexSnapshotsParams) => collect(iterateFlexSnapshots(params)),
  });
}

import {
  DEFAULT_BASE_URL,
  type paths,
  QUERY_DEFAULTS,
  SNAPSHOTS_PATH,
  type TenantSnapshot,
  type TenantSnapshotPage,
} from "@atlas-snapshots/types";
import createClient, { type Client } from "openapi-fetch";
import { deprecationNotice } from "./deprecation-notice.js";
import { createDigestFetch } from "./digest/create-digest-fetch.js";
import { createEnvelopeFetch } from "./envelope-fetch.js";
import { AtlasApiError, AtlasResponseError } from "./errors.js";
import { findPageProblem } from "./find-page-problem.js";
import { paginate } from "./paginate.js";
import { printable } from "./printable.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./response-too-large-error.js";
import { createRetryFetch } from "./retry-fetch.js";
import type { FetchLike, Logger } from "./types.js";
import { validateClientOptions, validateSnapshotParams, validateSnapshotRequest } from "./validate.js";

export interface AtlasClientOptions {
  /** Programmatic API public key (the Digest username). */
  publicKey: string;
  /** Programmatic API private key (the Digest password). Held in a closure, never in a property. */
  privateKey: string;
  /** Default `https://cloud.mongodb.com/api/atlas/v1.0`. */
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
  /** Receives retry (`warn`), authentication (`debug`, `warn`) and, once per client, deprecation (`warn`) events. */
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

export type AtlasClient = Client<paths> & {
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
  const digestFetch = createDigestFetch({
    username: options.publicKey,
    password: options.privateKey,
    fetch: createEnvelopeFetch(options.fetch ?? ((input, init) => globalThis.fetch(input, init)), maxResponseBytes),
    logger,
    maxResponseBytes,
  });
  const layeredFetch = createRetryFetch(digestFetch, {
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
  const client = createClient<paths>({ baseUrl: options.baseUrl ?? DEFAULT_BASE_URL, fetch: layeredFetch });
  // Bad input to atlas.GET sends nothing, as with the helpers.
  client.use({
    onRequest({ schemaPath, params }) {
      if (schemaPath === SNAPSHOTS_PATH) validateSnapshotRequest(params.path, params.query);
    },
  });
  client.use(deprecationNotice(logger));

  async function listTenantSnapshots(params: ListTenantSnapshotsParams): Promise<TenantSnapshotPage> {
    validateSnapshotParams(params);
    const { groupId, clusterName, signal: callSignal, ...query } = params;
    // Parsed here rather than by openapi-fetch, so a body that is not JSON is refused naming the request.
    const { data, error, response } = await client.GET(SNAPSHOTS_PATH, {
      params: { path: { groupId, clusterName }, query },
      signal: callSignal,
      parseAs: "text",
    });
    // Path and query, for messages only.
    const url = () => {
      const { pathname, search } = new URL(response.url);
      return pathname + search;
    };
    const apiError = (body: unknown) =>
      AtlasApiError.from({ status: response.status, body, headers: response.headers, method: "GET", url: url() });
    const responseError = (problem: string) => new AtlasResponseError(response.status, `GET ${url()}`, problem);
    if (!response.ok) throw apiError(error);
    let body: unknown;
    try {
      body = JSON.parse(data ?? "");
    } catch (cause) {
      throw responseError(`its body is not JSON (${printable((cause as Error).message, { maxLength: 80 })})`);
    }
    // The spec lets a 200 carry an enveloped error ({status, content}); treat it as the error it is.
    if (typeof body === "object" && body !== null && "content" in body) throw apiError(body);
    // Missing results, or a result without id, would read as an empty or short page and end a listing early.
    const problem = findPageProblem(body);
    if (problem) throw responseError(problem);
    return body as TenantSnapshotPage;
  }

  function iterateTenantSnapshots(
    params: IterateTenantSnapshotsParams,
  ): AsyncGenerator<TenantSnapshot, void, undefined> {
    validateSnapshotParams(params);
    const { groupId, clusterName, itemsPerPage = QUERY_DEFAULTS.itemsPerPage } = params;
    return paginate(
      (pageNum, includeCount, pageSignal) =>
        listTenantSnapshots({ groupId, clusterName, pageNum, itemsPerPage, includeCount, signal: pageSignal }),
      { itemsPerPage, concurrency: params.concurrency ?? concurrency, signal: params.signal },
    );
  }

  async function listAllTenantSnapshots(params: IterateTenantSnapshotsParams): Promise<TenantSnapshot[]> {
    const all: TenantSnapshot[] = [];
    for await (const snapshot of iterateTenantSnapshots(params)) all.push(snapshot);
    return all;
  }

  return Object.assign(client, { listTenantSnapshots, iterateTenantSnapshots, listAllTenantSnapshots });
}

import type { ApiError } from "@atlas-snapshots/types";
import { AtlasError } from "./atlas-error.js";
import { parseRetryAfter } from "./parse-retry-after.js";
import { printable } from "./printable.js";

// The error classes of failures that come with a reply, with their messages. The
// client's own code loads this module with import() when one arrives (lazy-errors.ts):
// a successful listing never downloads it (docs/decisions/0016). The classes that
// must be there at once are in atlas-error.ts; all are exported from here.
export { AtlasConnectionError, AtlasError, AtlasTimeoutError, AtlasValidationError } from "./atlas-error.js";
export { AtlasIncompleteListingError } from "./incomplete-listing-error.js";
export { printable } from "./printable.js";
export { AtlasResponseTooLargeError } from "./response-too-large-error.js";

/** What {@link AtlasApiError.from} builds an error from. */
export interface AtlasApiErrorInit {
  status: number;
  /** The parsed body: an `ApiError`, an envelope `{status, content}`, or text. */
  body?: unknown;
  /** Response headers (never request headers). Spelled out rather than DOM-only `HeadersInit`, so Node-only consumers compile. */
  headers?: Headers | Record<string, string> | [string, string][];
  method?: string;
  /** Path and query of the request. */
  url?: string;
  /** What to do about it; replaces the default hint for the status. */
  hint?: string;
}

const HINTS: Record<number, string> = {
  401: "check publicKey and privateKey",
  403: "the key may not read this project, or this IP address is not on its access list",
  404: "check groupId and clusterName",
  429: "rate limited; wait and retry",
};

/** Atlas answered with an error status. {@link AtlasApiError.from} picks the subclass. */
export class AtlasApiError extends AtlasError {
  override name = "AtlasApiError";
  declare readonly status: number;
  /**
   * Atlas's code, e.g. `CLUSTER_NOT_FOUND`, from the body or else the `X-Error-Code`
   * header. Atlas's Digest 401 has none: the class (from the status) says what it is.
   */
  declare readonly errorCode?: string;
  declare readonly detail?: string;
  declare readonly reason?: string;
  /** The values the error is about (strings or numbers); Atlas sometimes sends `null`. */
  declare readonly parameters?: ApiError["parameters"];
  declare readonly badRequestDetail?: ApiError["badRequestDetail"];
  /** Response headers by lower-case name. */
  declare readonly headers: Record<string, string>;
  /** The response's `X-Request-Id`, when sent. */
  declare readonly requestId?: string;
  declare readonly method?: string;
  declare readonly url?: string;

  constructor({ status, body, headers: rawHeaders, method, url, hint = HINTS[status] }: AtlasApiErrorInit) {
    const api: Partial<ApiError> = body && typeof body === "object" ? body : {};
    const headers = Object.fromEntries(new Headers(rawHeaders));
    // A plain-text body (say, from a proxy) becomes the detail; HTML pages do not.
    const detail =
      (typeof api.detail === "string" ? api.detail : undefined) ??
      (typeof body === "string" && body && body[0] !== "<" ? body.slice(0, 200) : undefined);
    const errorCode = typeof api.errorCode === "string" ? api.errorCode : headers["x-error-code"];
    const reason = typeof api.reason === "string" ? api.reason : undefined;
    const where = method ? ` for ${method} ${url}` : "";
    super(
      `Atlas answered ${status}${errorCode ? ` ${printable(String(errorCode), { maxLength: 80 })}` : ""}${where}${detail ? `: ${printable(String(detail), { maxLength: 300 })}` : ""}${hint ? ` (${hint})` : ""}`,
    );
    const { parameters, badRequestDetail } = api;
    const requestId = headers["x-request-id"];
    Object.assign(this, {
      status,
      errorCode,
      detail,
      reason,
      parameters,
      badRequestDetail,
      headers,
      requestId,
      method,
      url,
    });
  }

  /** The subclass for the status; an envelope's status and content win over the outer ones. */
  static from(init: AtlasApiErrorInit): AtlasApiError {
    const envelope = init.body as { status?: unknown; content?: unknown } | undefined;
    if (typeof envelope?.status === "number" && envelope.content) {
      init = { ...init, status: envelope.status, body: envelope.content };
    }
    const Class = BY_STATUS[init.status] ?? (init.status >= 500 ? AtlasServerError : AtlasApiError);
    return new Class(init);
  }

  /** Reads the body (JSON or text) and builds the subclass for the status. */
  static async fromResponse(
    response: Response,
    extra?: Pick<AtlasApiErrorInit, "method" | "url" | "hint">,
  ): Promise<AtlasApiError> {
    let body: unknown = await response.text().catch(() => "");
    try {
      body = JSON.parse(body as string);
    } catch {}
    return AtlasApiError.from({ status: response.status, body, headers: response.headers, ...extra });
  }
}

/** 400: a parameter was refused; see `badRequestDetail`. */
export class AtlasBadRequestError extends AtlasApiError {
  override name = "AtlasBadRequestError";
}
/** 401: wrong API keys (Digest credentials refused). */
export class AtlasAuthenticationError extends AtlasApiError {
  override name = "AtlasAuthenticationError";
}
/** 403: the key may not read the project, or the caller's IP is not on its access list. */
export class AtlasPermissionError extends AtlasApiError {
  override name = "AtlasPermissionError";
}
/** 404: no such project or cluster. */
export class AtlasNotFoundError extends AtlasApiError {
  override name = "AtlasNotFoundError";
}
/** 500 and above, after retries. */
export class AtlasServerError extends AtlasApiError {
  override name = "AtlasServerError";
}
/** 429, after retries. */
export class AtlasRateLimitError extends AtlasApiError {
  override name = "AtlasRateLimitError";
  /** How long Atlas asked to wait, in **milliseconds** (from `Retry-After` seconds or date). */
  readonly retryAfter = parseRetryAfter(this.headers["retry-after"]);
}

const BY_STATUS: Record<number, typeof AtlasApiError> = {
  400: AtlasBadRequestError,
  401: AtlasAuthenticationError,
  403: AtlasPermissionError,
  404: AtlasNotFoundError,
  429: AtlasRateLimitError,
};

/** A success status whose body is not what the spec promises (e.g. a page without `results`). */
export class AtlasResponseError extends AtlasError {
  override name = "AtlasResponseError";
  constructor(
    /** The HTTP status, when the reply got that far. */
    readonly status: number | undefined,
    /** Method and path, e.g. `GET /api/atlas/v1.0/groups/...`. */
    readonly request: string,
    problem: string,
    expected = "a page of snapshots",
  ) {
    super(`Atlas's ${status ?? ""} reply to ${request} is not ${expected}: ${problem}`.replace("  ", " "));
  }
}

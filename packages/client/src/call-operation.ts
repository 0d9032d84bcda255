import { BASE_PATHS, OPERATIONS, type OperationId, type paths } from "@atlas-snapshots/types";
import type { Client } from "openapi-fetch";
import { loadErrors } from "./lazy-errors.js";

/** `https://host/api/atlas/v1.0/` (the old form) -> `https://host`; a host stays as it is. */
export function hostOf(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, "");
  const known = BASE_PATHS.find((base) => trimmed.endsWith(base));
  return known ? trimmed.slice(0, trimmed.length - known.length) : trimmed;
}

export type CallOperation = (
  id: OperationId,
  params: { path: Record<string, unknown>; query?: Record<string, unknown> },
  signal: AbortSignal | undefined,
) => Promise<{ body: unknown; request: string }>;

/**
 * Calls any operation of the spec through the one openapi-fetch instance, at
 * `host` plus the operation's base path, and returns the parsed 200 body with
 * the request's method and path (for messages).
 * Throws an AtlasApiError subclass on an error status (enveloped or not) and
 * AtlasResponseError when the body is not JSON.
 */
export function createOperationCaller(client: Client<paths>, host: string): CallOperation {
  return async (id, params, signal) => {
    const op = OPERATIONS[id];
    const method = op.method as "GET";
    // Parsed here rather than by openapi-fetch, so a body that is not JSON is refused naming the request.
    const { data, error, response } = await client[method](
      op.path as never,
      {
        params,
        signal,
        parseAs: "text",
        baseUrl: host + op.basePath,
        headers: { Accept: op.accept },
      } as never,
    );
    // Path and query, for messages only.
    const url = () => {
      const { pathname, search } = new URL(response.url);
      return pathname + search;
    };
    const apiError = async (body: unknown) =>
      (await loadErrors()).AtlasApiError.from({
        status: response.status,
        body,
        headers: response.headers,
        method,
        url: url(),
      });
    if (!response.ok) throw await apiError(error);
    let body: unknown;
    try {
      body = JSON.parse((data as string | undefined) ?? "");
    } catch (cause) {
      const { AtlasResponseError, printable } = await loadErrors();
      const problem = `its body is not JSON (${printable((cause as Error).message, { maxLength: 80 })})`;
      throw new AtlasResponseError(response.status, `${method} ${url()}`, problem);
    }
    // The spec lets a 200 carry an enveloped error ({status, content}); treat it as the error it is.
    if (typeof body === "object" && body !== null && "content" in body) throw await apiError(body);
    return { body, request: `${method} ${url()}` };
  };
}

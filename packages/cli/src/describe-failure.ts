import {
  AtlasApiError,
  AtlasAuthenticationError,
  AtlasConnectionError,
  AtlasIncompleteListingError,
  AtlasNotFoundError,
  AtlasPermissionError,
  AtlasRateLimitError,
  AtlasResponseError,
  AtlasResponseTooLargeError,
  AtlasServerError,
  AtlasValidationError,
} from "@atlas-snapshots/client";
import { FLEX_CLUSTER_IN_CLUSTER_API, NON_FLEX_CLUSTER_IN_FLEX_API } from "./api-kind.js";
import { API_BASE_PATHS, isAtlasApiPath } from "./base-url.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import { formatDuration } from "./parse-duration.js";
import { CLIENT_ID_VAR, CLIENT_SECRET_VAR, PRIVATE_KEY_VAR, PUBLIC_KEY_VAR } from "./read-credentials.js";

export interface Failure {
  code: ExitCode;
  message: string;
  /** What to do about it, for people; optional. */
  hint?: string;
}

/** Maps anything thrown to an exit code, a one-line message and a hint. */
export function describeFailure(error: unknown): Failure {
  const message = error instanceof Error ? error.message : String(error);
  // UsageError is an AtlasValidationError too: bad input, from the command line or the client's own checks.
  if (error instanceof AtlasValidationError) return { code: EXIT.usage, message };
  if (error instanceof AtlasAuthenticationError || error instanceof AtlasPermissionError) {
    const hint =
      error instanceof AtlasAuthenticationError
        ? `check ${PUBLIC_KEY_VAR} and ${PRIVATE_KEY_VAR}, or ${CLIENT_ID_VAR} and ${CLIENT_SECRET_VAR} for a service account`
        : "check the key's project roles and its IP access list";
    return { code: EXIT.auth, message, hint };
  }
  if (error instanceof AtlasNotFoundError) {
    // A 404 from a URL that is not Atlas's API path (or without Atlas's errorCode) is about the URL, not the ids.
    if (error.url !== undefined && !isAtlasApiPath(error.url)) {
      return {
        code: EXIT.notFound,
        message,
        hint: `check --base-url: the request went to ${JSON.stringify(error.url.split("?")[0])}, outside Atlas's API paths (${API_BASE_PATHS}); the host alone (https://cloud.mongodb.com) is enough`,
      };
    }
    if (error.errorCode === undefined) {
      return {
        code: EXIT.notFound,
        message,
        hint: "the 404 carries no Atlas error code: check that --base-url points at Atlas (the host alone, https://cloud.mongodb.com, is enough)",
      };
    }
    // describe's request names a snapshot too; the body's parameters say which id Atlas did not find.
    const snapshot = /\/snapshots\/[^/?]+/.test(error.url ?? "") ? "SNAPSHOT_ID, " : "";
    return { code: EXIT.notFound, message, hint: `check ${snapshot}--projectId/--group and --clusterName/--cluster` };
  }
  if (error instanceof AtlasRateLimitError) {
    const wait = error.retryAfter === undefined ? "" : ` (Atlas asked to wait ${formatDuration(error.retryAfter)})`;
    return { code: EXIT.rateLimited, message, hint: `wait and run again${wait}, or raise --retries` };
  }
  if (error instanceof AtlasConnectionError || error instanceof AtlasServerError) {
    const root = rootCause(error);
    const why = root && !message.includes(root) ? ` (${root})` : "";
    return {
      code: EXIT.network,
      message: message + why,
      hint: "check --base-url and the network, or raise --retries / --timeout",
    };
  }
  if (error instanceof AtlasApiError) return { code: EXIT.unexpected, message, hint: wrongApiHint(error.errorCode) };
  // The server broke its own paging promises: nothing was printed as a complete list.
  if (error instanceof AtlasIncompleteListingError) {
    return { code: EXIT.network, message, hint: "run again; if it persists, list page by page with --page" };
  }
  if (error instanceof AtlasResponseTooLargeError) {
    return {
      code: EXIT.unexpected,
      message,
      hint: BASE_URL_HINT,
    };
  }
  // A 200 the client refused as not a page: a proxy, a login page or a wrong URL, not a network fault.
  if (error instanceof AtlasResponseError) {
    return {
      code: EXIT.unexpected,
      message,
      hint: BASE_URL_HINT,
    };
  }
  return { code: EXIT.unexpected, message: `unexpected error: ${message}`, hint: "run with --verbose for details" };
}

const BASE_URL_HINT = "check that --base-url is Atlas's address (the host alone, https://cloud.mongodb.com, is enough)";

/** Atlas's 400 for a cluster of the other kind: only `--api` can cause it (discovery handles the tenant API's). */
function wrongApiHint(errorCode: string | undefined): string | undefined {
  if (errorCode === NON_FLEX_CLUSTER_IN_FLEX_API)
    return "the cluster is not a Flex cluster: use --api tenant, or leave --api out to let atlas-snapshots find out";
  if (errorCode === FLEX_CLUSTER_IN_CLUSTER_API)
    return "the cluster is a Flex cluster: use --api flex, or leave --api out to let atlas-snapshots find out";
  return undefined;
}

/** The innermost cause's message, e.g. `connect ECONNREFUSED 127.0.0.1:9` under fetch's bare "fetch failed". */
function rootCause(error: Error): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error && current.cause !== undefined; depth++)
    current = current.cause;
  return current === error ? undefined : current instanceof Error ? current.message : undefined;
}

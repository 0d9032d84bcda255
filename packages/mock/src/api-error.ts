// Atlas's error bodies (the spec's ApiError), one builder per error the mock sends.
// Shapes follow the replies recorded in spec/fidelity/ (keys in Atlas's order:
// detail, error, errorCode, parameters, reason); the wording of errors no
// recording shows (400 VALIDATION_ERROR, 403, 404 RESOURCE_NOT_FOUND for a snapshot, 405, 500) is the mock's own.
// The two cross-kind 400s are recorded word for word.
import type { ApiError } from "@atlas-snapshots/types";

export const REASON_PHRASES: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
};

/** The errorCode a status gets when nothing more specific applies (forced responses). */
const DEFAULT_ERROR_CODES: Readonly<Record<number, string>> = {
  400: "VALIDATION_ERROR",
  403: "USER_CANNOT_ACCESS_GROUP",
  404: "RESOURCE_NOT_FOUND",
  429: "RATE_LIMITED_TOKEN_BUCKET",
  500: "UNEXPECTED_ERROR",
};

function apiError(
  error: number,
  errorCode: string,
  detail: string,
  parameters: (string | number)[] = [],
): ApiError & { errorCode: string } {
  return { detail, error, errorCode, parameters, reason: REASON_PHRASES[error] ?? "Error" };
}

/** Long values are cut before being echoed back, so a huge input makes no huge body. */
function shown(value: string): string {
  return value.length > 100 ? `${value.slice(0, 100)}...` : value;
}

/**
 * 400 VALIDATION_ERROR naming the refused request field (in `parameters[0]`). No
 * recorded 400 has `badRequestDetail`, so the mock sends none.
 */
export function validationError(field: string, value: string, rule: string, where = "query parameter"): ApiError {
  return apiError(400, "VALIDATION_ERROR", `Invalid ${where} ${field}=${shown(value)}. It ${rule}.`, [
    field,
    shown(value),
  ]);
}

/**
 * The Digest challenge's body, byte for byte as Atlas sends it (recorded: no
 * errorCode, no parameters, Jackson's indentation).
 */
export const NOT_AUTHORIZED_BODY =
  '{\n  "error" : 401,\n  "reason" : "Unauthorized",\n  "detail" : "You are not authorized for this resource."\n}';

export const cannotAccessGroup = (groupId: string): ApiError =>
  apiError(403, "USER_CANNOT_ACCESS_GROUP", `The API key may not access project ${groupId}.`, [groupId]);

export const groupNotFound = (groupId: string): ApiError =>
  apiError(404, "GROUP_NOT_FOUND", `No group with ID ${groupId} exists.`, [groupId]);

export const clusterNotFound = (clusterName: string, groupId: string): ApiError =>
  apiError(404, "CLUSTER_NOT_FOUND", `No cluster named ${clusterName} exists in group ${groupId}.`, [
    clusterName,
    groupId,
  ]);

export const resourceNotFound = (path: string): ApiError =>
  apiError(404, "RESOURCE_NOT_FOUND", `Cannot find resource ${shown(path)}.`, [shown(path)]);

export const methodNotAllowed = (method: string): ApiError =>
  apiError(405, "METHOD_NOT_ALLOWED", `Method ${shown(method)} is not allowed here; this resource answers GET.`, [
    shown(method),
  ]);

/** What a 429 body says about the bucket: MongoDB's documented sample names the endpoint set, capacity and refill. */
export interface BucketInfo {
  /** The endpoint set, as `api/atlas/...` (the mock names it by the request's path: its own choice). */
  endpointSet: string;
  retryAfterSeconds: number;
  capacity: number;
  refillPerMinute: number;
}

/** 429 RATE_LIMITED_TOKEN_BUCKET in the shape of MongoDB's documented sample. */
export const rateLimited = ({ endpointSet, retryAfterSeconds, capacity, refillPerMinute }: BucketInfo): ApiError =>
  apiError(
    429,
    "RATE_LIMITED_TOKEN_BUCKET",
    `Rate limit exceeded for ${shown(endpointSet)}. Please retry after ${retryAfterSeconds} seconds. Request capacity: ${capacity}. Refill rate: ${refillPerMinute} per 60 seconds.`,
    [shown(endpointSet), retryAfterSeconds, capacity, refillPerMinute, 60],
  );

export const unexpectedError = (): ApiError => apiError(500, "UNEXPECTED_ERROR", "Unexpected error.");

/** What a proxy in front of Atlas answers when it cannot reach it; no source shows Atlas itself sending 503. */
export const PROXY_UNAVAILABLE_BODY = "Service Unavailable";

/** The body a forced response gets when the test gave none (a 401 gets Atlas's challenge body). */
export function defaultErrorFor(status: number): ApiError | string {
  if (status === 401) return NOT_AUTHORIZED_BODY;
  if (status === 503) return PROXY_UNAVAILABLE_BODY;
  return apiError(status, DEFAULT_ERROR_CODES[status] ?? "FORCED_RESPONSE", `Forced ${status} response from the mock.`);
}

export const snapshotNotFound = (snapshotId: string, clusterName: string, groupId: string): ApiError =>
  apiError(
    404,
    "RESOURCE_NOT_FOUND",
    `No snapshot with ID ${snapshotId} exists in cluster ${clusterName} of group ${groupId}.`,
    [snapshotId, clusterName, groupId],
  );

/** The Flex API asked about a cluster that is not a Flex cluster (recorded, word for word). */
export const cannotUseNonFlexClusterInFlexApi = (name: string): ApiError =>
  apiError(400, "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API", `Cannot use non-flex cluster ${name} in the flex API.`, [
    name,
  ]);

/**
 * A cluster API asked about a Flex cluster (recorded word for word on the v2 clusters API; that the
 * M2/M5 snapshot operations answer the same way is the spec's reading).
 */
export const cannotUseFlexClusterInClusterApi = (name: string): ApiError =>
  apiError(400, "CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API", `Flex cluster ${name} cannot be used in the Cluster API.`, [
    name,
  ]);

/**
 * 406 for a request to a versioned (v2) operation whose Accept names none of its versions. Not in
 * MongoDB's recordings; the body is the one a public transcript of `atlas api` shows Atlas sending for
 * a version date the resource does not have (spec: components.responses.NotAcceptable).
 */
export const invalidVersion = (): ApiError =>
  apiError(406, "INVALID_VERSION_DATE", "Invalid accept header or version date.", []);

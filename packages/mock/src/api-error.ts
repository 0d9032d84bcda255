// Atlas's error bodies (the spec's ApiError), one builder per error the mock sends.
import type { ApiError } from "@atlas-snapshots/types";

export const REASON_PHRASES: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** The errorCode a status gets when nothing more specific applies (forced responses). */
const DEFAULT_ERROR_CODES: Readonly<Record<number, string>> = {
  400: "VALIDATION_ERROR",
  401: "NOT_AUTHORIZED",
  403: "USER_CANNOT_ACCESS_GROUP",
  404: "RESOURCE_NOT_FOUND",
  429: "RATE_LIMITED",
  500: "UNEXPECTED_ERROR",
  503: "SERVICE_UNAVAILABLE",
};

function apiError(error: number, errorCode: string, detail: string, parameters: unknown[] = []): ApiError {
  return { detail, error, errorCode, parameters, reason: REASON_PHRASES[error] ?? "Error" };
}

/** Long values are cut before being echoed back, so a huge input makes no huge body. */
function shown(value: string): string {
  return value.length > 100 ? `${value.slice(0, 100)}...` : value;
}

/** 400 VALIDATION_ERROR naming the refused request field. */
export function validationError(field: string, value: string, rule: string, where = "query parameter"): ApiError {
  return {
    ...apiError(400, "VALIDATION_ERROR", `Invalid ${where} ${field}=${shown(value)}. It ${rule}.`, [
      field,
      shown(value),
    ]),
    badRequestDetail: { fields: [{ field, description: rule }] },
  };
}

export const notAuthorized = (): ApiError =>
  apiError(401, "NOT_AUTHORIZED", "You are not authorized for this resource.");

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

export const rateLimited = (groupId: string, retryAfterSeconds: number): ApiError =>
  apiError(
    429,
    "RATE_LIMITED",
    `Resource ${groupId} has exceeded its request rate limit. Try again in ${retryAfterSeconds} seconds.`,
    [groupId],
  );

export const unexpectedError = (): ApiError => apiError(500, "UNEXPECTED_ERROR", "Unexpected error.");

export const serviceUnavailable = (): ApiError =>
  apiError(503, "SERVICE_UNAVAILABLE", "Service temporarily unavailable. Try again later.");

/** The body a forced response gets when the test gave none. */
export function defaultErrorFor(status: number): ApiError {
  return apiError(status, DEFAULT_ERROR_CODES[status] ?? "FORCED_RESPONSE", `Forced ${status} response from the mock.`);
}

export const snapshotNotFound = (snapshotId: string, clusterName: string, groupId: string): ApiError =>
  apiError(
    404,
    "RESOURCE_NOT_FOUND",
    `No snapshot with ID ${snapshotId} exists in cluster ${clusterName} of group ${groupId}.`,
    [snapshotId, clusterName, groupId],
  );

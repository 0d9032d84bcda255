// The client.
export {
  type AtlasClient,
  type AtlasClientOptions,
  createAtlasClient,
  type IterateTenantSnapshotsParams,
  type ListTenantSnapshotsParams,
} from "./create-atlas-client.js";
export type { AuthChallenge, DigestFetchOptions, DigestResponseInput } from "./digest.js";
// HTTP Digest on its own (also at "@atlas-snapshots/client/digest").
export { computeDigestResponse, createDigestFetch, parseWwwAuthenticate } from "./digest.js";
// Errors: one base class, a factory-built subclass per status.
export {
  AtlasApiError,
  type AtlasApiErrorInit,
  AtlasAuthenticationError,
  AtlasBadRequestError,
  AtlasConnectionError,
  AtlasError,
  AtlasNotFoundError,
  AtlasPermissionError,
  AtlasRateLimitError,
  AtlasResponseError,
  AtlasServerError,
  AtlasTimeoutError,
  AtlasValidationError,
} from "./errors.js";
export { AtlasIncompleteListingError } from "./incomplete-listing-error.js";
export { type PrintableOptions, printable } from "./printable.js";
export { AtlasResponseTooLargeError } from "./response-too-large-error.js";
export type { FetchLike, Logger } from "./types.js";

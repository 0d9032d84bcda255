// The client.
export {
  type AtlasClient,
  type AtlasClientOptions,
  type AtlasClientSettings,
  createAtlasClient,
  type GetFlexSnapshotParams,
  type GetTenantSnapshotParams,
  type IterateFlexSnapshotsParams,
  type IterateTenantSnapshotsParams,
  type ListFlexSnapshotsParams,
  type ListTenantSnapshotsParams,
} from "./create-atlas-client.js";
// HTTP Digest on its own (also at "@atlas-snapshots/client/digest").
// computeDigestResponse is synchronous, so it carries SHA-256: it is only at
// "@atlas-snapshots/client/digest" (not re-exported through ./digest.js here, which would
// put it, and SHA-256, in the chunk every app loads first).
export { createDigestFetch, type DigestFetchOptions } from "./digest/create-digest-fetch.js";
export type { DigestResponseInput } from "./digest/digest-response.js";
export { type AuthChallenge, parseWwwAuthenticate } from "./digest/parse-www-authenticate.js";
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
// One redaction rule and placeholder, for messages of ours and of the CLI.
export { REDACTED, redact, redactUrlCredentials } from "./redact.js";
export { AtlasResponseTooLargeError } from "./response-too-large-error.js";
export type { FetchLike, Logger } from "./types.js";

// @atlas-snapshots/mock: an Atlas stand-in for the M2/M5 snapshot endpoints (API v1.0) and their Flex successor (API v2).

// The mock
export type { AtlasMockCore } from "./atlas-mock.js";
export { type AtlasMock, createAtlasMock } from "./create-atlas-mock.js";
export { DEFAULT_MOCK_CREDENTIALS, DEFAULT_MOCK_SERVICE_ACCOUNT } from "./default-credentials.js";
export {
  createDefaultData,
  DEFAULT_CLUSTER_NAME,
  DEFAULT_FLEX_CLUSTER_NAME,
  DEFAULT_GROUP_ID,
  DEFAULT_SNAPSHOT_COUNT,
  FLEX_RETAINED_SNAPSHOTS,
  SECOND_CLUSTER_NAME,
  SEED_EXAMPLE_SNAPSHOT,
} from "./default-data.js";
export { DIGEST_REALM } from "./digest-verifier.js";
export { MockDataError, MockStoreError } from "./errors.js";
// Behaviour settings
export { FAULT_KINDS, type FaultKind, type FaultOptions, type LatencyOption } from "./faults.js";
export { replyToResponse, transportFaultOf } from "./fetch-adapter.js";
export type { ForcedResponse } from "./forced-responses.js";
// Data
export { CLUSTER_KINDS, type ClusterKind, type MockCluster, type MockData, type MockGroup } from "./mock-data.js";
// Adapters
export { type AtlasResponseBody, createMswHandlers } from "./msw-handlers.js";
export { NC_WINDOW } from "./nonce-registry.js";
export type { ServiceAccountCredentials } from "./oauth/token-registry.js";
export type { AtlasMockOptions, MockCredential, ResolvedMockOptions } from "./options.js";
export { ATLAS_RATE_LIMIT, type RateLimitOptions } from "./rate-limiter.js";
export type { MockReply, MockRequest, TransportFault } from "./reply.js";
export type { RequestLog, RequestLogEntry } from "./request-log.js";
export type { MockStore } from "./store.js";
export { loadMockData, validateMockData } from "./validate-mock-data.js";

// Friendly names over the generated types. Only this file is hand-written;
// everything under ./generated comes from `pnpm generate`.
import { SNAPSHOT_STATUSES } from "./generated/constants.gen.js";
import type { components, operations, paths } from "./generated/openapi.gen.js";

// The generated OpenAPI types, for openapi-fetch and friends.
export type { components, operations, paths };

type Schemas = components["schemas"];
type Operation = operations["listSharedClusterBackups"];

// Response bodies.
export type TenantSnapshot = Schemas["TenantSnapshot"];
export type TenantSnapshotPage = Schemas["TenantSnapshotPage"];
export type SnapshotStatus = Schemas["SnapshotStatus"];
export type Link = Schemas["Link"];
export type ApiError = Schemas["ApiError"];
export type ApiErrorEnvelope = Schemas["ApiErrorEnvelope"];
export type BadRequestField = Schemas["BadRequestField"];

// Request parameters.
export type TenantSnapshotPathParams = Operation["parameters"]["path"];
export type TenantSnapshotQuery = NonNullable<Operation["parameters"]["query"]>;

// Runtime values read from the spec.
export {
  CLUSTER_NAME_MAX_LENGTH,
  CLUSTER_NAME_PATTERN,
  DEFAULT_BASE_URL,
  DEPRECATED,
  DOCUMENTED_STATUS_CODES,
  GROUP_ID_PATTERN,
  ITEMS_PER_PAGE_MAX,
  ITEMS_PER_PAGE_MIN,
  OPERATION_ID,
  PAGE_NUM_MIN,
  QUERY_DEFAULTS,
  SNAPSHOT_STATUSES,
  SNAPSHOTS_PATH,
  SUCCESSOR,
  SUNSET_DATE,
} from "./generated/constants.gen.js";

/** True when `value` is one of the statuses the spec lists. */
export function isSnapshotStatus(value: unknown): value is SnapshotStatus {
  return (SNAPSHOT_STATUSES as readonly unknown[]).includes(value);
}

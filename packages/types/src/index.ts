// Friendly names over the generated types. Only this file is hand-written;
// everything under ./generated comes from `pnpm generate`.
import { ENUMS } from "./generated/constants.gen.js";
import type { components, operations, paths } from "./generated/openapi.gen.js";
import { OPERATIONS } from "./generated/operations.gen.js";

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

// Runtime values read from the spec: shared rules, the operation table, validators.
export {
  CLUSTER_NAME_MAX_LENGTH,
  CLUSTER_NAME_PATTERN,
  CLUSTER_NAME_RULE,
  DEFAULT_BASE_URL,
  DEFAULT_HOST,
  ENUMS,
  GROUP_ID_PATTERN,
  GROUP_ID_RULE,
  ITEMS_PER_PAGE_MAX,
  ITEMS_PER_PAGE_MIN,
  ITEMS_PER_PAGE_RULE,
  PAGE_NUM_MIN,
  PAGE_NUM_RULE,
} from "./generated/constants.gen.js";
export {
  BASE_PATHS,
  OPERATIONS,
  type OperationId,
  type OperationInputs,
  type OperationResolvers,
} from "./generated/operations.gen.js";
export * from "./generated/validators.gen.js";

export const SNAPSHOT_STATUSES = ENUMS.SnapshotStatus;

// The listing operation's facts under the names the packages already use.
const LIST = OPERATIONS.listSharedClusterBackups;
export const OPERATION_ID = LIST.operationId;
export const SNAPSHOTS_PATH = LIST.path;
export const DOCUMENTED_STATUS_CODES = LIST.statuses;
export const DEPRECATED = LIST.deprecated;
export const SUNSET_DATE = LIST.sunset;
/** Each query parameter's default, e.g. `{ pageNum: 1, itemsPerPage: 100, ... }`. */
export const QUERY_DEFAULTS = {
  pageNum: LIST.parameters.pageNum.default,
  itemsPerPage: LIST.parameters.itemsPerPage.default,
  includeCount: LIST.parameters.includeCount.default,
  pretty: LIST.parameters.pretty.default,
  envelope: LIST.parameters.envelope.default,
} as const;

/** True when `value` is one of the statuses the spec lists. */
export function isSnapshotStatus(value: unknown): value is SnapshotStatus {
  return (SNAPSHOT_STATUSES as readonly unknown[]).includes(value);
}

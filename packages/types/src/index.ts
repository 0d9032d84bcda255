// Friendly names over the generated types. Only this file is hand-written;
// everything under ./generated comes from `pnpm generate`.
import { ENUMS } from "./generated/constants.gen.js";
import type { components, operations, paths } from "./generated/openapi.gen.js";
import { OPERATION_DETAILS, OPERATIONS } from "./generated/operations.gen.js";

// The generated OpenAPI types, for openapi-fetch and friends.
export type { components, operations, paths };

type Schemas = components["schemas"];
type Operation = operations["listSharedClusterBackups"];

// Response bodies.
export type TenantSnapshot = Schemas["TenantSnapshot"];
export type TenantSnapshotPage = Schemas["TenantSnapshotPage"];
/** A Flex cluster's snapshot (API v2): the same fields as a shared-tier one. */
export type FlexBackupSnapshot = Schemas["FlexBackupSnapshot"];
export type FlexBackupSnapshotPage = Schemas["FlexBackupSnapshotPage"];
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
  FLEX_CLUSTER_NAME_RULE,
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
  OPERATION_DETAILS,
  OPERATIONS,
  type OperationId,
  type OperationInputs,
  type OperationResolvers,
} from "./generated/operations.gen.js";
export * from "./generated/validators.gen.js";

// The listing operation's facts under the names the packages already use. Each is a call marked pure,
// so a bundle keeps only those its program reads (a property read would keep them all, and the details).
const LIST = "listSharedClusterBackups";
const read = <T>(value: () => T): T => value();
export const SNAPSHOT_STATUSES = /* @__PURE__ */ read(() => ENUMS.SnapshotStatus);
export const OPERATION_ID = LIST;
export const SNAPSHOTS_PATH = /* @__PURE__ */ read(() => OPERATIONS[LIST].path);
export const DOCUMENTED_STATUS_CODES = /* @__PURE__ */ read(() => OPERATION_DETAILS[LIST].statuses);
export const DEPRECATED = /* @__PURE__ */ read(() => OPERATION_DETAILS[LIST].deprecated);
export const SUNSET_DATE = /* @__PURE__ */ read(() => OPERATION_DETAILS[LIST].sunset);
/** The operation that replaces it (spec `x-successor`). */
export const SUCCESSOR = /* @__PURE__ */ read(() => OPERATION_DETAILS[LIST].successor);
/** Each query parameter's default, e.g. `{ pageNum: 1, itemsPerPage: 100, ... }`. */
export const QUERY_DEFAULTS = /* @__PURE__ */ read(() => {
  const { pageNum, itemsPerPage, includeCount, pretty, envelope } = OPERATIONS[LIST].parameters;
  return {
    pageNum: pageNum.default,
    itemsPerPage: itemsPerPage.default,
    includeCount: includeCount.default,
    pretty: pretty.default,
    envelope: envelope.default,
  } as const;
});

/** True when `value` is one of the statuses the spec lists. */
export function isSnapshotStatus(value: unknown): value is SnapshotStatus {
  return (SNAPSHOT_STATUSES as readonly unknown[]).includes(value);
}

import { deref, type OpenApiDocument } from "./load-spec.ts";

interface Schema {
  type?: string;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  default?: unknown;
}
interface Parameter {
  name: string;
  in: string;
  schema: Schema;
}
interface Operation {
  operationId: string;
  parameters: Parameter[];
  responses: Record<string, unknown>;
  deprecated?: boolean;
  "x-sunset"?: string;
  "x-successor"?: string;
}

const OPERATION_PATH = "/groups/{groupId}/clusters/{clusterName}/backup/tenant/snapshots";

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`spec/openapi.yaml: ${what} is missing`);
  return value;
}

function literal(value: unknown): string {
  return JSON.stringify(value);
}

/**
 * Renders the runtime constants that the client, mock and CLI read from the
 * spec: so a change to a limit or an enum reaches them through `pnpm generate`.
 */
export function renderConstants(doc: OpenApiDocument): string {
  const servers = must(doc.servers as { url: string }[] | undefined, "servers");
  const paths = must(doc.paths as Record<string, { get?: unknown }> | undefined, "paths");
  const op = deref<Operation>(doc, must(paths[OPERATION_PATH]?.get, `GET ${OPERATION_PATH}`));
  const param = (name: string) =>
    must(
      op.parameters.find((p) => p.name === name),
      `parameter ${name}`,
    ).schema;
  const schemas = must(
    (doc.components as { schemas?: Record<string, Schema> } | undefined)?.schemas,
    "components.schemas",
  );
  const statuses = must(schemas.SnapshotStatus?.enum, "SnapshotStatus.enum");
  const groupId = param("groupId");
  const clusterName = param("clusterName");
  const pageNum = param("pageNum");
  const itemsPerPage = param("itemsPerPage");

  const lines = [
    `/** Server URL of Atlas's v1.0 Administration API (spec \`servers[0]\`). */`,
    `export const DEFAULT_BASE_URL = ${literal(must(servers[0], "servers[0]").url)};`,
    "",
    "/** The operation's path template and id. */",
    `export const SNAPSHOTS_PATH = ${literal(OPERATION_PATH)};`,
    `export const OPERATION_ID = ${literal(op.operationId)};`,
    "",
    "/** Every snapshot status the spec allows, in the spec's order. */",
    `export const SNAPSHOT_STATUSES = ${literal(statuses)} as const;`,
    "",
    "/** Path parameter rules. */",
    `export const GROUP_ID_PATTERN = ${literal(must(groupId.pattern, "groupId pattern"))};`,
    `export const CLUSTER_NAME_PATTERN = ${literal(must(clusterName.pattern, "clusterName pattern"))};`,
    `export const CLUSTER_NAME_MAX_LENGTH = ${literal(must(clusterName.maxLength, "clusterName maxLength"))};`,
    "",
    "/** Query parameter limits and defaults. */",
    `export const PAGE_NUM_MIN = ${literal(must(pageNum.minimum, "pageNum minimum"))};`,
    `export const ITEMS_PER_PAGE_MIN = ${literal(must(itemsPerPage.minimum, "itemsPerPage minimum"))};`,
    `export const ITEMS_PER_PAGE_MAX = ${literal(must(itemsPerPage.maximum, "itemsPerPage maximum"))};`,
    "export const QUERY_DEFAULTS = {",
    ...["pageNum", "itemsPerPage", "includeCount", "pretty", "envelope"].map(
      (name) => `  ${name}: ${literal(must(param(name).default, `${name} default`))},`,
    ),
    "} as const;",
    "",
    "/** HTTP statuses the operation documents. */",
    `export const DOCUMENTED_STATUS_CODES = ${literal(Object.keys(op.responses).map(Number))} as const;`,
    "",
    "/** MongoDB's announced end of life for this v1.0 endpoint. */",
    `export const DEPRECATED = ${literal(op.deprecated === true)};`,
    `export const SUNSET_DATE = ${literal(op["x-sunset"] ?? null)};`,
    "/** The operation that replaces it (spec `x-successor`). */",
    `export const SUCCESSOR = ${literal(op["x-successor"] ?? null)};`,
    "",
  ];
  return lines.join("\n");
}

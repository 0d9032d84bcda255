// The parts of an OpenAPI 3.0 document the generators read, walked generically:
// every operation, its parameters and its responses, whatever the spec holds.
import { deref, type OpenApiDocument } from "./load-spec.ts";

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  default?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
  /** Our extension: the rule in words, where the keywords alone would read badly (a pattern). */
  "x-rule"?: string;
}

export interface ParameterModel {
  name: string;
  in: "path" | "query";
  required: boolean;
  /** The schema as written ($ref kept), for validators that call named ones. */
  schema: Schema;
  /** The schema with every $ref followed, for limits and defaults. */
  resolved: Schema;
}

export interface OperationModel {
  operationId: string;
  method: string;
  path: string;
  /** Absolute server URL (operation, path or document `servers[0]`). */
  serverUrl: string;
  parameters: ParameterModel[];
  /** What the request's Accept names: the 2xx bodies' media types, then (q=0.5) those only errors use. */
  accept: string[];
  /** Documented status -> media type -> schema as written. */
  responses: Record<string, Record<string, Schema>>;
  deprecated: boolean;
  sunset: string | undefined;
  /** The operation that replaces it (`x-successor`). */
  successor: string | undefined;
}

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"] as const;

function fail(what: string): never {
  throw new Error(`spec/openapi.yaml: ${what}`);
}

/** Atlas's versioned media types, e.g. `application/vnd.atlas.2024-11-13+json`. */
const VERSIONED_MEDIA_TYPE = /^application\/vnd\.atlas\.\d{4}-\d{2}-\d{2}\+json$/;

function serverOf(node: unknown): string | undefined {
  const servers = (node as { servers?: { url?: string }[] } | undefined)?.servers;
  return servers?.[0]?.url;
}

/** Every operation of the spec, in document order. */
export function readOperations(doc: OpenApiDocument): OperationModel[] {
  const paths = (doc.paths ?? fail("paths is missing")) as Record<string, Record<string, unknown>>;
  const out: OperationModel[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const raw = item[method] as Record<string, unknown> | undefined;
      if (!raw) continue;
      const operationId = (raw.operationId as string | undefined) ?? fail(`${method} ${path} has no operationId`);
      const serverUrl = serverOf(raw) ?? serverOf(item) ?? serverOf(doc) ?? fail("servers is missing");
      const params = [...((item.parameters as unknown[]) ?? []), ...((raw.parameters as unknown[]) ?? [])];
      const parameters = params.map((p) => {
        const param = deref<{ name: string; in: string; required?: boolean; schema: Schema }>(doc, p);
        if (param.in !== "path" && param.in !== "query")
          fail(`${operationId}: ${param.in} parameters are not supported`);
        return {
          name: param.name,
          in: param.in,
          required: param.required === true,
          schema: rawSchemaOf(doc, p) ?? param.schema,
          resolved: deref<Schema>(doc, param.schema),
        } satisfies ParameterModel;
      });
      const responses: Record<string, Record<string, Schema>> = {};
      for (const [status, response] of Object.entries((raw.responses ?? {}) as Record<string, unknown>)) {
        responses[status] = {};
        for (const [type, media] of Object.entries(rawContentOf(doc, response) ?? {})) {
          responses[status][type] = ((media as { schema?: Schema }).schema ?? {}) as Schema;
        }
      }
      const typesOf = (success: boolean) =>
        Object.entries(responses)
          .filter(([status]) => status.startsWith("2") === success)
          .flatMap(([, types]) => Object.keys(types));
      const wanted = new Set(typesOf(true));
      // Other types only errors come in (a proxy's text/plain 503) are read too, so they are named, below the rest.
      const alsoRead = [...new Set(typesOf(false))].filter((type) => !wanted.has(type));
      // A versioned type (Atlas v2) is the whole Accept: Atlas picks the resource's version from it,
      // and sends errors as application/json whatever the request accepts.
      const versioned = [...wanted].filter((type) => VERSIONED_MEDIA_TYPE.test(type));
      const accept = versioned.length > 0 ? versioned : [...wanted, ...alsoRead.map((type) => `${type};q=0.5`)];
      out.push({
        operationId,
        method: method.toUpperCase(),
        path,
        serverUrl,
        parameters,
        accept,
        responses,
        deprecated: raw.deprecated === true,
        sunset: raw["x-sunset"] as string | undefined,
        successor: raw["x-successor"] as string | undefined,
      });
    }
  }
  return out;
}

/** A parameter's schema with its own $refs kept (so validators call the named schema). */
function rawSchemaOf(doc: OpenApiDocument, param: unknown): Schema | undefined {
  let node = param as { $ref?: string; schema?: Schema };
  while (node.$ref) node = resolveOne(doc, node.$ref) as typeof node;
  return node.schema;
}

/** A response's `content` with the schemas' $refs kept. */
function rawContentOf(doc: OpenApiDocument, response: unknown): Record<string, unknown> | undefined {
  let node = response as { $ref?: string; content?: Record<string, unknown> };
  while (node.$ref) node = resolveOne(doc, node.$ref) as typeof node;
  return node.content;
}

function resolveOne(doc: OpenApiDocument, ref: string): unknown {
  return ref
    .slice(2)
    .split("/")
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], doc);
}

/** The schemas under components.schemas, as written. */
export function componentSchemas(doc: OpenApiDocument): Record<string, Schema> {
  return ((doc.components as { schemas?: Record<string, Schema> } | undefined)?.schemas ?? {}) as Record<
    string,
    Schema
  >;
}

/** `#/components/schemas/Name` -> `Name`. */
export function refName(ref: string): string {
  const name = /^#\/components\/schemas\/([^/]+)$/.exec(ref)?.[1];
  return name ?? fail(`unsupported $ref ${ref} in a schema`);
}

/** A paged operation: pageNum and itemsPerPage in its query, a `results` array in its 200 body. */
export function isPaged(doc: OpenApiDocument, op: OperationModel): boolean {
  const query = new Set(op.parameters.filter((p) => p.in === "query").map((p) => p.name));
  if (!query.has("pageNum") || !query.has("itemsPerPage")) return false;
  const schemas = Object.values(op.responses["200"] ?? {}).flatMap((s) => {
    const resolved = deref<Schema>(doc, s);
    return resolved.oneOf ?? [resolved];
  });
  // `allOf: [$ref]` (a schema that only renames another) has the properties of what it names.
  const hasResults = (s: Schema): boolean =>
    s.properties?.results?.type === "array" || (s.allOf ?? []).some((part) => hasResults(deref<Schema>(doc, part)));
  return schemas.some((s) => hasResults(deref<Schema>(doc, s)));
}

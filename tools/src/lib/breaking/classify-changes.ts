import { deref, type OpenApiDocument } from "../load-spec.ts";

/** One change that can break someone who consumes the API. */
export interface BreakingChange {
  rule:
    | "removed-operation"
    | "removed-parameter"
    | "new-required-parameter"
    | "removed-field"
    | "field-no-longer-required"
    | "new-required-field"
    | "removed-enum-value"
    | "narrowed-type"
    | "narrowed-constraint"
    | "removed-response";
  /** Where, e.g. `GET /groups/... response 200 .results[].mongoDBVersion`. */
  where: string;
  message: string;
}

type Direction = "request" | "response";
interface Schema {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/**
 * Lists the changes from `base` to `head` that break consumers. Additive
 * changes (new optional fields, parameters, enum values, responses) pass.
 */
export function classifyChanges(baseDoc: OpenApiDocument, headDoc: OpenApiDocument): BreakingChange[] {
  const base = deref<{ paths?: Record<string, Record<string, Operation>> }>(baseDoc, baseDoc);
  const head = deref<{ paths?: Record<string, Record<string, Operation>> }>(headDoc, headDoc);
  const found: BreakingChange[] = [];
  for (const [path, baseItem] of Object.entries(base.paths ?? {})) {
    for (const method of METHODS) {
      const baseOp = baseItem[method];
      if (!baseOp) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const headOp = head.paths?.[path]?.[method];
      if (!headOp) {
        found.push({ rule: "removed-operation", where, message: `${where} was removed` });
        continue;
      }
      compareParameters(baseOp.parameters ?? [], headOp.parameters ?? [], where, found);
      compareResponses(baseOp, headOp, where, found);
    }
  }
  return found;
}

function compareParameters(base: Parameter[], head: Parameter[], op: string, found: BreakingChange[]): void {
  const key = (p: Parameter) => `${p.in}.${p.name}`;
  const headByKey = new Map(head.map((p) => [key(p), p]));
  for (const b of base) {
    const where = `${op} parameter ${key(b)}`;
    const h = headByKey.get(key(b));
    if (!h) {
      found.push({ rule: "removed-parameter", where, message: `${b.in} parameter "${b.name}" was removed` });
      continue;
    }
    if (h.required && !b.required) {
      found.push({ rule: "new-required-parameter", where, message: `${b.in} parameter "${b.name}" became required` });
    }
    if (b.schema && h.schema) compareSchema(b.schema, h.schema, "request", where, "", found);
  }
  const baseKeys = new Set(base.map(key));
  for (const h of head) {
    if (h.required && !baseKeys.has(key(h))) {
      const where = `${op} parameter ${key(h)}`;
      found.push({ rule: "new-required-parameter", where, message: `new required ${h.in} parameter "${h.name}"` });
    }
  }
}

function compareResponses(base: Operation, head: Operation, op: string, found: BreakingChange[]): void {
  for (const [status, baseResponse] of Object.entries(base.responses ?? {})) {
    const where = `${op} response ${status}`;
    const headResponse = head.responses?.[status];
    if (!headResponse) {
      found.push({ rule: "removed-response", where, message: `response ${status} is no longer documented` });
      continue;
    }
    for (const [mediaType, media] of Object.entries(baseResponse.content ?? {})) {
      const headSchema = headResponse.content?.[mediaType]?.schema;
      if (media.schema && headSchema)
        compareSchema(media.schema, headSchema, "response", `${where} ${mediaType}`, "", found);
    }
  }
}

function compareSchema(
  base: Schema,
  head: Schema,
  direction: Direction,
  where: string,
  at: string,
  found: BreakingChange[],
): void {
  const place = `${where} ${at || "(body)"}`.trim();
  const add = (rule: BreakingChange["rule"], message: string) => found.push({ rule, where: place, message });

  if (base.type && head.type && base.type !== head.type) {
    // A request may widen integer to number; anything else changes what is accepted or sent.
    const widening = direction === "request" && base.type === "integer" && head.type === "number";
    if (!widening) add("narrowed-type", `type changed from ${base.type} to ${head.type}`);
  } else if (!base.type && head.type) {
    add("narrowed-type", `type narrowed from any to ${head.type}`);
  }

  if (base.enum) {
    const kept = new Set(head.enum ?? base.enum);
    for (const value of base.enum) {
      if (!kept.has(value)) add("removed-enum-value", `enum value ${JSON.stringify(value)} was removed`);
    }
  } else if (head.enum && direction === "request") {
    add("narrowed-constraint", "values are now restricted to an enum");
  }

  if (direction === "request") compareRequestConstraints(base, head, add);

  for (const [name, baseProp] of Object.entries(base.properties ?? {})) {
    const headProp = head.properties?.[name];
    const fieldAt = `${at}.${name}`;
    if (!headProp) {
      found.push({
        rule: "removed-field",
        where: `${where} ${fieldAt}`,
        message: `field "${name}" was removed or renamed`,
      });
      continue;
    }
    const wasRequired = base.required?.includes(name) ?? false;
    const isRequired = head.required?.includes(name) ?? false;
    if (direction === "response" && wasRequired && !isRequired) {
      found.push({
        rule: "field-no-longer-required",
        where: `${where} ${fieldAt}`,
        message: `field "${name}" is no longer always present`,
      });
    }
    if (direction === "request" && isRequired && !wasRequired) {
      found.push({
        rule: "new-required-field",
        where: `${where} ${fieldAt}`,
        message: `field "${name}" became required`,
      });
    }
    compareSchema(baseProp, headProp, direction, where, fieldAt, found);
  }
  if (direction === "request") {
    for (const name of head.required ?? []) {
      if (!base.properties?.[name] && head.properties?.[name]) {
        found.push({
          rule: "new-required-field",
          where: `${where} ${at}.${name}`,
          message: `new required field "${name}"`,
        });
      }
    }
  }

  if (base.items && head.items) compareSchema(base.items, head.items, direction, where, `${at}[]`, found);
  for (const key of ["oneOf", "anyOf", "allOf"] as const) {
    const baseList = base[key] ?? [];
    const headList = head[key] ?? [];
    baseList.forEach((branch, i) => {
      const headBranch = headList[i];
      if (headBranch) compareSchema(branch, headBranch, direction, where, `${at}<${key}[${i}]>`, found);
      else add("narrowed-type", `${key} branch ${i} was removed`);
    });
  }
}

/** What a request may send can only stay the same or grow. */
function compareRequestConstraints(base: Schema, head: Schema, add: (rule: "narrowed-constraint", m: string) => void) {
  const lower = (name: "minimum" | "minLength" | "minItems") => {
    const b = base[name];
    const h = head[name];
    if (h !== undefined && (b === undefined || h > b))
      add("narrowed-constraint", `${name} raised from ${b ?? "none"} to ${h}`);
  };
  const upper = (name: "maximum" | "maxLength" | "maxItems") => {
    const b = base[name];
    const h = head[name];
    if (h !== undefined && (b === undefined || h < b))
      add("narrowed-constraint", `${name} lowered from ${b ?? "none"} to ${h}`);
  };
  lower("minimum");
  lower("minLength");
  lower("minItems");
  upper("maximum");
  upper("maxLength");
  upper("maxItems");
  if (head.pattern !== undefined && head.pattern !== base.pattern) {
    add("narrowed-constraint", `pattern changed from ${base.pattern ?? "none"} to ${head.pattern}`);
  }
  if (head.format !== undefined && head.format !== base.format) {
    add("narrowed-constraint", `format changed from ${base.format ?? "none"} to ${head.format}`);
  }
}

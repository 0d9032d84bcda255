// Compiles the spec's schemas into plain TypeScript checks: no schema compiler
// at run time, one function per named schema (so a bundler keeps only those a
// program calls), and one message format: `{ path, problem }`, read as "path problem".
import { deref, type OpenApiDocument } from "./load-spec.ts";
import { componentSchemas, type OperationModel, refName, type Schema } from "./spec-model.ts";

const lit = (value: unknown) => JSON.stringify(value);
const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** The rule a schema states, in words: `x-rule` when the spec gives one, else from its keywords. */
export function ruleOf(doc: OpenApiDocument, schema: Schema): string {
  const s = deref<Schema>(doc, schema);
  if (s["x-rule"]) return s["x-rule"];
  // `allOf: [$ref]` is how OpenAPI 3.0 adds a description to a reference: the referenced rule.
  if (s.allOf?.length === 1) return ruleOf(doc, s.allOf[0] as Schema);
  if (s.enum) return `must be one of ${s.enum.join(", ")}`;
  switch (s.type) {
    case "integer":
    case "number": {
      const kind = s.type === "integer" ? "an integer" : "a number";
      if (s.minimum !== undefined && s.maximum !== undefined)
        return `must be ${kind} from ${s.minimum} to ${s.maximum}`;
      if (s.minimum !== undefined) return `must be ${kind} of at least ${s.minimum}`;
      if (s.maximum !== undefined) return `must be ${kind} of at most ${s.maximum}`;
      return `must be ${kind}`;
    }
    case "boolean":
      return "must be true or false";
    case "array":
      return "must be an array";
    case "object":
      return "must be an object";
    case "string": {
      const { minLength: min, maxLength: max, pattern } = s;
      const length =
        min !== undefined && min === max
          ? ` of ${min} characters`
          : max !== undefined
            ? ` of ${min ?? 0} to ${max} characters`
            : "";
      if (pattern) return `must be a string${length} matching ${pattern}`;
      if (s.format === "uri") return "must be an absolute URL";
      if (min === 1 && max === undefined) return "must be a non-empty string";
      return `must be a string${length}`;
    }
    default:
      return "must be a valid value";
  }
}

/** Renders validators.gen.ts: a check per component schema and per operation parameter. */
export function renderValidators(doc: OpenApiDocument, operations: OperationModel[]): string {
  const out: string[] = [
    "/** What is wrong and where: `path` (e.g. `.results[3].id`, or a parameter's name) then `problem`. */",
    "export interface Problem {",
    "  path: string;",
    "  problem: string;",
    "}",
    "",
    "const isObject = (v: unknown): v is Record<string, unknown> =>",
    '  typeof v === "object" && v !== null && !Array.isArray(v);',
    "",
    "/** A date-time that names a real instant: Date.parse rolls 2019-02-30 over to March, a round trip catches it. */",
    "const isDateTime = (v: string): boolean => {",
    "  const ms = Date.parse(v);",
    "  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 19) === v.slice(0, 19);",
    "};",
    "",
  ];
  let helpers = 0;
  const extra: string[] = [];

  /** Statements that return a Problem for `v` at path `p`, or fall through. */
  function checks(schema: Schema, owner: string): string[] {
    if (schema.$ref) {
      return [`{ const r = check${refName(schema.$ref)}(v, p); if (r) return r; }`];
    }
    const fail = `return { path: p, problem: ${lit(ruleOf(doc, schema))} };`;
    if (schema.nullable) {
      const { nullable: _, ...rest } = schema;
      return ["if (v === null) return undefined;", ...checks(rest, owner)];
    }
    if (schema.allOf) {
      return schema.allOf.map((part) => `{ const r = ${helper(part, owner)}(v, p); if (r) return r; }`);
    }
    if (schema.oneOf) {
      const names = schema.oneOf.map((alt) => helper(alt, owner));
      return [
        `{ const rs = [${names.map((n) => `${n}(v, p)`).join(", ")}];`,
        "  if (rs.some((r) => r === undefined)) return undefined;",
        "  return rs.reduce((a, b) => ((b as Problem).path.length > (a as Problem).path.length ? b : a)); }",
      ];
    }
    const lines: string[] = [];
    const conds: string[] = [];
    switch (schema.type) {
      case "string":
        conds.push('typeof v !== "string"');
        if (schema.minLength !== undefined) conds.push(`v.length < ${schema.minLength}`);
        if (schema.maxLength !== undefined) conds.push(`v.length > ${schema.maxLength}`);
        if (schema.pattern) conds.push(`!/${schema.pattern.replaceAll("/", "\\/")}/.test(v)`);
        if (schema.enum) conds.push(`!${lit(schema.enum)}.includes(v)`);
        if (schema.format === "date-time") conds.push("!isDateTime(v)");
        if (schema.format === "uri") conds.push("!URL.canParse(v)");
        break;
      case "integer":
      case "number":
        conds.push(
          schema.type === "integer" ? "!Number.isSafeInteger(v)" : '(typeof v !== "number" || !Number.isFinite(v))',
        );
        if (schema.minimum !== undefined) conds.push(`(v as number) < ${schema.minimum}`);
        if (schema.maximum !== undefined) conds.push(`(v as number) > ${schema.maximum}`);
        break;
      case "boolean":
        conds.push('typeof v !== "boolean"');
        break;
      case "array": {
        lines.push(`if (!Array.isArray(v)) ${fail}`);
        if (schema.items && Object.keys(schema.items).length > 0) {
          const item = helper(schema.items, owner);
          lines.push(
            `for (let i = 0; i < v.length; i++) { const r = ${item}(v[i], \`\${p}[\${i}]\`); if (r) return r; }`,
          );
        }
        return lines;
      }
      case "object": {
        lines.push(`if (!isObject(v)) ${fail}`);
        const props = schema.properties ?? {};
        if (schema.additionalProperties === false) {
          lines.push(
            `for (const k of Object.keys(v)) if (!${lit(Object.keys(props))}.includes(k)) return { path: \`\${p}.\${k}\`, problem: ${lit(`is not ${/^[AEIOU]/.test(owner) ? "an" : "a"} ${owner} field`)} };`,
          );
        }
        for (const [key, prop] of Object.entries(props)) {
          const name = helper(prop, `${owner}`);
          const call = `{ const r = ${name}(v[${lit(key)}], \`\${p}.${key}\`); if (r) return r; }`;
          lines.push(schema.required?.includes(key) ? call : `if (v[${lit(key)}] !== undefined) ${call}`);
        }
        return lines;
      }
      default:
        return [];
    }
    if (conds.length > 0) lines.push(`if (${conds.join(" || ")}) ${fail}`);
    return lines;
  }

  /** A function name checking `schema`: the named one for a $ref, else a local helper. */
  function helper(schema: Schema, owner: string): string {
    if (schema.$ref) return `check${refName(schema.$ref)}`;
    const name = `check${owner}_${++helpers}`;
    extra.push(fn(name, schema, owner, false));
    return name;
  }

  function fn(name: string, schema: Schema, owner: string, exported: boolean, defaultPath = ""): string {
    return [
      `${exported ? "export " : ""}function ${name}(v: unknown, p = ${lit(defaultPath)}): Problem | undefined {`,
      ...checks(schema, owner).map((l) => `  ${l}`),
      "  return undefined;",
      "}",
      "",
    ].join("\n");
  }

  for (const [name, schema] of Object.entries(componentSchemas(doc))) {
    out.push(`/** components.schemas.${name}: ${ruleOf(doc, schema)}. */`);
    out.push(fn(`check${name}`, schema, name, true));
  }
  for (const [name, schema] of parameterChecks(operations)) {
    out.push(`/** Parameter ${schema.param}: ${ruleOf(doc, schema.schema)}. */`);
    out.push(fn(name, schema.schema, pascal(schema.param), true, schema.param));
  }
  return [...out, ...extra].join("\n");
}

/** One check per distinct parameter: `checkParam<Name>`, suffixed with the operation when two differ. */
export function parameterChecks(
  operations: OperationModel[],
): Map<string, { param: string; schema: Schema; key: string }> {
  const byName = new Map<string, { param: string; schema: Schema; key: string }>();
  for (const op of operations) {
    for (const p of op.parameters) {
      const key = JSON.stringify(p.schema);
      let name = `checkParam${pascal(p.name)}`;
      const seen = byName.get(name);
      if (seen && seen.key !== key) name = `${name}_${op.operationId}`;
      byName.set(name, { param: p.name, schema: p.schema, key });
    }
  }
  return byName;
}

/** The check's name for one operation's parameter (see parameterChecks). */
export function parameterCheckName(
  checks: Map<string, { key: string }>,
  op: OperationModel,
  param: OperationModel["parameters"][number],
): string {
  const base = `checkParam${pascal(param.name)}`;
  return checks.get(base)?.key === JSON.stringify(param.schema) ? base : `${base}_${op.operationId}`;
}

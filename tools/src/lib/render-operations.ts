// The operation table: everything the client and the mock need to know about
// each operation's shape, so neither hard-codes a path, a parameter or a status.
import type { OpenApiDocument } from "./load-spec.ts";
import { parameterCheckName, parameterChecks, ruleOf } from "./render-validators.ts";
import { isPaged, type OperationModel } from "./spec-model.ts";

const lit = (value: unknown) => JSON.stringify(value);

function tsType(type: string | undefined): string {
  if (type === "integer" || type === "number") return "number";
  if (type === "boolean") return "boolean";
  return "string";
}

/** Renders operations.gen.ts from the spec's operations. */
export function renderOperations(doc: OpenApiDocument, operations: OperationModel[]): string {
  const checks = parameterChecks(operations);
  const names = [...checks.keys()].sort();
  // One object per distinct parameter, shared by the operations that use it: the table stays
  // about a line per operation, however many parameters they share.
  const shared = new Map<string, string>(); // rendered fields -> const name
  const parameterConst = (op: OperationModel, p: OperationModel["parameters"][number]) => {
    const fields = [`in: ${lit(p.in)}`, `required: ${p.required}`, `type: ${lit(p.resolved.type ?? "string")}`];
    if (p.resolved.default !== undefined) fields.push(`default: ${lit(p.resolved.default)}`);
    fields.push(`check: ${parameterCheckName(checks, op, p)}`);
    const rendered = `{ ${fields.join(", ")} }`;
    if (!shared.has(rendered)) {
      const taken = new Set(shared.values());
      let name = `${p.name}Parameter`;
      for (let n = 2; taken.has(name); n++) name = `${p.name}Parameter${n}`;
      shared.set(rendered, name);
    }
    return shared.get(rendered) as string;
  };
  const tables = operations.map((op) => op.parameters.map((p) => [p.name, parameterConst(op, p)] as const));
  const out: string[] = [
    `import { ${names.join(", ")} } from "./validators.gen.js";`,
    "",
    "// Each parameter's place, type and default, and its generated check (which also words its rule).",
    ...[...shared].map(([rendered, name]) => `const ${name} = ${rendered} as const;`),
    "",
    "/**",
    " * Every operation of the spec, by operationId: what a client or server needs to send or route a",
    " * request. Kept lean, since every browser app ships it; the descriptive rest is OPERATION_DETAILS.",
    " */",
    "export const OPERATIONS = {",
  ];
  for (const [index, op] of operations.entries()) {
    out.push(`  ${op.operationId}: {`);
    out.push(`    method: ${lit(op.method)},`);
    out.push(`    /** Path template below the base path. */`);
    out.push(`    path: ${lit(op.path)},`);
    out.push(`    /** The server URL's path: what a host needs in front of \`path\`. */`);
    out.push(`    basePath: ${lit(new URL(op.serverUrl).pathname.replace(/\/+$/, ""))},`);
    out.push(
      `    /** The request's Accept: its 2xx bodies' media types, then those only its errors use (q=0.5); a versioned type alone. */`,
    );
    out.push(`    accept: ${lit(op.accept.join(", "))},`);
    out.push(`    paged: ${isPaged(doc, op)},`);
    out.push(
      "    /** Deprecated (`deprecated: true`): when it sunsets (`x-sunset`) and what replaces it (`x-successor`); else null. */",
    );
    const deprecation = op.deprecated ? { sunset: op.sunset ?? null, successor: op.successor ?? null } : null;
    out.push(
      `    deprecation: ${deprecation ? `{ sunset: ${lit(deprecation.sunset)}, successor: ${lit(deprecation.successor)} }` : "null"},`,
    );
    const parameters = (tables[index] ?? []).map(([name, constName]) => `${name}: ${constName}`);
    out.push(`    parameters: { ${parameters.join(", ")} },`);
    out.push("  },");
  }
  out.push("} as const;", "");
  out.push(
    "/** The rest of what the spec says of each operation: limits and rules in words, statuses, media types, life. */",
  );
  out.push("export const OPERATION_DETAILS = {");
  for (const op of operations) {
    out.push(`  ${op.operationId}: {`);
    out.push(`    operationId: ${lit(op.operationId)},`);
    out.push(`    server: ${lit(op.serverUrl)},`);
    out.push("    parameters: {");
    for (const p of op.parameters) {
      const r = p.resolved;
      const fields: string[] = [];
      for (const key of ["minimum", "maximum", "minLength", "maxLength", "pattern", "enum"] as const) {
        if (r[key] !== undefined) fields.push(`${key}: ${lit(r[key])}`);
      }
      fields.push(`rule: ${lit(ruleOf(doc, p.schema))}`);
      out.push(`      ${p.name}: { ${fields.join(", ")} },`);
    }
    out.push("    },");
    const media = Object.fromEntries(Object.entries(op.responses).map(([s, types]) => [s, Object.keys(types)]));
    out.push(`    /** Documented status -> media types. */`);
    out.push(`    responses: ${lit(media)},`);
    out.push(`    statuses: ${lit(Object.keys(op.responses).map(Number))},`);
    out.push(`    deprecated: ${op.deprecated},`);
    out.push(`    sunset: ${lit(op.sunset ?? null)},`);
    out.push(`    successor: ${lit(op.successor ?? null)},`);
    out.push("  },");
  }
  out.push("} as const;", "");
  out.push("export type OperationId = keyof typeof OPERATIONS;", "");
  const bases = [...new Set(operations.map((op) => new URL(op.serverUrl).pathname.replace(/\/+$/, "")))];
  out.push("/** Every base path the operations live under, e.g. `/api/atlas/v1.0`. */");
  out.push(`export const BASE_PATHS = ${lit(bases)} as const;`, "");
  out.push(
    "/** Each operation's parameters as a server reads them: path values, and query values with defaults applied. */",
  );
  out.push("export interface OperationInputs {");
  for (const op of operations) {
    const group = (where: "path" | "query") =>
      op.parameters
        .filter((p) => p.in === where)
        .map((p) => {
          const optional = !p.required && p.resolved.default === undefined;
          return `${p.name}${optional ? "?" : ""}: ${tsType(p.resolved.type)}`;
        })
        .join("; ");
    out.push(`  ${op.operationId}: { path: { ${group("path")} }; query: { ${group("query")} } };`);
  }
  out.push("}", "");
  out.push(
    "/** One resolver per operation, typed by its inputs; the caller picks its context and reply types. */",
    "export type OperationResolvers<Context, Reply> = {",
    "  [Id in OperationId]: (input: OperationInputs[Id], context: Context) => Reply;",
    "};",
    "",
  );
  return out.join("\n");
}

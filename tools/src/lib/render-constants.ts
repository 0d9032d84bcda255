import { deref, type OpenApiDocument } from "./load-spec.ts";
import { ruleOf } from "./render-validators.ts";
import { componentSchemas, type Schema } from "./spec-model.ts";

function literal(value: unknown): string {
  return JSON.stringify(value);
}

/** groupId -> GROUP_ID */
function screaming(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
}

/**
 * Renders the runtime constants that the client, mock and CLI read from the
 * spec, generically: the server, every shared parameter's limits and rule, and
 * every enum. Per-operation facts live in operations.gen.ts.
 */
export function renderConstants(doc: OpenApiDocument): string {
  const servers = doc.servers as { url: string }[] | undefined;
  const server = servers?.[0]?.url;
  if (!server) throw new Error("spec/openapi.yaml: servers[0].url is missing");
  const lines = [
    `/** Server URL of the spec's first server (\`servers[0]\`). */`,
    `export const DEFAULT_BASE_URL = ${literal(server)};`,
    `/** That server's origin: what a client's \`baseUrl\` names; each operation adds its base path. */`,
    `export const DEFAULT_HOST = ${literal(new URL(server).origin)};`,
    "",
  ];
  const parameters = (doc.components as { parameters?: Record<string, unknown> } | undefined)?.parameters ?? {};
  for (const [key, raw] of Object.entries(parameters)) {
    const param = deref<{ name: string; schema: Schema }>(doc, raw);
    const s = deref<Schema>(doc, param.schema);
    // Named by the component's key: two parameters may share a name (`name` is a Flex cluster's).
    const name = screaming(key);
    lines.push(`/** Parameter ${param.name} (components.parameters.${key}). */`);
    const limits = {
      PATTERN: s.pattern,
      MIN_LENGTH: s.minLength,
      MAX_LENGTH: s.maxLength,
      MIN: s.minimum,
      MAX: s.maximum,
    };
    for (const [suffix, value] of Object.entries(limits)) {
      if (value !== undefined) lines.push(`export const ${name}_${suffix} = ${literal(value)};`);
    }
    lines.push(`export const ${name}_RULE = ${literal(ruleOf(doc, param.schema))};`, "");
  }
  lines.push("/** Every enum among the spec's schemas, in the spec's order. */", "export const ENUMS = {");
  for (const [name, schema] of Object.entries(componentSchemas(doc))) {
    if (schema.enum) lines.push(`  ${name}: ${literal(schema.enum)},`);
  }
  lines.push("} as const;", "");
  return lines.join("\n");
}

import { deref, type OpenApiDocument } from "./load-spec.ts";

/** An example in the spec together with the schema it claims to satisfy. */
export interface SpecExample {
  where: string;
  schema: unknown;
  value: unknown;
}

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * Every example in the document: media-type `example`/`examples`, schema-level
 * `example`, and parameter schema examples, each with its dereferenced schema.
 */
export function collectExamples(doc: OpenApiDocument): SpecExample[] {
  const found: SpecExample[] = [];
  const walk = (node: unknown, where: string) => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) walk(item, `${where}/${i}`);
      return;
    }
    if (!isNode(node)) return;
    // A media type or a parameter: examples sit beside the schema.
    if (isNode(node.schema)) {
      const schema = deref(doc, node.schema);
      if ("example" in node) found.push({ where: `${where}/example`, schema, value: node.example });
      if (isNode(node.examples)) {
        for (const [name, example] of Object.entries(node.examples)) {
          const resolved = deref<Node>(doc, example);
          found.push({ where: `${where}/examples/${name}`, schema, value: resolved.value });
        }
      }
    }
    // A schema with its own example (under components/schemas or inline).
    if (("type" in node || "properties" in node) && "example" in node && !isNode(node.schema)) {
      found.push({ where: `${where}/example`, schema: deref(doc, node), value: node.example });
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === "example" || key === "examples") continue;
      walk(value, `${where}/${key}`);
    }
  };
  // Walk the document as written so each example is checked once, where it stands.
  walk(doc, "#");
  return found;
}

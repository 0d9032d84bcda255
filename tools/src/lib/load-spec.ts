import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { repoRoot, specPath } from "./repo-paths.ts";

/** A parsed OpenAPI document, loosely typed: the tools only walk it. */
export type OpenApiDocument = Record<string, unknown>;

export async function readSpecText(path = join(repoRoot, specPath)): Promise<string> {
  return readFile(path, "utf8");
}

export function parseSpec(text: string, where = specPath): OpenApiDocument {
  const doc: unknown = parse(text);
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw new Error(`${where} is not an OpenAPI document (expected a YAML mapping at the top).`);
  }
  return doc as OpenApiDocument;
}

export async function loadSpec(path?: string): Promise<OpenApiDocument> {
  return parseSpec(await readSpecText(path), path);
}

/** Follows a local `#/a/b/c` reference; refuses anything else. */
export function resolveRef(doc: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith("#/")) throw new Error(`Only local $refs are supported, got ${ref}`);
  let node: unknown = doc;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (node === null || typeof node !== "object") throw new Error(`Broken $ref ${ref}`);
    node = (node as Record<string, unknown>)[key];
  }
  if (node === undefined) throw new Error(`Broken $ref ${ref}`);
  return node;
}

/** Replaces `{ $ref }` objects by their targets, recursively (the spec has no cycles). */
export function deref<T = unknown>(doc: OpenApiDocument, node: unknown, seen: string[] = []): T {
  if (Array.isArray(node)) return node.map((item) => deref(doc, item, seen)) as T;
  if (node === null || typeof node !== "object") return node as T;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === "string") {
    if (seen.includes(ref)) throw new Error(`Cyclic $ref ${ref}`);
    return deref(doc, resolveRef(doc, ref), [...seen, ref]);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = deref(doc, value, seen);
  return out as T;
}

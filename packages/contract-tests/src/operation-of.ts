// Which operation of the generated table a request names, by its method and its
// path (base path and template, both from the spec): one matcher for the
// verdicts and for the replay suite.
import { OPERATIONS, type OperationId } from "@atlas-snapshots/types";

const MATCHERS = Object.entries(OPERATIONS).map(([id, op]) => {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  // Each `{name}` matches one path segment; the rest must be equal.
  const source = (op.basePath + op.path)
    .split(/\{\w+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("([^/]+)");
  return { id: id as OperationId, method: op.method as string, names, pattern: new RegExp(`^${source}$`) };
});

export interface OperationMatch {
  id: OperationId;
  /** The path parameters' values, decoded. */
  params: Record<string, string>;
}

/** The operation `method` and `pathname` (with its base path, no query) name, and its path values; HEAD counts as GET. */
export function matchOperation(method: string, pathname: string): OperationMatch | undefined {
  const upper = method.toUpperCase();
  for (const m of MATCHERS) {
    if (m.method !== upper && !(upper === "HEAD" && m.method === "GET")) continue;
    const found = m.pattern.exec(pathname);
    if (!found) continue;
    return {
      id: m.id,
      params: Object.fromEntries(m.names.map((name, i) => [name, decodeURIComponent(found[i + 1] ?? "")])),
    };
  }
  return undefined;
}

/** The operation `method` and `pathname` name, or undefined. */
export function operationOf(method: string, pathname: string): OperationId | undefined {
  return matchOperation(method, pathname)?.id;
}

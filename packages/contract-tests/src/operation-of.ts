// Which operation of the generated table a request names, by its method and its
// path (base path and template, both from the spec): one matcher for the
// verdicts and for the replay suite.
import { OPERATIONS, type OperationId } from "@atlas-snapshots/types";

const MATCHERS = Object.entries(OPERATIONS).map(([id, op]) => ({
  id: id as OperationId,
  method: op.method as string,
  // Each `{name}` matches one path segment; the rest must be equal.
  pattern: new RegExp(
    `^${(op.basePath + op.path)
      .split(/\{\w+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("[^/]+")}$`,
  ),
}));

/** The operation `method` and `pathname` (with its base path, no query) name, or undefined. */
export function operationOf(method: string, pathname: string): OperationId | undefined {
  const upper = method.toUpperCase();
  return MATCHERS.find(
    (m) => (m.method === upper || (upper === "HEAD" && m.method === "GET")) && m.pattern.test(pathname),
  )?.id;
}

// Which operation a request path names, matched against the operation table's
// base paths and path templates (all from the spec).
import { BASE_PATHS, OPERATIONS, type OperationId } from "@atlas-snapshots/types";

export type Route =
  /** Not under any of the spec's base paths at all. */
  | { kind: "outside" }
  /** Under a base path, but no resource the mock knows. */
  | { kind: "unknown" }
  /** A path segment with invalid percent-encoding. */
  | { kind: "bad-encoding"; segment: string }
  | { kind: "operation"; operationId: OperationId; params: Record<string, string> };

const TEMPLATES = Object.entries(OPERATIONS).map(([operationId, op]) => ({
  operationId: operationId as OperationId,
  basePath: op.basePath as string,
  /** e.g. ["groups", "{groupId}", "clusters", ...] */
  segments: op.path.split("/").slice(1),
}));

export { BASE_PATHS };

/** Matches `pathname` (still percent-encoded) below `rootPath` (the mock's host path, no trailing slash). */
export function matchRoute(pathname: string, rootPath: string): Route {
  let under = false;
  for (const { operationId, basePath, segments: template } of TEMPLATES) {
    const base = `${rootPath}${basePath}/`;
    if (!pathname.startsWith(base)) continue;
    under = true;
    const segments = pathname.slice(base.length).split("/");
    if (segments.length !== template.length) continue;
    const params: Record<string, string> = {};
    let bad: string | undefined;
    const matches = template.every((expected, i) => {
      const segment = segments[i] as string;
      if (!expected.startsWith("{")) return segment === expected;
      try {
        params[expected.slice(1, -1)] = decodeURIComponent(segment);
      } catch {
        bad ??= segment;
      }
      return true;
    });
    if (!matches) continue;
    return bad === undefined ? { kind: "operation", operationId, params } : { kind: "bad-encoding", segment: bad };
  }
  return under ? { kind: "unknown" } : { kind: "outside" };
}

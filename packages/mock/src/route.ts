// Which resource a request path names, matched against the spec's path template.
import { SNAPSHOTS_PATH } from "@atlas-snapshots/types";

export type Route =
  /** Not under the mock's base path at all. */
  | { kind: "outside" }
  /** Under the base path, but no resource the mock knows. */
  | { kind: "unknown" }
  /** A path segment with invalid percent-encoding. */
  | { kind: "bad-encoding"; segment: string }
  | { kind: "snapshots"; groupId: string; clusterName: string };

/** e.g. ["groups", "{groupId}", "clusters", ...] from the spec's template. */
const TEMPLATE = SNAPSHOTS_PATH.split("/").slice(1);

/** Matches `pathname` (still percent-encoded) below `basePath` (no trailing slash). */
export function matchRoute(pathname: string, basePath: string): Route {
  if (!pathname.startsWith(`${basePath}/`)) return { kind: "outside" };
  const segments = pathname.slice(basePath.length + 1).split("/");
  if (segments.length !== TEMPLATE.length) return { kind: "unknown" };
  const params: Record<string, string> = {};
  for (let i = 0; i < TEMPLATE.length; i++) {
    const expected = TEMPLATE[i] as string;
    const segment = segments[i] as string;
    if (expected.startsWith("{")) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        return { kind: "bad-encoding", segment };
      }
      params[expected.slice(1, -1)] = decoded;
    } else if (segment !== expected) {
      return { kind: "unknown" };
    }
  }
  return { kind: "snapshots", groupId: params.groupId ?? "", clusterName: params.clusterName ?? "" };
}

// Paging links as Atlas writes them: absolute, pointing back at the server that
// was asked, keeping the request's other parameters.
import type { Link } from "@atlas-snapshots/types";
import type { SnapshotQuery } from "./query.js";

function pageHref(resource: string, query: SnapshotQuery, given: ReadonlySet<string>, pageNum: number): string {
  let href = `${resource}?pageNum=${pageNum}&itemsPerPage=${query.itemsPerPage}&includeCount=${query.includeCount}`;
  // pretty and envelope only when the caller chose them, so the links read like Atlas's.
  if (given.has("pretty")) href += `&pretty=${query.pretty}`;
  if (given.has("envelope")) href += `&envelope=${query.envelope}`;
  return href;
}

/** `self`, and `next` when another page follows. `resource` is origin + path, without query. */
export function pageLinks(resource: string, query: SnapshotQuery, given: ReadonlySet<string>, total: number): Link[] {
  const links: Link[] = [{ href: pageHref(resource, query, given, query.pageNum), rel: "self" }];
  if (query.pageNum * query.itemsPerPage < total) {
    links.push({ href: pageHref(resource, query, given, query.pageNum + 1), rel: "next" });
  }
  return links;
}

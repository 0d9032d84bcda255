// What each operation alone knows: one resolver per operation of the spec,
// typed by the generated signatures. Routing, authentication, parameter checks,
// rate limits, faults and the envelope happen before a resolver is called.
import type { OperationResolvers, TenantSnapshotPage } from "@atlas-snapshots/types";
import { clusterNotFound, groupNotFound, snapshotNotFound } from "./api-error.js";
import type { DigestCredential } from "./digest-verifier.js";
import { pageLinks } from "./links.js";
import { errorReply, jsonText, type MockReply, type ReplyFormat } from "./reply.js";
import type { MockStore } from "./store.js";

/** What the request pipeline hands every resolver. */
export interface ServeContext {
  url: URL;
  credential: DigestCredential | undefined;
  format: ReplyFormat;
  /** Headers every reply carries (rate-limit counters); a resolver may add its own. */
  headers: Record<string, string>;
  /** The query parameters the request named (the rest are defaults). */
  given: ReadonlySet<string>;
}

/** The 404 for a project or cluster the store does not hold, or undefined when both exist. */
function missingCluster(store: MockStore, groupId: string, clusterName: string, ctx: ServeContext) {
  if (!store.hasGroup(groupId)) return errorReply(groupNotFound(groupId), ctx.format, ctx.headers);
  if (!store.hasCluster(groupId, clusterName))
    return errorReply(clusterNotFound(clusterName, groupId), ctx.format, ctx.headers);
  return undefined;
}

export function createResolvers(store: MockStore): OperationResolvers<ServeContext, MockReply> {
  return {
    listSharedClusterBackups({ path: { groupId, clusterName }, query }, ctx) {
      const missing = missingCluster(store, groupId, clusterName, ctx);
      if (missing) return missing;
      const all = store.listSnapshots(groupId, clusterName);
      const offset = (query.pageNum - 1) * query.itemsPerPage;
      const page: TenantSnapshotPage = {
        links: pageLinks(ctx.url.origin + ctx.url.pathname, query, ctx.given, all.length),
        results: offset < all.length ? all.slice(offset, offset + query.itemsPerPage) : [],
      };
      if (query.includeCount) page.totalCount = all.length;
      if (query.envelope) page.status = 200;
      return { status: 200, headers: ctx.headers, body: jsonText(page, query.pretty) };
    },

    getSharedClusterBackup({ path: { groupId, clusterName, snapshotId }, query }, ctx) {
      const missing = missingCluster(store, groupId, clusterName, ctx);
      if (missing) return missing;
      const snapshot = store.getSnapshot(groupId, clusterName, snapshotId);
      if (!snapshot) return errorReply(snapshotNotFound(snapshotId, clusterName, groupId), ctx.format, ctx.headers);
      const body = query.envelope ? { status: 200, content: snapshot } : snapshot;
      return { status: 200, headers: ctx.headers, body: jsonText(body, query.pretty) };
    },
  };
}

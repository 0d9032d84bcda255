// What each operation alone knows: one resolver per operation of the spec,
// typed by the generated signatures. Routing, authentication, media types,
// parameter checks, rate limits, faults and the envelope happen before a
// resolver is called; the helpers below are shared by every operation.
import type { OperationResolvers, TenantSnapshot, TenantSnapshotPage } from "@atlas-snapshots/types";
import {
  cannotUseFlexClusterInClusterApi,
  cannotUseNonFlexClusterInFlexApi,
  clusterNotFound,
  groupNotFound,
  snapshotNotFound,
} from "./api-error.js";
import type { DigestCredential } from "./digest-verifier.js";
import { pageLinks } from "./links.js";
import type { ClusterKind } from "./mock-data.js";
import type { SnapshotQuery } from "./query.js";
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

/** Each API's answer to a cluster of the other kind (both recorded). */
const WRONG_KIND = {
  tenant: cannotUseFlexClusterInClusterApi,
  flex: cannotUseNonFlexClusterInFlexApi,
} as const;

/**
 * The error for a cluster an operation serving `kind` clusters cannot read: no such project
 * (404), no such cluster (404), or a cluster of the other kind (400); undefined when it can.
 */
function refuseCluster(store: MockStore, kind: ClusterKind, groupId: string, name: string, ctx: ServeContext) {
  if (!store.hasGroup(groupId)) return errorReply(groupNotFound(groupId), ctx.format, ctx.headers);
  const actual = store.clusterKind(groupId, name);
  if (actual === undefined) return errorReply(clusterNotFound(name, groupId), ctx.format, ctx.headers);
  if (actual !== kind) return errorReply(WRONG_KIND[kind](name), ctx.format, ctx.headers);
  return undefined;
}

/** One page of `all`, as every paged listing sends it: links, results, count and envelope status. */
function pageReply(all: readonly TenantSnapshot[], query: SnapshotQuery, ctx: ServeContext): MockReply {
  const offset = (query.pageNum - 1) * query.itemsPerPage;
  const page: TenantSnapshotPage = {
    links: pageLinks(ctx.url.origin + ctx.url.pathname, query, ctx.given, all.length),
    results: offset < all.length ? all.slice(offset, offset + query.itemsPerPage) : [],
  };
  if (query.includeCount) page.totalCount = all.length;
  if (query.envelope) page.status = 200;
  return { status: 200, headers: ctx.headers, body: jsonText(page, query.pretty) };
}

/** One snapshot by id, or the 404 for an unknown one; `{status, content}` with envelope=true. */
function snapshotReply(
  store: MockStore,
  path: { groupId: string; name: string; snapshotId: string },
  query: { envelope: boolean; pretty?: boolean },
  ctx: ServeContext,
): MockReply {
  const { groupId, name, snapshotId } = path;
  const snapshot = store.getSnapshot(groupId, name, snapshotId);
  if (!snapshot) return errorReply(snapshotNotFound(snapshotId, name, groupId), ctx.format, ctx.headers);
  const body = query.envelope ? { status: 200, content: snapshot } : snapshot;
  return { status: 200, headers: ctx.headers, body: jsonText(body, query.pretty ?? false) };
}

export function createResolvers(store: MockStore): OperationResolvers<ServeContext, MockReply> {
  return {
    listSharedClusterBackups({ path: { groupId, clusterName }, query }, ctx) {
      return (
        refuseCluster(store, "tenant", groupId, clusterName, ctx) ??
        pageReply(store.listSnapshots(groupId, clusterName), query, ctx)
      );
    },

    getSharedClusterBackup({ path: { groupId, clusterName: name, snapshotId }, query }, ctx) {
      return (
        refuseCluster(store, "tenant", groupId, name, ctx) ??
        snapshotReply(store, { groupId, name, snapshotId }, query, ctx)
      );
    },

    listFlexBackupSnapshots({ path: { groupId, name }, query }, ctx) {
      return (
        refuseCluster(store, "flex", groupId, name, ctx) ?? pageReply(store.listSnapshots(groupId, name), query, ctx)
      );
    },

    getFlexBackupSnapshot({ path: { groupId, name, snapshotId }, query }, ctx) {
      return (
        refuseCluster(store, "flex", groupId, name, ctx) ??
        snapshotReply(store, { groupId, name, snapshotId }, query, ctx)
      );
    },
  };
}

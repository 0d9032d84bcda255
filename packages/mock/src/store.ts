// The mock's data at run time: projects, their clusters and their snapshots.
// Tests change it while the mock runs; every read sees the change at once.
import type { TenantSnapshot } from "@atlas-snapshots/types";
import { MockStoreError } from "./errors.js";
import { CLUSTER_KINDS, type ClusterKind, type MockData } from "./mock-data.js";
import { CLUSTER_NAME_RULE, GROUP_ID_RULE, isClusterName, isGroupId } from "./path-rules.js";
import { compareSnapshots } from "./snapshot-order.js";
import { validateMockData } from "./validate-mock-data.js";
import { findSnapshotProblem } from "./validate-snapshot.js";

interface ClusterState {
  kind: ClusterKind;
  /** Keyed by snapshot id; raw entries without a string id get a private key. */
  entries: Map<string, unknown>;
  /** Served order, rebuilt lazily after a change. */
  sorted: readonly unknown[] | undefined;
}

export interface MockStore {
  listGroups(): string[];
  hasGroup(groupId: string): boolean;
  /** Adds an empty project unless it exists. */
  addGroup(groupId: string): void;
  removeGroup(groupId: string): boolean;
  /** Names of a project's clusters; throws for an unknown project. */
  listClusters(groupId: string): string[];
  hasCluster(groupId: string, clusterName: string): boolean;
  /** The cluster's kind ("tenant" or "flex"), or undefined when the project or cluster does not exist. */
  clusterKind(groupId: string, clusterName: string): ClusterKind | undefined;
  /**
   * Adds an empty cluster of `kind` (default "tenant") and its project, unless it exists; a cluster that
   * exists with the other kind is an error (remove it first).
   */
  addCluster(groupId: string, clusterName: string, kind?: ClusterKind): void;
  removeCluster(groupId: string, clusterName: string): boolean;
  /** The cluster's snapshots in served order (oldest scheduledTime first, ties by id ascending). */
  listSnapshots(groupId: string, clusterName: string): readonly TenantSnapshot[];
  getSnapshot(groupId: string, clusterName: string, id: string): TenantSnapshot | undefined;
  /** Adds a snapshot valid for its cluster's kind, or replaces the one with its id. The cluster must exist. */
  putSnapshot(groupId: string, clusterName: string, snapshot: TenantSnapshot): void;
  /** Changes fields of a stored snapshot (a field set to undefined is removed); returns the result. */
  updateSnapshot(groupId: string, clusterName: string, id: string, patch: Partial<TenantSnapshot>): TenantSnapshot;
  removeSnapshot(groupId: string, clusterName: string, id: string): boolean;
  /**
   * UNSAFE, for negative tests only: stores `value` as a snapshot without any
   * check (unknown status, missing id, wrong types...). The mock then serves
   * it as-is, breaking the spec on purpose. Replaces an entry with the same id.
   */
  unsafePutRawSnapshot(groupId: string, clusterName: string, value: unknown): void;
  /** Removes every project. */
  clear(): void;
  /** Back to the data the mock started with. */
  reset(): void;
  /** A deep copy of the current data in the data-file format. */
  toData(): MockData;
}

/** A store holding a copy of `initial`; `reset()` returns to it. */
export function createMockStore(initial: MockData): MockStore {
  const start = structuredClone(validateMockData(initial));
  const groups = new Map<string, Map<string, ClusterState>>();
  let rawKeys = 0;

  function load(data: MockData): void {
    groups.clear();
    for (const group of data.groups) {
      const clusters = new Map<string, ClusterState>();
      for (const cluster of group.clusters) {
        const entries = new Map<string, unknown>();
        for (const s of cluster.snapshots) entries.set(s.id, Object.freeze(structuredClone(s)));
        clusters.set(cluster.name, { kind: cluster.kind ?? "tenant", entries, sorted: undefined });
      }
      groups.set(group.id, clusters);
    }
  }

  function groupOf(groupId: string): Map<string, ClusterState> {
    const group = groups.get(groupId);
    if (!group) throw new MockStoreError(`No project ${groupId} in the mock; call store.addGroup first.`);
    return group;
  }

  function clusterOf(groupId: string, clusterName: string): ClusterState {
    const cluster = groupOf(groupId).get(clusterName);
    if (!cluster) {
      throw new MockStoreError(`No cluster ${clusterName} in project ${groupId}; call store.addCluster first.`);
    }
    return cluster;
  }

  function store(cluster: ClusterState, key: string, value: unknown): void {
    cluster.entries.set(key, Object.freeze(value));
    cluster.sorted = undefined;
  }

  function checked(snapshot: unknown, kind: ClusterKind): TenantSnapshot {
    const problem = findSnapshotProblem(snapshot, kind);
    if (problem) throw new MockStoreError(`Invalid snapshot: snapshot${problem.path} ${problem.problem}.`);
    return structuredClone(snapshot as TenantSnapshot);
  }

  function addGroup(groupId: string): void {
    if (!isGroupId(groupId))
      throw new MockStoreError(`Invalid project id ${JSON.stringify(groupId)}: ${GROUP_ID_RULE}.`);
    if (!groups.has(groupId)) groups.set(groupId, new Map());
  }

  load(start);
  return {
    listGroups: () => [...groups.keys()],
    hasGroup: (groupId) => groups.has(groupId),
    addGroup,
    removeGroup: (groupId) => groups.delete(groupId),
    listClusters: (groupId) => [...groupOf(groupId).keys()],
    hasCluster: (groupId, clusterName) => groups.get(groupId)?.has(clusterName) ?? false,
    clusterKind: (groupId, clusterName) => groups.get(groupId)?.get(clusterName)?.kind,
    addCluster(groupId, clusterName, kind = "tenant") {
      if (!isClusterName(clusterName)) {
        throw new MockStoreError(`Invalid cluster name ${JSON.stringify(clusterName)}: ${CLUSTER_NAME_RULE}.`);
      }
      if (!CLUSTER_KINDS.includes(kind)) {
        throw new MockStoreError(`Invalid cluster kind ${JSON.stringify(kind)}: must be "tenant" or "flex".`);
      }
      addGroup(groupId);
      const group = groupOf(groupId);
      const existing = group.get(clusterName);
      if (existing && existing.kind !== kind) {
        throw new MockStoreError(
          `Cluster ${clusterName} in project ${groupId} is a ${existing.kind} cluster; call store.removeCluster first to add it as ${kind}.`,
        );
      }
      if (!existing) group.set(clusterName, { kind, entries: new Map(), sorted: undefined });
    },
    removeCluster: (groupId, clusterName) => groups.get(groupId)?.delete(clusterName) ?? false,
    listSnapshots(groupId, clusterName) {
      const cluster = clusterOf(groupId, clusterName);
      cluster.sorted ??= Object.freeze([...cluster.entries.values()].sort(compareSnapshots));
      return cluster.sorted as readonly TenantSnapshot[];
    },
    getSnapshot: (groupId, clusterName, id) =>
      groups.get(groupId)?.get(clusterName)?.entries.get(id) as TenantSnapshot | undefined,
    putSnapshot(groupId, clusterName, snapshot) {
      const cluster = clusterOf(groupId, clusterName);
      const value = checked(snapshot, cluster.kind);
      store(cluster, value.id, value);
    },
    updateSnapshot(groupId, clusterName, id, patch) {
      const cluster = clusterOf(groupId, clusterName);
      const current = cluster.entries.get(id);
      if (current === undefined) throw new MockStoreError(`No snapshot ${id} in cluster ${clusterName}.`);
      const merged: Record<string, unknown> = { ...(current as object), ...patch };
      for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
      const value = checked(merged, cluster.kind);
      if (value.id !== id) cluster.entries.delete(id);
      store(cluster, value.id, value);
      return value;
    },
    removeSnapshot(groupId, clusterName, id) {
      const cluster = groups.get(groupId)?.get(clusterName);
      if (!cluster?.entries.delete(id)) return false;
      cluster.sorted = undefined;
      return true;
    },
    unsafePutRawSnapshot(groupId, clusterName, value) {
      const cluster = clusterOf(groupId, clusterName);
      const id = typeof value === "object" && value !== null ? (value as { id?: unknown }).id : undefined;
      const key = typeof id === "string" ? id : `\0raw-${rawKeys++}`;
      store(cluster, key, structuredClone(value));
    },
    clear: () => groups.clear(),
    reset: () => load(start),
    toData: () => ({
      groups: [...groups].map(([id, clusters]) => ({
        id,
        clusters: [...clusters].map(([name, cluster]) => ({
          name,
          kind: cluster.kind,
          snapshots: structuredClone([...cluster.entries.values()].sort(compareSnapshots)) as TenantSnapshot[],
        })),
      })),
    }),
  };
}

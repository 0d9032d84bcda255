// Checks a data file against the format and reports the first problem by its JSON path.
import { MockDataError } from "./errors.js";
import { CLUSTER_KINDS, type ClusterKind, type MockData } from "./mock-data.js";
import { CLUSTER_NAME_RULE, GROUP_ID_RULE, isClusterName, isGroupId } from "./path-rules.js";
import { findSnapshotProblem } from "./validate-snapshot.js";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Throws a MockDataError when a key outside `allowed` is present (a typo would be silently ignored otherwise). */
function refuseUnknownKeys(value: Record<string, unknown>, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new MockDataError(path ? `${path}.${key}` : key, "is not a known field");
  }
}

function arrayAt(owner: Record<string, unknown>, key: string, path: string): unknown[] {
  const value = owner[key];
  if (!Array.isArray(value)) throw new MockDataError(path ? `${path}.${key}` : key, "must be an array");
  return value;
}

/** The cluster's `kind`: absent means "tenant"; anything else must name a kind, or the data is refused. */
function clusterKindAt(cluster: Record<string, unknown>, path: string): ClusterKind {
  if (cluster.kind === undefined) return "tenant";
  if (!(CLUSTER_KINDS as readonly unknown[]).includes(cluster.kind)) {
    const given = JSON.stringify(cluster.kind) ?? String(cluster.kind);
    throw new MockDataError(
      `${path}.kind`,
      `must be "tenant" (an M2/M5 cluster, API v1.0) or "flex" (a Flex cluster, API v2), or left out for "tenant"; got ${given.length > 40 ? `${given.slice(0, 40)}...` : given}`,
    );
  }
  return cluster.kind as ClusterKind;
}

/**
 * Validates `value` as mock data and returns it typed. Throws MockDataError
 * naming the JSON path of the first problem, e.g.
 * `groups[0].clusters[1].snapshots[3].status: must be one of COMPLETED, ...`.
 */
export function validateMockData(value: unknown): MockData {
  if (!isObject(value)) throw new MockDataError("$", 'must be an object like {"groups": [...]}');
  refuseUnknownKeys(value, ["groups"], "");
  const groupIds = new Map<string, string>();
  const snapshotIds = new Map<string, string>();
  arrayAt(value, "groups", "").forEach((group, g) => {
    const gPath = `groups[${g}]`;
    if (!isObject(group)) throw new MockDataError(gPath, "must be an object with id and clusters");
    refuseUnknownKeys(group, ["id", "clusters"], gPath);
    if (!isGroupId(group.id)) throw new MockDataError(`${gPath}.id`, GROUP_ID_RULE);
    const sameGroup = groupIds.get(group.id);
    if (sameGroup) throw new MockDataError(`${gPath}.id`, `duplicates ${sameGroup}.id (${group.id})`);
    groupIds.set(group.id, gPath);
    const clusterNames = new Map<string, string>();
    arrayAt(group, "clusters", gPath).forEach((cluster, c) => {
      const cPath = `${gPath}.clusters[${c}]`;
      if (!isObject(cluster)) throw new MockDataError(cPath, "must be an object with name and snapshots");
      refuseUnknownKeys(cluster, ["name", "kind", "snapshots"], cPath);
      if (!isClusterName(cluster.name)) throw new MockDataError(`${cPath}.name`, CLUSTER_NAME_RULE);
      const kind = clusterKindAt(cluster, cPath);
      const sameCluster = clusterNames.get(cluster.name);
      if (sameCluster) throw new MockDataError(`${cPath}.name`, `duplicates ${sameCluster}.name (${cluster.name})`);
      clusterNames.set(cluster.name, cPath);
      arrayAt(cluster, "snapshots", cPath).forEach((snapshot, s) => {
        const sPath = `${cPath}.snapshots[${s}]`;
        const problem = findSnapshotProblem(snapshot, kind);
        if (problem) throw new MockDataError(sPath + problem.path, problem.problem);
        const id = (snapshot as { id: string }).id;
        const sameId = snapshotIds.get(id);
        if (sameId) throw new MockDataError(`${sPath}.id`, `duplicates ${sameId}.id (${id})`);
        snapshotIds.set(id, sPath);
      });
    });
  });
  return value as unknown as MockData;
}

/** Parses (when given a string) and validates mock data; returns a private deep copy. */
export function loadMockData(json: string | unknown): MockData {
  let value: unknown = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new MockDataError("$", `is not valid JSON (${(error as Error).message})`);
    }
  }
  return structuredClone(validateMockData(value));
}

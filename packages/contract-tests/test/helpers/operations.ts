// Every operation of the generated table, as the contract tests drive it: its
// full path, its parameters, and a cluster the mock serves it for. A new
// operation in the spec is covered by the suites that enumerate these.
import { type AtlasMockCore, createAtlasMock } from "@atlas-snapshots/mock";
import { OPERATION_DETAILS, OPERATIONS, type OperationId } from "@atlas-snapshots/types";

export const OPERATION_IDS = Object.keys(OPERATIONS) as OperationId[];

export interface PathValues {
  groupId: string;
  /** The value of the path parameter that names the cluster, whatever the operation calls it (clusterName, name). */
  cluster: string;
  snapshotId?: string;
}

interface Parameter {
  in: string;
  type: string;
}
const parametersOf = (id: OperationId) => OPERATIONS[id].parameters as Record<string, Parameter>;

export const hasParameter = (id: OperationId, name: string) => Object.hasOwn(OPERATIONS[id].parameters, name);

/** The operation's query parameters with their types, in the spec's order. */
export const queryParameters = (id: OperationId) =>
  Object.entries(parametersOf(id))
    .filter(([, p]) => p.in === "query")
    .map(([name, p]) => ({ name, type: p.type }));

/** A query parameter's limits from the spec, for generated values. */
export function limitsOf(id: OperationId, name: string): { minimum?: number; maximum?: number } {
  return (OPERATION_DETAILS[id].parameters as Record<string, { minimum?: number; maximum?: number }>)[name] ?? {};
}

/** The statuses the spec documents for the operation. */
export const statusesOf = (id: OperationId): readonly number[] => OPERATION_DETAILS[id].statuses;

/** True for an operation whose replies come as a versioned (API v2) media type, chosen by the request's Accept. */
export const isVersioned = (id: OperationId) =>
  OPERATION_DETAILS[id].responses["200"].some((type) => type.startsWith("application/vnd.atlas."));

/** The full path (base path, then the template) with the path parameters filled in. */
export function pathOf(id: OperationId, values: PathValues, query = ""): string {
  const { basePath, path } = OPERATIONS[id];
  const value = (name: string) =>
    name === "groupId" ? values.groupId : name === "snapshotId" ? (values.snapshotId ?? "") : values.cluster;
  return basePath + path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(value(name))) + query;
}

/**
 * For each operation, a cluster of `groupId` that `mock` serves it for (and one of its snapshots when the
 * operation takes one), found by asking an auth-off copy of the mock's data, never by knowing which API
 * serves which kind of cluster.
 */
export async function servedTargets(
  mock: AtlasMockCore,
  groupId: string,
): Promise<Record<OperationId, Required<PathValues>>> {
  const copy = createAtlasMock({ auth: "off", rateLimit: false, data: mock.store.toData(), now: mock.options.now });
  const found = {} as Record<OperationId, Required<PathValues>>;
  for (const id of OPERATION_IDS) {
    for (const cluster of copy.store.listClusters(groupId)) {
      const snapshotId = copy.store.listSnapshots(groupId, cluster)[0]?.id ?? "";
      const values = { groupId, cluster, snapshotId };
      const response = await copy.handle(
        new Request(`https://atlas.test${pathOf(id, values)}`, { headers: { accept: OPERATIONS[id].accept } }),
      );
      if (response.status === 200 && (snapshotId || !hasParameter(id, "snapshotId"))) {
        found[id] = values;
        break;
      }
    }
    if (!found[id]) throw new Error(`the mock's data has no cluster in ${groupId} that ${id} serves`);
  }
  return found;
}

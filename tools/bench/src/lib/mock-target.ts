import { DEFAULT_CLUSTER_NAME, DEFAULT_GROUP_ID } from "@atlas-snapshots/mock";

/** Keys the benchmarks' mock servers accept: they unlock nothing but the mock. */
export const BENCH_CREDENTIALS = { publicKey: "bench-public-key", privateKey: "bench-private-key" } as const;

export const GROUP_ID = DEFAULT_GROUP_ID;
export const CLUSTER_NAME = DEFAULT_CLUSTER_NAME;

/** The operation's path for the default project and cluster, relative to a base URL. */
export const SNAPSHOTS_PATH = `/groups/${GROUP_ID}/clusters/${CLUSTER_NAME}/backup/tenant/snapshots`;

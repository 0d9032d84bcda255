import type { MockData } from "@atlas-snapshots/mock";
import { type MockServer, type MockServerOptions, startMockServer } from "@atlas-snapshots/mock/server";
import { history, snapshot, snapshotId } from "./snapshot-data.js";

/** Keys the test servers accept; the private one is distinctive so a leak is easy to find. */
export const PUBLIC_KEY = "cli-test-public";
export const PRIVATE_KEY = "cli-test-PRIVATE-7f3a9c1e-do-not-print";
export const KEYS_ENV = { MONGODB_ATLAS_PUBLIC_API_KEY: PUBLIC_KEY, MONGODB_ATLAS_PRIVATE_API_KEY: PRIVATE_KEY };

export const GROUP = "0123456789abcdef01234567";
export const OTHER_GROUP = "fedcba9876543210fedcba98";

/** One cluster per situation the tests need. */
export const CLUSTERS = {
  // A mix of statuses over 10 days, written newest (RUNNING) first, kept in served order: oldest first.
  Mixed: [
    snapshot(snapshotId(1, 10), "RUNNING", 1),
    snapshot(snapshotId(1, 9), "FAILED", 25),
    snapshot(snapshotId(1, 8), "COMPLETED", 49),
    snapshot(snapshotId(1, 7), "COMPLETED", 73),
    snapshot(snapshotId(1, 6), "FAILED", 97),
    snapshot(snapshotId(1, 5), "COMPLETED", 121),
    snapshot(snapshotId(1, 4), "COMPLETED", 145),
    snapshot(snapshotId(1, 3), "COMPLETED", 169),
    snapshot(snapshotId(1, 2), "COMPLETED", 193),
    snapshot(snapshotId(1, 1), "COMPLETED", 217),
  ].reverse(),
  // Three pages of 100, the last one short.
  Big: history(2, 250),
  Fresh: history(3, 5, "COMPLETED", 2),
  Failed: history(4, 5, "FAILED", 2),
  Stale: history(5, 5, "COMPLETED", 30),
  Queued: history(6, 5, "QUEUED", 0.5),
  Empty: [],
};
export type ClusterName = keyof typeof CLUSTERS;

export const DATA: MockData = {
  groups: [
    { id: GROUP, clusters: Object.entries(CLUSTERS).map(([name, snapshots]) => ({ name, snapshots })) },
    { id: OTHER_GROUP, clusters: [] },
  ],
};

/** The mock's HTTP server on a free loopback port, with the test keys and data, rate limits off. */
export function startTestServer(options: MockServerOptions = {}): Promise<MockServer> {
  return startMockServer({
    credentials: [{ publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY }],
    data: DATA,
    rateLimit: false,
    ...options,
  });
}

/** `--group G --cluster C --base-url URL` for one of the fixture clusters. */
export const target = (server: { url: string }, cluster: ClusterName | string, group = GROUP) => [
  "--group",
  group,
  "--cluster",
  cluster,
  "--base-url",
  server.url,
];

import { type MockServer, type MockServerOptions, startMockServer } from "@atlas-snapshots/mock/server";
import { DEFAULT_BASE_URL } from "@atlas-snapshots/types";
import { judgingFetch } from "../../src/judging-fetch.js";
import { type RunningPrism, startPrism } from "../../src/prism-process.js";
import { documentedStatuses, writePrismSpec } from "../../src/prism-spec.js";

export const GROUP = "5b69d0349b15c62cdfc38b78";
export const CLUSTER = "M2AWS";
/** Where the spec's server puts its operations (`/api/atlas/v1.0`); Prism's derived spec serves them there too. */
export const API_BASE = new URL(DEFAULT_BASE_URL).pathname;
export const snapshotsPath = (group = GROUP, cluster = CLUSTER) =>
  `/groups/${group}/clusters/${cluster}/backup/tenant/snapshots`;

export interface MockBehindPrism {
  server: MockServer;
  prism: RunningPrism;
  /** Sends `pathAndQuery` (below the API's base path) through Prism's proxy; every exchange is judged and kept in `.verdicts`. */
  judged: ReturnType<typeof judgingFetch>;
  get(pathAndQuery: string, init?: RequestInit): Promise<Response>;
  /** Sends a full path (base path included, as `pathOf` builds it for any operation) through Prism's proxy, judged. */
  send(fullPath: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * The mock's real HTTP server with Prism in proxy mode in front of it.
 * Request validation is off so that bad requests reach the mock and its
 * 4xx answers get judged too.
 */
export async function startMockBehindPrism(
  options: MockServerOptions = {},
  { control = false }: { control?: boolean } = {},
): Promise<MockBehindPrism> {
  const server = await startMockServer({ auth: "off", seed: 11, ...options });
  let prism: RunningPrism;
  try {
    prism = await startPrism({
      mode: "proxy",
      specFile: writePrismSpec(),
      // The derived spec's paths carry the base path, and Prism forwards them as they are.
      upstream: new URL(server.url).origin,
      args: ["--validate-request", "false"],
    });
  } catch (error) {
    await server.close();
    throw error;
  }
  const judged = judgingFetch("mock-to-spec", documentedStatuses(), fetch, { control });
  return {
    server,
    prism,
    judged,
    get: (pathAndQuery, init) => judged(`${prism.url}${API_BASE}${pathAndQuery}`, init),
    send: (fullPath, init) => judged(`${prism.url}${fullPath}`, init),
    async stop() {
      await prism.stop();
      await server.close();
    },
  };
}

import { type MockServer, type MockServerOptions, startMockServer } from "@atlas-snapshots/mock/server";
import { judgingFetch } from "../../src/judging-fetch.js";
import { type RunningPrism, startPrism } from "../../src/prism-process.js";
import { documentedStatuses, writePrismSpec } from "../../src/prism-spec.js";

export const GROUP = "5b69d0349b15c62cdfc38b78";
export const CLUSTER = "M2AWS";
export const snapshotsPath = (group = GROUP, cluster = CLUSTER) =>
  `/groups/${group}/clusters/${cluster}/backup/tenant/snapshots`;

export interface MockBehindPrism {
  server: MockServer;
  prism: RunningPrism;
  /** Sends through Prism's proxy; every exchange is judged and kept in `.verdicts`. */
  judged: ReturnType<typeof judgingFetch>;
  get(pathAndQuery: string, init?: RequestInit): Promise<Response>;
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
      upstream: server.url,
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
    get: (pathAndQuery, init) => judged(`${prism.url}${pathAndQuery}`, init),
    async stop() {
      await prism.stop();
      await server.close();
    },
  };
}

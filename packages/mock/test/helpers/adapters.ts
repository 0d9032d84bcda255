// The two ways a test reaches the mock: msw intercepting fetch, and the HTTP server.
import { DEFAULT_BASE_URL } from "@atlas-snapshots/types";
import type { SetupServer } from "msw/node";
import { type AtlasMockCore, type AtlasMockOptions, createAtlasMock } from "../../src/index.js";
import { startMockServer } from "../../src/server.js";

export interface Target {
  mock: AtlasMockCore;
  /** Base URL clients use, e.g. https://cloud.mongodb.com/api/atlas/v1.0 or http://127.0.0.1:PORT/api/atlas/v1.0. */
  baseUrl: string;
  stop(): Promise<void>;
}

export interface Adapter {
  name: string;
  /** True when transport faults are real sockets (server) rather than fetch-level errors (msw). */
  realSockets: boolean;
  start(options?: AtlasMockOptions): Promise<Target>;
}

export function mswAdapter(server: SetupServer): Adapter {
  return {
    name: "msw setupServer",
    realSockets: false,
    async start(options) {
      const mock = createAtlasMock(options);
      server.use(...mock.handlers);
      return { mock, baseUrl: mock.options.baseUrl ?? DEFAULT_BASE_URL, stop: async () => server.resetHandlers() };
    },
  };
}

export const httpServerAdapter: Adapter = {
  name: "HTTP server",
  realSockets: true,
  async start(options) {
    const server = await startMockServer({ ...options, mock: createAtlasMock(options) });
    return { mock: server.mock, baseUrl: server.url, stop: () => server.close() };
  },
};

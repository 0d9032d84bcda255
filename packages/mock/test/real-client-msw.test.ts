// The real client against msw's setupServer.
import { setupServer } from "msw/node";
import { afterAll, beforeAll } from "vitest";
import { mswAdapter } from "./helpers/adapters.js";
import { describeRealClient } from "./helpers/real-client-suite.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

describeRealClient(mswAdapter(server));

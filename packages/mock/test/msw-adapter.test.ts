// The behaviour suite through msw's setupServer, plus what only msw does.
import { DEFAULT_BASE_URL } from "@atlas-snapshots/types";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAtlasMock, DEFAULT_GROUP_ID, transportFaultOf } from "../src/index.js";
import { mswAdapter } from "./helpers/adapters.js";
import { describeAtlasBehaviour } from "./helpers/behaviour-suite.js";
import { snapshotsPath } from "./helpers/fixtures.js";
import { describeFlexBehaviour } from "./helpers/flex-suite.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

describeAtlasBehaviour(mswAdapter(server));
describeFlexBehaviour(mswAdapter(server));

describe("msw handlers", () => {
  it("answer under a custom base URL and leave other hosts unhandled", async () => {
    const mock = createAtlasMock({ auth: "off", baseUrl: "http://atlas.test/api/atlas/v1.0/" });
    server.use(...mock.handlers);
    const res = await fetch(`http://atlas.test/api/atlas/v1.0${snapshotsPath()}`);
    expect(res.status).toBe(200);
    await expect(fetch(`${DEFAULT_BASE_URL}${snapshotsPath()}`)).rejects.toThrow();
    server.resetHandlers();
  });

  it("are built once per mock", () => {
    const mock = createAtlasMock();
    expect(mock.handlers).toBe(mock.handlers);
    expect(mock.handlers).toHaveLength(1);
  });
});

describe("mock.handle", () => {
  it("answers a fetch Request directly and marks transport faults", async () => {
    const url = `${DEFAULT_BASE_URL}${snapshotsPath(DEFAULT_GROUP_ID)}`;
    const ok = await createAtlasMock({ auth: "off" }).handle(new Request(url));
    expect(ok.status).toBe(200);
    expect(transportFaultOf(ok)).toBeUndefined();
    const dropped = await createAtlasMock({ auth: "off", faults: { rate: 1, kinds: ["drop"] } }).handle(
      new Request(url),
    );
    expect(dropped.type).toBe("error");
    expect(transportFaultOf(dropped)).toBe("drop");
    const cut = await createAtlasMock({ auth: "off", faults: { rate: 1, kinds: ["truncate"] } }).handle(
      new Request(url),
    );
    expect(transportFaultOf(cut)).toBe("truncate");
    await expect(cut.text()).rejects.toThrow(/injected fault/);
  });
});

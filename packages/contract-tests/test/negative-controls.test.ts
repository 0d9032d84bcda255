import { createAtlasClient } from "@atlas-snapshots/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { judgingFetch } from "../src/judging-fetch.js";
import { type RunningPrism, startPrism } from "../src/prism-process.js";
import { documentedStatuses, writePrismSpec } from "../src/prism-spec.js";
import { describeViolations } from "../src/verdict.js";
import {
  CLUSTER,
  GROUP,
  type MockBehindPrism,
  snapshotsPath,
  startMockBehindPrism,
} from "./helpers/mock-behind-prism.js";

// Each control breaks the mock or the client on purpose through its public API;
// the suite proves it can fail by requiring Prism to name the break.

const good = { id: "7f0000000000000000000001", status: "COMPLETED", mongoDBVersion: "8.0.4" };
const newest = { scheduledTime: "2099-01-01T00:00:00Z" };

describe("a broken mock is caught", () => {
  let env: MockBehindPrism;
  beforeAll(async () => {
    env = await startMockBehindPrism({ snapshots: 5 }, { control: true });
  });
  afterAll(() => env?.stop());

  /** Serves `raw` as the newest snapshot and returns what Prism said about the first page. */
  async function serve(raw: Record<string, unknown>): Promise<string> {
    env.server.mock.store.reset();
    env.server.mock.store.unsafePutRawSnapshot(GROUP, CLUSTER, raw);
    const before = env.judged.verdicts.length;
    await (await env.get(`${snapshotsPath()}?itemsPerPage=2`)).arrayBuffer();
    return describeViolations(env.judged.verdicts.slice(before));
  }

  it("an unknown status", async () => {
    const found = await serve({ ...good, ...newest, status: "DELETED" });
    expect(found).toContain("[response.body.results.0.status]");
    expect(found).toContain("must be equal to one of the allowed values");
  });

  it("a missing id", async () => {
    const { id: _dropped, ...withoutId } = good;
    const found = await serve({ ...withoutId, ...newest });
    expect(found).toMatch(/results\.0.*must have required property 'id'/);
  });

  it("a field of the wrong type", async () => {
    const found = await serve({ ...good, ...newest, mongoDBVersion: 42 });
    expect(found).toContain("[response.body.results.0.mongoDBVersion]");
    expect(found).toContain("must be string");
  });

  it("an invented field", async () => {
    const found = await serve({ ...good, ...newest, sizeBytes: 1024 });
    expect(found).toContain("must NOT have additional properties; found 'sizeBytes'");
  });

  it("a time that is not UTC", async () => {
    const found = await serve({ ...good, scheduledTime: "2099-01-01T00:00:00+02:00" });
    expect(found).toContain("[response.body.results.0.scheduledTime]");
  });

  it("a status code the spec does not list", async () => {
    env.server.mock.forceResponse({ status: 418 });
    const before = env.judged.verdicts.length;
    await (await env.get(snapshotsPath())).arrayBuffer();
    expect(describeViolations(env.judged.verdicts.slice(before))).toContain(
      "[status] status 418 is not documented in the spec",
    );
  });
});

describe("a broken client is caught", () => {
  let prism: RunningPrism;
  beforeAll(async () => {
    prism = await startPrism({ mode: "mock", specFile: writePrismSpec() });
  });
  afterAll(() => prism?.stop());

  it.each([
    ["itemsPerPage above 500", "itemsPerPage", "600", "request.query.itemsperpage"],
    ["pageNum below 1", "pageNum", "0", "request.query.pagenum"],
    ["a boolean that is not one", "includeCount", "maybe", "request.query.includecount"],
  ])("%s", async (_name, parameter, value, location) => {
    const judged = judgingFetch("client-to-spec", documentedStatuses(), fetch, { control: true });
    const atlas = createAtlasClient({
      publicKey: "p",
      privateKey: "k",
      baseUrl: prism.url,
      fetch: judged,
      maxRetries: 0,
    });
    // A middleware added after the client's own validation rewrites the query, as a client bug would.
    atlas.use({
      onRequest({ request }) {
        const url = new URL(request.url);
        url.searchParams.set(parameter, value);
        return new Request(url, request);
      },
    });
    await atlas.listTenantSnapshots({ groupId: GROUP, clusterName: CLUSTER }).catch(() => undefined);
    expect(describeViolations(judged.verdicts)).toContain(`[${location}]`);
  });
});

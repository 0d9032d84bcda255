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
// Pages list the oldest first: a snapshot from 2000 is the first result.
const oldest = { scheduledTime: "2000-01-01T00:00:00Z" };

describe("a broken mock is caught", () => {
  let env: MockBehindPrism;
  beforeAll(async () => {
    env = await startMockBehindPrism({ snapshots: 5 }, { control: true });
  });
  afterAll(() => env?.stop());

  /**
   * Serves `raw` as the oldest snapshot and returns where Prism found a break in
   * the first page and which schema keyword failed: structured findings, never
   * Prism's wording, which is not ours to depend on.
   */
  async function serve(raw: Record<string, unknown>): Promise<{ location: string; code?: string }[]> {
    env.server.mock.store.reset();
    env.server.mock.store.unsafePutRawSnapshot(GROUP, CLUSTER, raw);
    const before = env.judged.verdicts.length;
    await (await env.get(`${snapshotsPath()}?itemsPerPage=2`)).arrayBuffer();
    return env.judged.verdicts
      .slice(before)
      .flatMap((v) => v.violations.map(({ location, code }) => ({ location, code })));
  }

  it.each<[string, Record<string, unknown>, { location: string; code: string }]>([
    [
      "an unknown status",
      { ...good, ...oldest, status: "DELETED" },
      { location: "response.body.results.0.status", code: "enum" },
    ],
    [
      "a missing id",
      { status: good.status, mongoDBVersion: good.mongoDBVersion, ...oldest },
      { location: "response.body.results.0", code: "required" },
    ],
    [
      "a field of the wrong type",
      { ...good, ...oldest, mongoDBVersion: 42 },
      { location: "response.body.results.0.mongoDBVersion", code: "type" },
    ],
    [
      "an invented field",
      { ...good, ...oldest, sizeBytes: 1024 },
      { location: "response.body.results.0", code: "additionalProperties" },
    ],
    [
      "a time that is not UTC",
      { ...good, scheduledTime: "2000-01-01T00:00:00+02:00" },
      { location: "response.body.results.0.scheduledTime", code: "pattern" },
    ],
  ])("%s", async (_name, raw, want) => {
    expect(await serve(raw)).toContainEqual(want);
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
    // Prism lower-cases parameter names in its locations; compare without case.
    const locations = judged.verdicts.flatMap((v) => v.violations.map((x) => x.location.toLowerCase()));
    expect(locations, describeViolations(judged.verdicts)).toContain(location);
  });
});

import { createAtlasClient } from "@atlas-snapshots/client";
import { OPERATIONS, type OperationId } from "@atlas-snapshots/types";
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
import { OPERATION_IDS, type PathValues, pathOf, servedTargets } from "./helpers/operations.js";

// Each control breaks the mock or the client on purpose through its public API;
// the suite proves it can fail by requiring Prism to name the break.

const good = { id: "7f0000000000000000000001", status: "COMPLETED", mongoDBVersion: "8.0.4" };
// Pages list the oldest first: a snapshot from 2000 is the first result.
const oldest = { scheduledTime: "2000-01-01T00:00:00Z" };

describe("a broken mock is caught", () => {
  let env: MockBehindPrism;
  let targets: Record<OperationId, Required<PathValues>>;
  beforeAll(async () => {
    env = await startMockBehindPrism({ snapshots: 5 }, { control: true });
    targets = await servedTargets(env.server.mock, GROUP);
  });
  afterAll(() => env?.stop());

  /** What the operation's client asks for (its Accept from the table). */
  const asClient = (id: OperationId): RequestInit => ({ headers: { accept: OPERATIONS[id].accept } });

  /**
   * Serves `raw` as the oldest snapshot of the cluster `id` reads and returns where Prism found a break
   * in its reply (the first page of a listing, or that snapshot) and which schema keyword failed:
   * structured findings, never Prism's wording, which is not ours to depend on.
   */
  async function serve(id: OperationId, raw: Record<string, unknown>): Promise<{ location: string; code?: string }[]> {
    env.server.mock.store.reset();
    const target = { ...targets[id], snapshotId: String(raw.id ?? good.id) };
    env.server.mock.store.unsafePutRawSnapshot(GROUP, target.cluster, raw);
    const before = env.judged.verdicts.length;
    const query = OPERATIONS[id].paged ? "?itemsPerPage=2" : "";
    await (await env.send(pathOf(id, target, query), asClient(id))).arrayBuffer();
    return env.judged.verdicts
      .slice(before)
      .flatMap((v) => v.violations.map(({ location, code }) => ({ location, code })));
  }

  /** Each break, and where in a snapshot Prism must find it (a path below the snapshot, and the keyword). */
  const breaks: [string, Record<string, unknown>, { at: string; code: string }][] = [
    ["an unknown status", { ...good, ...oldest, status: "DELETED" }, { at: ".status", code: "enum" }],
    // Without an id a snapshot cannot be asked for by id: a listing only.
    [
      "a missing id",
      { status: good.status, mongoDBVersion: good.mongoDBVersion, ...oldest },
      { at: "", code: "required" },
    ],
    ["a field of the wrong type", { ...good, ...oldest, mongoDBVersion: 42 }, { at: ".mongoDBVersion", code: "type" }],
    ["an invented field", { ...good, ...oldest, sizeBytes: 1024 }, { at: "", code: "additionalProperties" }],
    [
      "a time that is not UTC",
      { ...good, scheduledTime: "2000-01-01T00:00:00+02:00" },
      { at: ".scheduledTime", code: "pattern" },
    ],
  ];
  const cases = OPERATION_IDS.flatMap((id) =>
    breaks
      .filter(([, raw]) => OPERATIONS[id].paged || raw.id !== undefined)
      .map(([name, raw, want]) => [id, name, raw, want] as const),
  );

  it.each(cases)("%s: %s", async (id, _name, raw, { at, code }) => {
    const location = (OPERATIONS[id].paged ? "response.body.results.0" : "response.body") + at;
    expect(await serve(id, raw)).toContainEqual({ location, code });
  });

  it.each(OPERATION_IDS)("%s: a reply in a media type the operation does not document for its status", async (id) => {
    const before = env.judged.verdicts.length;
    // A JSON type it does not document (Prism 5 lets either pass for the other; our rule must not).
    const wrong = OPERATIONS[id].accept.startsWith("application/vnd.")
      ? "application/json"
      : "application/vnd.atlas.2024-11-13+json";
    // A body that fits, so that the media type is the only break (Prism would replace a broken reply with its own 500).
    const body = OPERATIONS[id].paged ? { results: [] } : { ...good, ...oldest };
    env.server.mock.forceResponse({ status: 200, body, headers: { "Content-Type": wrong } });
    await (await env.send(pathOf(id, targets[id]), asClient(id))).arrayBuffer();
    const found = env.judged.verdicts.slice(before).flatMap((v) => v.violations.map((x) => x.location));
    expect(found).toContain("content-type");
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

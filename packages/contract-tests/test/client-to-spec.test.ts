import {
  AtlasApiError,
  AtlasAuthenticationError,
  AtlasBadRequestError,
  AtlasIncompleteListingError,
  AtlasNotFoundError,
  AtlasPermissionError,
  AtlasRateLimitError,
  AtlasServerError,
  createAtlasClient,
} from "@atlas-snapshots/client";
import { ITEMS_PER_PAGE_MAX, type TenantSnapshotPage } from "@atlas-snapshots/types";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { judgingFetch } from "../src/judging-fetch.js";
import { type RunningPrism, startPrism } from "../src/prism-process.js";
import { documentedStatuses, writePrismSpec } from "../src/prism-spec.js";
import { describeViolations } from "../src/verdict.js";

const target = { groupId: "5b69d0349b15c62cdfc38b78", clusterName: "M2AWS" };
const documented = documentedStatuses();
let prism: RunningPrism;

beforeAll(async () => {
  prism = await startPrism({ mode: "mock", specFile: writePrismSpec(), args: ["--seed", "7"] });
});
afterAll(() => prism?.stop());

/** A client whose every exchange Prism judges; `prefer` picks Prism's example, status or dynamic mode. */
function judgedClient(prefer?: string, options: { maxRetries?: number } = {}) {
  const judged = judgingFetch("client-to-spec", documented, (input, init) => {
    const request = new Request(input, init);
    if (prefer) request.headers.set("Prefer", prefer);
    return fetch(request);
  });
  const atlas = createAtlasClient({
    publicKey: "contract-public",
    privateKey: "contract-private",
    baseUrl: prism.url,
    fetch: judged,
    // Prism's examples say Retry-After: 30; cap the wait so the suite stays fast.
    retry: { baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 5 },
    ...options,
  });
  const expectClean = () => {
    expect(judged.verdicts.length).toBeGreaterThan(0);
    expect(describeViolations(judged.verdicts), "Prism found violations").toBe("");
  };
  return { atlas, judged, expectClean };
}

describe("client requests judged by Prism", () => {
  it.each([
    ["no parameter", {}],
    ["pageNum", { pageNum: 3 }],
    ["itemsPerPage at its minimum", { itemsPerPage: 1 }],
    ["itemsPerPage at its maximum", { itemsPerPage: ITEMS_PER_PAGE_MAX }],
    ["includeCount=false", { includeCount: false }],
    ["includeCount=true", { includeCount: true }],
    ["pretty", { pretty: true }],
    ["envelope", { envelope: true }],
    ["everything at once", { pageNum: 2, itemsPerPage: 50, includeCount: false, pretty: true, envelope: false }],
  ])("listTenantSnapshots with %s conforms", async (_name, params) => {
    const { atlas, judged, expectClean } = judgedClient();
    const page = await atlas.listTenantSnapshots({ ...target, ...params });
    expect(page.results[0]?.id).toBe("5cc310ace5dc7ce369814bc8");
    expectClean();
    const sent = new URL(judged.verdicts[0]?.url ?? "").searchParams;
    for (const [key, value] of Object.entries(params)) expect(sent.get(key)).toBe(String(value));
  });

  it("conforms for any valid combination of query parameters", async () => {
    const { atlas, judged, expectClean } = judgedClient();
    const query = fc.record(
      {
        pageNum: fc.integer({ min: 1, max: 1_000_000 }),
        itemsPerPage: fc.integer({ min: 1, max: ITEMS_PER_PAGE_MAX }),
        includeCount: fc.boolean(),
        pretty: fc.boolean(),
        envelope: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    const clusterName = fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9-]{0,63}$/);
    const groupId = fc.stringMatching(/^[a-f0-9]{24}$/);
    await fc.assert(
      fc.asyncProperty(groupId, clusterName, query, async (g, c, q) => {
        await atlas.listTenantSnapshots({ groupId: g, clusterName: c, ...q });
      }),
      { numRuns: 40, seed: 42 },
    );
    expect(judged.verdicts).toHaveLength(40);
    expectClean();
  });

  it("atlas.GET, the typed openapi-fetch call, conforms", async () => {
    const { atlas, expectClean } = judgedClient();
    const { data, error } = await atlas.GET("/groups/{groupId}/clusters/{clusterName}/backup/tenant/snapshots", {
      params: { path: target, query: { pageNum: 1, itemsPerPage: 10, includeCount: true } },
    });
    expect(error).toBeUndefined();
    expect((data as TenantSnapshotPage).totalCount).toBe(1);
    expectClean();
  });

  it("the paging fan-out conforms: page 1 counted, later pages not", async () => {
    // Prism's `withLinks` example is a full page of one with a `next` link and totalCount 2, whatever
    // pageNum says: page 2 repeats page 1, which the client calls an incomplete listing (issue 12).
    const { atlas, judged, expectClean } = judgedClient("example=withLinks");
    await expect(atlas.listAllTenantSnapshots({ ...target, itemsPerPage: 1, concurrency: 3 })).rejects.toThrow(
      AtlasIncompleteListingError,
    );
    const sent = judged.verdicts.map((v) => new URL(v.url).searchParams);
    expect(sent.map((q) => [q.get("pageNum"), q.get("includeCount")])).toEqual([
      ["1", "true"],
      ["2", "false"],
    ]);
    expectClean();
  });

  it.each([
    [429, AtlasRateLimitError],
    [500, AtlasServerError],
    [503, AtlasServerError],
  ])("retries a %i with conforming requests, then throws %o", async (status, errorClass) => {
    const { atlas, judged, expectClean } = judgedClient(`code=${status}`, { maxRetries: 2 });
    await expect(atlas.listTenantSnapshots(target)).rejects.toBeInstanceOf(errorClass);
    expect(judged.verdicts.map((v) => v.status)).toEqual([status, status, status]);
    expectClean();
  });
});

describe("getTenantSnapshot judged by Prism", () => {
  const one = { ...target, snapshotId: "5cc310ace5dc7ce369814bc8" };

  it("sends a conforming request and reads the example snapshot", async () => {
    const { atlas, judged, expectClean } = judgedClient();
    const snapshot = await atlas.getTenantSnapshot(one);
    expect(snapshot).toMatchObject({ id: one.snapshotId, status: "FAILED" });
    expect(new URL(judged.verdicts[0]?.url ?? "").pathname).toMatch(/\/snapshots\/5cc310ace5dc7ce369814bc8$/);
    expectClean();
  });

  it.each([
    [400, AtlasBadRequestError],
    [401, AtlasAuthenticationError],
    [403, AtlasPermissionError],
    [404, AtlasNotFoundError],
    [429, AtlasRateLimitError],
    [500, AtlasServerError],
  ])("turns a documented %i into %o", async (status, errorClass) => {
    const { atlas, expectClean } = judgedClient(`code=${status}`, { maxRetries: 0 });
    const error = await atlas.getTenantSnapshot(one).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toMatchObject({ status });
    expectClean();
  });
});

describe("client reading Prism's responses", () => {
  // Prism serves each status's first example: Atlas's 401 has no errorCode, and the 503 is a proxy's plain text.
  it.each([
    [400, AtlasBadRequestError, expect.stringMatching(/^[A-Z_]+$/)],
    [401, AtlasAuthenticationError, undefined],
    [403, AtlasPermissionError, expect.stringMatching(/^[A-Z_]+$/)],
    [404, AtlasNotFoundError, "GROUP_NOT_FOUND"],
    [429, AtlasRateLimitError, "RATE_LIMITED_TOKEN_BUCKET"],
    [500, AtlasServerError, "UNEXPECTED_ERROR"],
    [503, AtlasServerError, undefined],
  ])("turns a documented %i into %o with Atlas's fields", async (status, errorClass, errorCode) => {
    const { atlas, expectClean } = judgedClient(`code=${status}`, { maxRetries: 0 });
    const error = await atlas.listTenantSnapshots(target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toMatchObject({ status, errorCode });
    expect((error as AtlasApiError).detail).toEqual(expect.any(String));
    expectClean();
  });

  it("reads the static 200 example as a page", async () => {
    const { atlas } = judgedClient();
    const page = await atlas.listTenantSnapshots(target);
    expect(page).toEqual({
      results: [expect.objectContaining({ id: "5cc310ace5dc7ce369814bc8", status: "FAILED" })],
      totalCount: 1,
    });
  });

  it("reads every dynamic 200 as a page or, for an enveloped error, the matching error", async () => {
    const { atlas, judged } = judgedClient("dynamic=true", { maxRetries: 0 });
    const outcomes: string[] = [];
    for (let i = 0; i < 12; i++) {
      const result = await atlas.listTenantSnapshots(target).then(
        (page) => (Array.isArray(page.results) ? "page" : "not a page"),
        (error: unknown) => (error instanceof AtlasApiError ? `error ${error.status}` : `unexpected ${error}`),
      );
      outcomes.push(result);
    }
    expect(judged.verdicts.every((v) => v.status === 200)).toBe(true);
    expect(outcomes.filter((o) => o === "not a page" || o.startsWith("unexpected"))).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { AtlasIncompleteListingError, AtlasResponseError, createAtlasClient } from "../src/index.js";
import {
  BASE_URL,
  CLUSTER,
  createPageServer,
  GROUP_ID,
  makeSnapshots,
  type PageServerOptions,
} from "./helpers/snapshots.js";

const target = { groupId: GROUP_ID, clusterName: CLUSTER };

function setup(count: number, options: PageServerOptions = {}, concurrency?: number) {
  const data = makeSnapshots(count);
  const server = createPageServer(data, options);
  const atlas = createAtlasClient({
    publicKey: "p",
    privateKey: "k",
    baseUrl: BASE_URL,
    fetch: server.fetch,
    concurrency,
  });
  const pagesAsked = () => server.state.queries.map((q) => Number(q.get("pageNum")));
  return { data, server, atlas, pagesAsked };
}

describe("iterateTenantSnapshots", () => {
  it("throws AtlasIncompleteListingError when a server repeats the same full page forever (ignores pageNum)", async () => {
    const page = { results: makeSnapshots(2), links: [{ rel: "next", href: `${BASE_URL}/next` }] };
    let requests = 0;
    const atlas = createAtlasClient({
      publicKey: "p",
      privateKey: "k",
      baseUrl: BASE_URL,
      fetch: async () => {
        requests++;
        return Response.json(page);
      },
    });
    const listing = atlas.listAllTenantSnapshots({ ...target, itemsPerPage: 2, concurrency: 1 });
    await expect(listing).rejects.toThrow(AtlasIncompleteListingError);
    await expect(listing).rejects.toMatchObject({ pageNum: 2, received: 2 });
    expect(requests).toBe(2);
  });

  it("throws AtlasIncompleteListingError at an empty middle page that the page before linked to", async () => {
    const { atlas } = setup(23, { mutate: (pageNum, rows) => (pageNum === 3 ? [] : rows) });
    const listing = atlas.listAllTenantSnapshots({ ...target, itemsPerPage: 5 });
    await expect(listing).rejects.toThrow(AtlasIncompleteListingError);
    await expect(listing).rejects.toMatchObject({ pageNum: 3, received: 10, totalCount: 23 });
    await expect(listing).rejects.toThrow(
      /page 3 came back empty although page 2 linked to it.*10 snapshots arrived of the 23/,
    );
  });

  it("throws AtlasIncompleteListingError when the pages end a page or more short of totalCount", async () => {
    const { atlas } = setup(12, { reportedCount: 500, delayMs: 2 });
    const listing = atlas.listAllTenantSnapshots({ ...target, itemsPerPage: 5, concurrency: 4 });
    await expect(listing).rejects.toThrow(AtlasIncompleteListingError);
    await expect(listing).rejects.toThrow(/ended at page 3 although totalCount \(500\) promised 100 pages of 5/);
  });

  it("accepts an end short of totalCount on the count's last page (an estimate, or snapshots that expired)", async () => {
    const { atlas, data } = setup(12, { reportedCount: 14 });
    const all = await atlas.listAllTenantSnapshots({ ...target, itemsPerPage: 5 });
    expect(all.map((s) => s.id)).toEqual(data.map((s) => s.id));
  });

  it("yields every snapshot exactly once, in order", async () => {
    const { data, atlas } = setup(23);
    const ids: string[] = [];
    for await (const s of atlas.iterateTenantSnapshots({ ...target, itemsPerPage: 5 })) ids.push(s.id);
    expect(ids).toEqual(data.map((s) => s.id));
  });

  it("asks for the count on page 1 only, and for each page once", async () => {
    const { atlas, server, pagesAsked } = setup(23);
    await atlas.listAllTenantSnapshots({ ...target, itemsPerPage: 5 });
    expect(server.state.queries.map((q) => q.get("includeCount"))).toEqual([
      "true",
      "false",
      "false",
      "false",
      "false",
    ]);
    expect(pagesAsked().sort()).toEqual([1, 2, 3, 4, 5]);
    expect(server.state.queries.every((q) => q.get("itemsPerPage") === "5")).toBe(true);
  });

  it.each([1, 2, 4, 7])("keeps at most %i requests in flight", async (concurrency) => {
    const { atlas, server, data } = setup(60, { delayMs: 5 });
    const all = await atlas.listAllTenantSnapshots({ ...target, itemsPerPage: 5, concurrency });
    expect(all).toHaveLength(data.length);
    expect(server.state.maxInFlight).toBe(concurrency);
  });

  it("takes the client's concurrency as the default", async () => {
    const { atlas, server } = setup(60, { delayMs: 5 }, 3);
    await atlas.listAllTenantSnapshots({ ...target, itemsPerPage: 5 });
    expect(server.state.maxInFlight).toBe(3);
  });

  it("keeps going past a totalCount that is too low", async () => {
    const { atlas, data, pagesAsked } = setup(23, { reportedCount: 7 });
    const all = await atlas.listAllTenantSnapshots({ ...target, itemsPerPage: 5 });
    expect(all.map((s) => s.id)).toEqual(data.map((s) => s.id));
    expect(pagesAsked()).toEqual([1, 2, 3, 4, 5]);
  });

  it("stops at the first short page when totalCount is too high by less than a page, cancelling the rest", async () => {
    const { atlas, data, pagesAsked } = setup(12, { reportedCount: 14, delayMs: 2 });
    const all = await atlas.listAllTenantSnapshots({ ...target, itemsPerPage: 5, concurrency: 4 });
    expect(all.map((s) => s.id)).toEqual(data.map((s) => s.id));
    // Page 3 is short and the count's last page: nothing is asked past it.
    expect(Math.max(...pagesAsked())).toBeLessThanOrEqual(3);
  });

  it.each([
    ["with the count", {}],
    ["without the count", { omitCount: true }],
    ["with a count too low", { reportedCount: 7 }],
  ])("ends at a full last page whose links have no next (%s): no empty page after it", async (_, options) => {
    const { atlas, data, pagesAsked } = setup(15, options);
    const all = await atlas.listAllTenantSnapshots({ ...target, itemsPerPage: 5 });
    expect(all.map((s) => s.id)).toEqual(data.map((s) => s.id));
    expect(pagesAsked()).toEqual([1, 2, 3]);
  });

  it.each([
    ["with the count", { links: false }],
    ["without the count", { links: false, omitCount: true }],
    ["with empty links", { links: [] }],
  ])("asks for one more page after a full page without links (%s)", async (_, options: PageServerOptions) => {
    const { atlas, data, pagesAsked } = setup(10, options);
    const all = await atlas.listAllTenantSnapshots({ ...target, itemsPerPage: 5 });
    expect(all).toHaveLength(data.length);
    expect(pagesAsked()).toEqual([1, 2, 3]);
  });

  it("throws at a full page without next inside the counted pages, when the count is a page or more too high", async () => {
    const { atlas, pagesAsked } = setup(10, { reportedCount: 500, delayMs: 2 });
    const listing = atlas.listAllTenantSnapshots({ ...target, itemsPerPage: 5, concurrency: 4 });
    await expect(listing).rejects.toMatchObject({ name: "AtlasIncompleteListingError", pageNum: 2, received: 10 });
    // Pages 2 to 5 went out together; page 2 ends it and nothing is asked past the window.
    expect(Math.max(...pagesAsked())).toBeLessThanOrEqual(5);
  });

  it("follows next from a short page", async () => {
    const data = makeSnapshots(5);
    const pages = [
      { results: data.slice(0, 3), links: [{ rel: "next", href: `${BASE_URL}/2` }] },
      { results: data.slice(3), links: [{ rel: "self", href: `${BASE_URL}/2` }] },
    ];
    const atlas = createAtlasClient({
      publicKey: "p",
      privateKey: "k",
      baseUrl: BASE_URL,
      fetch: async (input, init) => {
        const pageNum = Number(new URL(new Request(input, init).url).searchParams.get("pageNum"));
        return Response.json(pages[pageNum - 1] ?? { results: [] });
      },
    });
    const all = await atlas.listAllTenantSnapshots({ ...target, itemsPerPage: 5 });
    expect(all.map((s) => s.id)).toEqual(data.map((s) => s.id));
  });

  it("follows rel=next one page at a time when there is no count", async () => {
    const { atlas, data, server, pagesAsked } = setup(23, { omitCount: true, delayMs: 2 });
    const all = await atlas.listAllTenantSnapshots({ ...target, itemsPerPage: 5, concurrency: 4 });
    expect(all.map((s) => s.id)).toEqual(data.map((s) => s.id));
    expect(pagesAsked()).toEqual([1, 2, 3, 4, 5]);
    expect(server.state.maxInFlight).toBe(1);
  });

  it("drops duplicate ids (data that shifted between pages)", async () => {
    // From page 2 on, a new snapshot appears at the top: every later page repeats one id.
    const { atlas, data } = setup(12, {
      mutate: (pageNum, rows) => (pageNum === 1 ? rows : [...makeSnapshots(13).slice(12), ...rows]),
    });
    const all = await atlas.listAllTenantSnapshots({ ...target, itemsPerPage: 5 });
    const ids = all.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 12)).toEqual(data.map((s) => s.id));
  });

  it("yields nothing for an empty result set after one request", async () => {
    const { atlas, pagesAsked } = setup(0);
    expect(await atlas.listAllTenantSnapshots(target)).toEqual([]);
    expect(pagesAsked()).toEqual([1]);
  });

  it("stops fetching when the consumer breaks out early", async () => {
    const { atlas, pagesAsked } = setup(100, { delayMs: 2 });
    for await (const _ of atlas.iterateTenantSnapshots({ ...target, itemsPerPage: 5, concurrency: 2 })) break;
    await new Promise((r) => setTimeout(r, 20));
    expect(pagesAsked().length).toBeLessThanOrEqual(3);
  });

  it("throws AtlasResponseError at a page 2 holding a snapshot without an id, after page 1 in full", async () => {
    const { data, server } = setup(250);
    const atlas = createAtlasClient({
      publicKey: "p",
      privateKey: "k",
      baseUrl: BASE_URL,
      concurrency: 1,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (new URL(request.url).searchParams.get("pageNum") !== "2") return server.fetch(request);
        return Response.json({ results: [{ status: "COMPLETED" }], links: [] });
      },
    });
    const got: string[] = [];
    const error = await (async () => {
      for await (const s of atlas.iterateTenantSnapshots({ ...target, itemsPerPage: 100 })) got.push(s.id);
    })().catch((e: unknown) => e);
    expect(got).toEqual(data.slice(0, 100).map((s) => s.id));
    expect(error).toBeInstanceOf(AtlasResponseError);
    expect((error as Error).message).toMatch(/pageNum=2.* results\[0\] is not a snapshot/);
  });

  it("uses the spec's default page size (100)", async () => {
    const { atlas, server } = setup(3);
    await atlas.listAllTenantSnapshots(target);
    expect(server.state.queries[0]?.get("itemsPerPage")).toBe("100");
  });
});

// The Flex helpers (API v2): where they send, what they ask for, and the same
// paging, errors and checks as the M2/M5 helpers, from the same operation table.
import { FLEX_CLUSTER_NAME_RULE, OPERATIONS } from "@atlas-snapshots/types";
import { describe, expect, it } from "vitest";
import {
  AtlasBadRequestError,
  AtlasIncompleteListingError,
  AtlasValidationError,
  createAtlasClient,
} from "../src/index.js";
import { scriptedFetch } from "./helpers/scripted-fetch.js";
import { createPageServer, GROUP_ID, makeSnapshots } from "./helpers/snapshots.js";

const HOST = "https://atlas.test";
const FLEX = "FlexAWS";
const FLEX_URL = `${HOST}/api/atlas/v2/groups/${GROUP_ID}/flexClusters/${FLEX}/backup/snapshots`;
const VERSIONED = "application/vnd.atlas.2024-11-13+json";
const versioned = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": `${VERSIONED};charset=utf-8` } });

describe("Flex helpers", () => {
  it("listFlexSnapshots sends the v2 path with the versioned Accept alone, whatever form baseUrl takes", async () => {
    for (const baseUrl of [HOST, `${HOST}/`, `${HOST}/api/atlas/v1.0`, `${HOST}/api/atlas/v2`]) {
      const fetch = scriptedFetch(() => versioned({ results: [], totalCount: 0 }));
      const atlas = createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl, fetch });
      const page = await atlas.listFlexSnapshots({ groupId: GROUP_ID, name: FLEX, itemsPerPage: 5 });
      expect(page).toEqual({ results: [], totalCount: 0 });
      const [request] = fetch.calls;
      expect(request?.url).toBe(`${FLEX_URL}?itemsPerPage=5`);
      expect(request?.headers.get("accept")).toBe(VERSIONED);
      expect(OPERATIONS.listFlexBackupSnapshots.accept).toBe(VERSIONED);
    }
  });

  it("listAllFlexSnapshots pages through every snapshot in order", async () => {
    const data = makeSnapshots(23);
    const server = createPageServer(data);
    const atlas = createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: HOST, fetch: server.fetch });
    const all = await atlas.listAllFlexSnapshots({ groupId: GROUP_ID, name: FLEX, itemsPerPage: 5 });
    expect(all.map((s) => s.id)).toEqual(data.map((s) => s.id));
    expect(server.state.queries.map((q) => q.get("pageNum"))).toContain("5");
  });

  it("a Flex listing that ends short is an error, as for M2/M5", async () => {
    const server = createPageServer(makeSnapshots(10), { reportedCount: 30 });
    const atlas = createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: HOST, fetch: server.fetch });
    const error = await atlas.listAllFlexSnapshots({ groupId: GROUP_ID, name: FLEX, itemsPerPage: 5 }).catch((e) => e);
    expect(error).toBeInstanceOf(AtlasIncompleteListingError);
  });

  it("getFlexSnapshot returns the snapshot asked for, signed in with a service account, and refuses another id", async () => {
    const [snapshot] = makeSnapshots(1);
    const id = snapshot?.id as string;
    const api = scriptedFetch(() => versioned(snapshot));
    const token = scriptedFetch({ status: 200, body: { access_token: "t", token_type: "Bearer", expires_in: 3600 } });
    const atlas = createAtlasClient({
      clientId: "mdb_sa_id_x",
      clientSecret: "s",
      baseUrl: HOST,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        return request.url === `${HOST}/api/oauth/token` ? token(request) : api(request);
      },
    });
    expect(await atlas.getFlexSnapshot({ groupId: GROUP_ID, name: FLEX, snapshotId: id })).toEqual(snapshot);
    expect(api.calls[0]?.url).toBe(`${FLEX_URL}/${id}`);
    expect(api.calls[0]?.headers.get("accept")).toBe(VERSIONED);
    expect(api.calls[0]?.headers.get("authorization")).toBe("Bearer t");
    const other = id.replace(/.$/, (c) => (c === "0" ? "1" : "0"));
    await expect(atlas.getFlexSnapshot({ groupId: GROUP_ID, name: FLEX, snapshotId: other })).rejects.toMatchObject({
      name: "AtlasResponseError",
    });
    expect(token.calls).toHaveLength(1);
  });

  it("checks name with the spec's rule and sends nothing", async () => {
    const fetch = scriptedFetch(200);
    const atlas = createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: HOST, fetch });
    const error = await atlas.listFlexSnapshots({ groupId: GROUP_ID, name: "a_b" }).catch((e) => e);
    expect(error).toBeInstanceOf(AtlasValidationError);
    expect(error).toMatchObject({ argument: "name" });
    expect((error as Error).message).toContain(FLEX_CLUSTER_NAME_RULE);
    // A tenant-style argument is not the Flex helper's.
    const wrong = await atlas
      .getFlexSnapshot({ groupId: GROUP_ID, clusterName: FLEX, snapshotId: "5cc310ace5dc7ce369814bc8" } as never)
      .catch((e) => e);
    expect(wrong).toMatchObject({ name: "AtlasValidationError", argument: "name" });
    expect(fetch.calls).toHaveLength(0);
  });

  it("Atlas's 400 for a cluster that is not Flex becomes AtlasBadRequestError with its code", async () => {
    const body = {
      detail: "Cannot use non-flex cluster M2AWS in the flex API.",
      error: 400,
      errorCode: "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API",
      parameters: ["M2AWS"],
      reason: "Bad Request",
    };
    const fetch = scriptedFetch({ status: 400, body, headers: { "x-error-code": body.errorCode } });
    const atlas = createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: HOST, fetch, maxRetries: 0 });
    const error = await atlas.listAllFlexSnapshots({ groupId: GROUP_ID, name: "M2AWS" }).catch((e) => e);
    expect(error).toBeInstanceOf(AtlasBadRequestError);
    expect(error).toMatchObject({ status: 400, errorCode: "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API" });
  });

  it("atlas.GET on a v2 path goes to the v2 base path with the versioned Accept", async () => {
    const fetch = scriptedFetch(() => versioned({ results: [] }));
    const atlas = createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: HOST, fetch });
    await atlas.GET("/groups/{groupId}/flexClusters/{name}/backup/snapshots", {
      params: { path: { groupId: GROUP_ID, name: FLEX }, query: { pageNum: 2 } },
    });
    expect(fetch.calls[0]?.url).toBe(`${FLEX_URL}?pageNum=2`);
    expect(fetch.calls[0]?.headers.get("accept")).toBe(VERSIONED);
  });
});

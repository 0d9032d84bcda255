import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_BASE_URL } from "@atlas-snapshots/types";
import { describe, expect, it } from "vitest";
import * as digestEntry from "../src/digest.js";
import * as entry from "../src/index.js";
import { createAtlasClient } from "../src/index.js";
import { createDigestServer } from "./helpers/digest-server.js";
import { scriptedFetch } from "./helpers/scripted-fetch.js";
import { BASE_URL, CLUSTER, createPageServer, GROUP_ID, makeSnapshots } from "./helpers/snapshots.js";

const target = { groupId: GROUP_ID, clusterName: CLUSTER };

describe("createAtlasClient", () => {
  it("runs middleware added with atlas.use() for the helpers' requests too", async () => {
    const fetch = scriptedFetch({ status: 200, body: { results: [], totalCount: 0 } });
    const atlas = createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: BASE_URL, fetch });
    const seen: string[] = [];
    atlas.use({
      onRequest({ request }) {
        seen.push(new URL(request.url).searchParams.get("pageNum") ?? "none");
        request.headers.set("x-trace", "on");
      },
    });
    await atlas.listTenantSnapshots({ groupId: GROUP_ID, clusterName: CLUSTER, pageNum: 2 });
    await atlas.listAllTenantSnapshots({ groupId: GROUP_ID, clusterName: CLUSTER });
    expect(seen).toEqual(["2", "1"]);
    expect(fetch.calls.every((r) => r.headers.get("x-trace") === "on")).toBe(true);
  });

  it("exports exactly the public API", () => {
    expect(Object.keys(entry).sort()).toEqual(
      [
        "AtlasApiError",
        "AtlasAuthenticationError",
        "AtlasBadRequestError",
        "AtlasConnectionError",
        "AtlasError",
        "AtlasIncompleteListingError",
        "AtlasNotFoundError",
        "AtlasPermissionError",
        "AtlasRateLimitError",
        "AtlasResponseError",
        "AtlasResponseTooLargeError",
        "AtlasServerError",
        "AtlasTimeoutError",
        "AtlasValidationError",
        "createAtlasClient",
        "createDigestFetch",
        "parseWwwAuthenticate",
        "printable",
        "REDACTED",
        "redact",
        "redactUrlCredentials",
      ].sort(),
    );
    expect(Object.keys(digestEntry).sort()).toEqual([
      "computeDigestResponse",
      "createDigestFetch",
      "parseWwwAuthenticate",
    ]);
  });

  it("talks to Atlas's production URL by default", async () => {
    const fetch = scriptedFetch(200);
    await createAtlasClient({ publicKey: "p", privateKey: "k", fetch }).listTenantSnapshots(target);
    expect(fetch.calls[0]?.url.startsWith(`${DEFAULT_BASE_URL}/groups/`)).toBe(true);
  });

  it("keeps the typed openapi-fetch client intact", async () => {
    const data = makeSnapshots(2);
    const server = createPageServer(data);
    const atlas = createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: BASE_URL, fetch: server.fetch });
    const {
      data: page,
      error,
      response,
    } = await atlas.GET("/groups/{groupId}/clusters/{clusterName}/backup/tenant/snapshots", {
      params: { path: target, query: { itemsPerPage: 1 } },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(page && "results" in page ? page.results.map((s) => s.id) : []).toEqual([data[0]?.id]);
    expect(typeof atlas.use).toBe("function");
    // A 404 comes back as `error`, as with plain openapi-fetch.
    const notFound = createAtlasClient({
      publicKey: "p",
      privateKey: "k",
      baseUrl: BASE_URL,
      fetch: scriptedFetch(404),
    });
    const result = await notFound.GET("/groups/{groupId}/clusters/{clusterName}/backup/tenant/snapshots", {
      params: { path: target },
    });
    expect(result.response.status).toBe(404);
    expect(result.error).toMatchObject({ errorCode: "E404" });
  });

  it("authenticates helpers and atlas.GET alike with Digest, and logs auth events without secrets", async () => {
    const server = createDigestServer({ qop: "auth" });
    const debug: unknown[] = [];
    const atlas = createAtlasClient({
      publicKey: "alice",
      privateKey: "s3cret",
      baseUrl: BASE_URL,
      fetch: server.fetch,
      logger: { debug: (...args) => debug.push(args) },
    });
    await atlas.listTenantSnapshots(target);
    await atlas.GET("/groups/{groupId}/clusters/{clusterName}/backup/tenant/snapshots", { params: { path: target } });
    await atlas.listAllTenantSnapshots(target);
    expect(server.state.requests).toHaveLength(4);
    expect(server.state.refusals).toEqual([]);
    expect(JSON.stringify(debug)).toContain("Digest challenge received");
  });

  it('hands the injected fetch one Request with method GET and credentials "omit"', async () => {
    const fetch = scriptedFetch(200);
    await createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: BASE_URL, fetch }).listTenantSnapshots(target);
    expect(fetch.calls[0]).toBeInstanceOf(Request);
    expect(fetch.calls[0]?.method).toBe("GET");
    // Through retry, Digest and envelope layers: a browser must not raise its own login prompt.
    expect(fetch.calls[0]?.credentials).toBe("omit");
  });

  it("accepts a baseUrl with a trailing slash", async () => {
    const fetch = scriptedFetch(200);
    await createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: `${BASE_URL}/`, fetch }).listTenantSnapshots(
      target,
    );
    expect(new URL(fetch.calls[0]?.url ?? "").pathname).toMatch(/^\/api\/atlas\/v1\.0\/groups\//);
  });

  it.each([
    ["no baseUrl: Atlas's host", undefined, `https://cloud.mongodb.com/api/atlas/v1.0/groups/${GROUP_ID}/`],
    ["a host", "https://atlas.test", `https://atlas.test/api/atlas/v1.0/groups/${GROUP_ID}/`],
    ["a host with a trailing slash", "https://atlas.test/", `https://atlas.test/api/atlas/v1.0/groups/${GROUP_ID}/`],
    ["a host behind a path", "https://proxy.test/atlas", `https://proxy.test/atlas/api/atlas/v1.0/groups/${GROUP_ID}/`],
    ["the old form", "https://proxy.test/atlas/api/atlas/v1.0", `https://proxy.test/atlas/api/atlas/v1.0/groups/`],
  ])("with %s, adds the operation's base path from the spec", async (_name, baseUrl, expected) => {
    const fetch = scriptedFetch(200);
    const atlas = createAtlasClient({ publicKey: "p", privateKey: "k", fetch, ...(baseUrl ? { baseUrl } : {}) });
    await atlas.listTenantSnapshots(target);
    expect(fetch.calls[0]?.url.startsWith(expected)).toBe(true);
    await atlas.GET("/groups/{groupId}/clusters/{clusterName}/backup/tenant/snapshots", { params: { path: target } });
    expect(fetch.calls.at(-1)?.url.startsWith(expected)).toBe(true);
  });

  it("getTenantSnapshot refuses a bad snapshotId before sending, and a reply that is not the snapshot", async () => {
    const fetch = scriptedFetch({ status: 200, body: { results: [] } });
    const atlas = createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: BASE_URL, fetch });
    await expect(atlas.getTenantSnapshot({ ...target, snapshotId: "5CC310ACE5DC7CE369814BC8" })).rejects.toMatchObject({
      name: "AtlasValidationError",
      argument: "snapshotId",
    });
    expect(fetch.calls).toHaveLength(0);
    const error = await atlas.getTenantSnapshot({ ...target, snapshotId: "5cc310ace5dc7ce369814bc8" }).catch((e) => e);
    expect(error).toMatchObject({ name: "AtlasResponseError" });
    expect(String(error.message)).toMatch(/snapshots\/5cc310ace5dc7ce369814bc8 is not the snapshot: /);
  });

  it("asks for the media type the spec documents for the operation", async () => {
    const fetch = scriptedFetch(200);
    await createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: BASE_URL, fetch }).listTenantSnapshots(target);
    // JSON for its pages; the plain text only a proxy's 503 comes in is read too, so it is named, ranked lower.
    expect(fetch.calls[0]?.headers.get("accept")).toBe("application/json, text/plain;q=0.5");
  });
});

describe("portability", () => {
  it("imports nothing from node: in src (runs in browsers, Deno, Bun, workers)", () => {
    const src = fileURLToPath(new URL("../src", import.meta.url));
    const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = readFileSync(join(src, file), "utf8");
      expect(text, file).not.toMatch(/from\s+["']node:|require\(|process\./);
    }
  });
});

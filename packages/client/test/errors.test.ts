import { describe, expect, it } from "vitest";
import {
  AtlasApiError,
  AtlasAuthenticationError,
  AtlasBadRequestError,
  AtlasError,
  AtlasNotFoundError,
  AtlasPermissionError,
  AtlasRateLimitError,
  AtlasResponseError,
  AtlasServerError,
  createAtlasClient,
} from "../src/index.js";
import { scriptedFetch } from "./helpers/scripted-fetch.js";
import { BASE_URL, CLUSTER, GROUP_ID } from "./helpers/snapshots.js";

const target = { groupId: GROUP_ID, clusterName: CLUSTER };
const PAGE_2 = `/api/atlas/v1.0/groups/${GROUP_ID}/clusters/${CLUSTER}/backup/tenant/snapshots?pageNum=2`;
const notFound = {
  detail: `No cluster named M2GCP exists in group ${GROUP_ID}.`,
  error: 404,
  errorCode: "CLUSTER_NOT_FOUND",
  parameters: ["M2GCP", GROUP_ID],
  reason: "Not Found",
};

describe("AtlasApiError.from", () => {
  it.each([
    [400, AtlasBadRequestError],
    [401, AtlasAuthenticationError],
    [403, AtlasPermissionError],
    [404, AtlasNotFoundError],
    [429, AtlasRateLimitError],
    [500, AtlasServerError],
    [502, AtlasServerError],
    [503, AtlasServerError],
    [504, AtlasServerError],
    [409, AtlasApiError],
    [418, AtlasApiError],
  ])("picks the class for %i", (status, Class) => {
    const error = AtlasApiError.from({ status, body: { error: status, errorCode: "X" } });
    expect(error.constructor).toBe(Class);
    expect(error.name).toBe(Class.name);
    expect(error).toBeInstanceOf(AtlasApiError);
    expect(error).toBeInstanceOf(AtlasError);
    expect(error).toBeInstanceOf(Error);
    expect(error.status).toBe(status);
  });

  it("reads Atlas's recorded Digest 401 body: no errorCode, so the status decides the class", () => {
    const body = { error: 401, reason: "Unauthorized", detail: "You are not authorized for this resource." };
    const error = AtlasApiError.from({ status: 401, body, method: "GET", url: "/groups/x" });
    expect(error).toBeInstanceOf(AtlasAuthenticationError);
    expect(error.errorCode).toBeUndefined();
    expect(error).toMatchObject({ status: 401, reason: "Unauthorized", detail: body.detail });
    expect(error.message).toBe(
      "Atlas answered 401 for GET /groups/x: You are not authorized for this resource. (check publicKey and privateKey)",
    );
  });

  it("keeps parameters as Atlas sends them: null, or strings and numbers", () => {
    const nulled = AtlasApiError.from({ status: 400, body: { error: 400, errorCode: "X", parameters: null } });
    expect(nulled.parameters).toBeNull();
    const mixed = AtlasApiError.from({
      status: 429,
      body: { error: 429, errorCode: "RATE_LIMITED_TOKEN_BUCKET", parameters: ["api/atlas/v2/orgs", 55, 10, 5, 60] },
    });
    expect(mixed).toBeInstanceOf(AtlasRateLimitError);
    expect(mixed.parameters).toEqual(["api/atlas/v2/orgs", 55, 10, 5, 60]);
  });

  it("takes errorCode from the X-Error-Code header when the body has none, and null detail as none", () => {
    const error = AtlasApiError.from({
      status: 404,
      body: { error: 404, detail: null, reason: null },
      headers: { "X-Error-Code": "GROUP_NOT_FOUND" },
    });
    expect(error).toBeInstanceOf(AtlasNotFoundError);
    expect(error).toMatchObject({ errorCode: "GROUP_NOT_FOUND", detail: undefined, reason: undefined });
    expect(error.message).toBe("Atlas answered 404 GROUP_NOT_FOUND (check groupId and clusterName)");
  });

  it("carries every field of the Atlas error body, the headers and the request id", () => {
    const body = {
      error: 400,
      errorCode: "VALIDATION_ERROR",
      detail: "Invalid query parameter itemsPerPage=501. It must be an integer from 1 to 500.",
      reason: "Bad Request",
      parameters: ["itemsPerPage", "501"],
      badRequestDetail: { fields: [{ field: "itemsPerPage", description: "must be an integer from 1 to 500" }] },
    };
    const error = AtlasApiError.from({
      status: 400,
      body,
      headers: new Headers({ "X-Request-Id": "req-123", "Content-Type": "application/json" }),
      method: "GET",
      url: "/groups/x",
    });
    expect(error).toMatchObject({
      status: 400,
      errorCode: "VALIDATION_ERROR",
      detail: body.detail,
      reason: "Bad Request",
      parameters: ["itemsPerPage", "501"],
      badRequestDetail: body.badRequestDetail,
      requestId: "req-123",
      headers: { "x-request-id": "req-123", "content-type": "application/json" },
      method: "GET",
      url: "/groups/x",
    });
    expect(error.message).toBe(`Atlas answered 400 VALIDATION_ERROR for GET /groups/x: ${body.detail}`);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: "AtlasBadRequestError",
      errorCode: "VALIDATION_ERROR",
      message: error.message,
    });
  });

  it("unwraps an envelope and uses its status", () => {
    const error = AtlasApiError.from({ status: 200, body: { status: 404, content: notFound } });
    expect(error).toBeInstanceOf(AtlasNotFoundError);
    expect(error).toMatchObject({ status: 404, errorCode: "CLUSTER_NOT_FOUND", parameters: ["M2GCP", GROUP_ID] });
  });

  it("keeps a short plain-text body as the detail and drops HTML pages", () => {
    expect(AtlasApiError.from({ status: 502, body: "upstream reset" }).detail).toBe("upstream reset");
    expect(AtlasApiError.from({ status: 502, body: "<html>Bad Gateway</html>" }).detail).toBeUndefined();
    expect(AtlasApiError.from({ status: 502, body: "x".repeat(5000) }).detail).toHaveLength(200);
  });

  it("reads Retry-After into retryAfter milliseconds, from seconds or an HTTP date", () => {
    const seconds = AtlasApiError.from({ status: 429, headers: { "retry-after": "30" } }) as AtlasRateLimitError;
    expect(seconds.retryAfter).toBe(30_000);
    const date = new Date(Date.now() + 60_000).toUTCString();
    const dated = AtlasApiError.from({ status: 429, headers: { "Retry-After": date } }) as AtlasRateLimitError;
    expect(dated.retryAfter).toBeGreaterThan(58_000);
    expect(dated.retryAfter).toBeLessThanOrEqual(60_000);
    expect((AtlasApiError.from({ status: 429 }) as AtlasRateLimitError).retryAfter).toBeUndefined();
  });

  it("gives a hint for the statuses people can fix", () => {
    expect(AtlasApiError.from({ status: 401 }).message).toMatch(/check publicKey and privateKey/);
    expect(AtlasApiError.from({ status: 403 }).message).toMatch(/access list/);
    expect(AtlasApiError.from({ status: 404 }).message).toMatch(/check groupId and clusterName/);
  });
});

describe("errors from the client", () => {
  it("throws the subclass with the response's fields, request id and path", async () => {
    const fetch = scriptedFetch({ status: 404, body: notFound, headers: { "x-request-id": "abc" } });
    const atlas = createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: BASE_URL, fetch });
    const error = await atlas.listTenantSnapshots({ ...target, pageNum: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasNotFoundError);
    expect(error).toMatchObject({
      status: 404,
      errorCode: "CLUSTER_NOT_FOUND",
      detail: notFound.detail,
      reason: "Not Found",
      requestId: "abc",
      method: "GET",
      url: `/api/atlas/v1.0/groups/${GROUP_ID}/clusters/${CLUSTER}/backup/tenant/snapshots?pageNum=2`,
    });
  });

  it("with envelope=true, unwraps errors sent as 200 and still throws the right class", async () => {
    const fetch = scriptedFetch({ status: 200, body: { status: 404, content: notFound } });
    const atlas = createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: BASE_URL, fetch });
    const error = await atlas.listTenantSnapshots({ ...target, envelope: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasNotFoundError);
    expect(error).toMatchObject({ status: 404, errorCode: "CLUSTER_NOT_FOUND" });
    expect(new URL(fetch.calls[0]?.url ?? "").searchParams.get("envelope")).toBe("true");
  });

  it.each([
    ["a page without results", { totalCount: 3 }],
    ["a JSON string", "not a page"],
    ["JSON null", null],
  ])("refuses a 200 carrying %s instead of reading it as an empty page", async (_name, body) => {
    const fetch = scriptedFetch(() => Response.json(body, { status: 200 }));
    const atlas = createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: BASE_URL, fetch });
    const error = await atlas.listTenantSnapshots(target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasResponseError);
    expect((error as Error).message).toMatch(
      /reply to GET \/.*snapshots.* is not a page of snapshots: its body has no `results` array/,
    );
    await expect(atlas.listAllTenantSnapshots(target)).rejects.toBeInstanceOf(AtlasResponseError);
  });

  it.each([
    ["HTML", "<html>oops</html>"],
    ["cut-off JSON", '{"results": ['],
  ])("refuses a 200 whose body is %s, naming the request with its query", async (_name, text) => {
    const fetch = scriptedFetch(
      () => new Response(text, { status: 200, headers: { "content-type": "application/json" } }),
    );
    const atlas = createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: BASE_URL, fetch, maxRetries: 0 });
    const error = await atlas.listTenantSnapshots({ ...target, pageNum: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasResponseError);
    expect(error).toMatchObject({ status: 200, request: `GET ${PAGE_2}` });
    expect((error as Error).message).toMatch(/^Atlas's 200 reply to GET \S+\?pageNum=2 is not a page of snapshots: /);
    expect((error as Error).message).toContain("its body is not JSON");
  });

  // [name, { given: page 2's body, want: the problem named }]
  it.each<[string, { given: unknown; want: string }]>([
    ["results that is a string", { given: { results: "none", links: [] }, want: "its body has no `results` array" }],
    ["a JSON array", { given: [{ id: "a" }], want: "its body has no `results` array" }],
    [
      "a snapshot without an id",
      { given: { results: [{ status: "COMPLETED" }] }, want: "results[0] is not a snapshot with a string `id`" },
    ],
    [
      "a numeric id after a good one",
      { given: { results: [{ id: "a" }, { id: 42 }] }, want: "results[1] is not a snapshot with a string `id`" },
    ],
    ["null in results", { given: { results: [null] }, want: "results[0] is not a snapshot with a string `id`" }],
    ["an id string in results", { given: { results: ["a"] }, want: "results[0] is not a snapshot with a string `id`" }],
  ])("refuses a 200 with %s, naming the request and the problem", async (_name, { given, want }) => {
    const fetch = scriptedFetch(() => Response.json(given));
    const atlas = createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: BASE_URL, fetch });
    const error = await atlas.listTenantSnapshots({ ...target, pageNum: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasResponseError);
    expect((error as Error).message).toBe(`Atlas's 200 reply to GET ${PAGE_2} is not a page of snapshots: ${want}`);
    expect(fetch.calls).toHaveLength(1); // a reply is not a fault: never retried
  });

  it("passes unknown fields and unknown status strings through (tolerant client, docs/decisions/0002)", async () => {
    const page = {
      results: [{ id: "a", status: "ARCHIVING", expiration: "2030-01-01T00:00:00Z", links: [] }],
      nextCursor: "x",
    };
    const fetch = scriptedFetch(() => Response.json(page));
    const atlas = createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: BASE_URL, fetch });
    expect(await atlas.listTenantSnapshots(target)).toEqual(page);
  });

  it("throws an enveloped error even when the request did not ask for the envelope", async () => {
    const fetch = scriptedFetch({ status: 200, body: { status: 404, content: notFound } });
    const atlas = createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: BASE_URL, fetch });
    const error = await atlas.listTenantSnapshots(target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasNotFoundError);
    expect(error).toMatchObject({ status: 404, errorCode: "CLUSTER_NOT_FOUND" });
  });

  it("with envelope=true, returns pages as they are and retries enveloped 503s", async () => {
    const page = { results: [], totalCount: 0, status: 200 };
    const fetch = scriptedFetch(
      { status: 200, body: { status: 503, content: { error: 503, errorCode: "SERVICE_UNAVAILABLE" } } },
      { status: 200, body: page },
    );
    const atlas = createAtlasClient({
      publicKey: "p",
      privateKey: "k",
      baseUrl: BASE_URL,
      fetch,
      retry: { baseDelayMs: 1 },
    });
    expect(await atlas.listTenantSnapshots({ ...target, envelope: true })).toEqual(page);
    expect(fetch.calls).toHaveLength(2);
  });

  it("with envelope=true, atlas.GET reports the unwrapped status in `error`", async () => {
    const fetch = scriptedFetch({ status: 200, body: { status: 404, content: notFound } });
    const atlas = createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: BASE_URL, fetch });
    const { data, error, response } = await atlas.GET(
      "/groups/{groupId}/clusters/{clusterName}/backup/tenant/snapshots",
      {
        params: { path: target, query: { envelope: true } },
      },
    );
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(error).toEqual(notFound);
  });

  it("leaves a 200 alone when envelope was not asked for", async () => {
    const body = { status: 404, content: notFound };
    const fetch = scriptedFetch({ status: 200, body });
    const atlas = createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: BASE_URL, fetch });
    const { data } = await atlas.GET("/groups/{groupId}/clusters/{clusterName}/backup/tenant/snapshots", {
      params: { path: target },
    });
    expect(data).toEqual(body);
  });
});

import { CLUSTER_NAME_RULE, GROUP_ID_RULE, PAGE_NUM_RULE, type paths } from "@atlas-snapshots/types";
import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { type AtlasClientOptions, AtlasValidationError, createAtlasClient } from "../src/index.js";
import { scriptedFetch } from "./helpers/scripted-fetch.js";
import { BASE_URL, CLUSTER, GROUP_ID } from "./helpers/snapshots.js";

const good = { groupId: GROUP_ID, clusterName: CLUSTER };
const PATH = "/groups/{groupId}/clusters/{clusterName}/backup/tenant/snapshots" as const;

// [name, { given, want: [argument, shown value, rule fragment] }]
const badParams: [string, { given: Record<string, unknown>; want: [string, string, string] }][] = [
  [
    "uppercase groupId",
    {
      given: { groupId: GROUP_ID.toUpperCase() },
      want: ["groupId", `"${GROUP_ID.toUpperCase()}"`, GROUP_ID_RULE],
    },
  ],
  [
    "short groupId",
    {
      given: { groupId: "5b69d0349b15c62cdfc38b7" },
      want: ["groupId", '"5b69d0349b15c62cdfc38b7"', GROUP_ID_RULE],
    },
  ],
  ["long groupId", { given: { groupId: `${GROUP_ID}0` }, want: ["groupId", `"${GROUP_ID}0"`, GROUP_ID_RULE] }],
  [
    "groupId with a newline",
    { given: { groupId: `${GROUP_ID}\n` }, want: ["groupId", `"${GROUP_ID}\\n"`, GROUP_ID_RULE] },
  ],
  ["numeric groupId", { given: { groupId: 42 }, want: ["groupId", "42", GROUP_ID_RULE] }],
  ["missing groupId", { given: { groupId: undefined }, want: ["groupId", "undefined", GROUP_ID_RULE] }],
  ["empty clusterName", { given: { clusterName: "" }, want: ["clusterName", '""', CLUSTER_NAME_RULE] }],
  ["clusterName with ..", { given: { clusterName: ".." }, want: ["clusterName", '".."', CLUSTER_NAME_RULE] }],
  [
    "clusterName with a slash",
    { given: { clusterName: "a/../b" }, want: ["clusterName", '"a/../b"', CLUSTER_NAME_RULE] },
  ],
  ["clusterName starting with -", { given: { clusterName: "-M2" }, want: ["clusterName", '"-M2"', CLUSTER_NAME_RULE] }],
  [
    "clusterName with a space",
    { given: { clusterName: "M2 AWS" }, want: ["clusterName", '"M2 AWS"', "at most 64 characters"] },
  ],
  [
    "65-character clusterName",
    { given: { clusterName: "a".repeat(65) }, want: ["clusterName", `"${"a".repeat(56)}...`, "at most 64 characters"] },
  ],
  ["itemsPerPage 0", { given: { itemsPerPage: 0 }, want: ["itemsPerPage", "0", "an integer from 1 to 500"] }],
  ["itemsPerPage 501", { given: { itemsPerPage: 501 }, want: ["itemsPerPage", "501", "an integer from 1 to 500"] }],
  ["itemsPerPage 1.5", { given: { itemsPerPage: 1.5 }, want: ["itemsPerPage", "1.5", "an integer from 1 to 500"] }],
  [
    "itemsPerPage as a string",
    { given: { itemsPerPage: "10" }, want: ["itemsPerPage", '"10"', "an integer from 1 to 500"] },
  ],
  [
    "itemsPerPage NaN",
    { given: { itemsPerPage: Number.NaN }, want: ["itemsPerPage", "NaN", "an integer from 1 to 500"] },
  ],
  ["pageNum 0", { given: { pageNum: 0 }, want: ["pageNum", "0", PAGE_NUM_RULE] }],
  ["pageNum -1", { given: { pageNum: -1 }, want: ["pageNum", "-1", PAGE_NUM_RULE] }],
  ["pageNum 2.5", { given: { pageNum: 2.5 }, want: ["pageNum", "2.5", PAGE_NUM_RULE] }],
  ["pageNum Infinity", { given: { pageNum: Number.POSITIVE_INFINITY }, want: ["pageNum", "Infinity", PAGE_NUM_RULE] }],
  ["includeCount as a string", { given: { includeCount: "yes" }, want: ["includeCount", '"yes"', "true or false"] }],
];

function atlasWith(fetch = scriptedFetch(200), options: Partial<AtlasClientOptions> = {}) {
  return { fetch, atlas: createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: BASE_URL, fetch, ...options }) };
}

function expectValidationError(error: unknown, [argument, shown, rule]: [string, string, string]) {
  expect(error).toBeInstanceOf(AtlasValidationError);
  const e = error as AtlasValidationError;
  expect(e.argument).toBe(argument);
  expect(e.rule).toContain(rule);
  expect(e.message).toContain(argument);
  expect(e.message).toContain(shown);
  expect(e.message).toContain(rule);
  expect(e.message.length).toBeLessThan(200);
}

describe("validation before any request", () => {
  it.each(badParams)("listTenantSnapshots refuses %s", async (_, { given, want }) => {
    const { atlas, fetch } = atlasWith();
    const error = await atlas.listTenantSnapshots({ ...good, ...given } as never).catch((e: unknown) => e);
    expectValidationError(error, want);
    expect(fetch.calls).toHaveLength(0);
  });

  it.each(badParams)("atlas.GET refuses %s", async (_, { given, want }) => {
    const { groupId, clusterName, ...query } = { ...good, ...given };
    const { atlas, fetch } = atlasWith();
    const error = await atlas
      .GET(PATH, { params: { path: { groupId, clusterName }, query } as never })
      .catch((e: unknown) => e);
    expectValidationError(error, want);
    expect(fetch.calls).toHaveLength(0);
  });

  it.each([
    ["concurrency 0", { concurrency: 0 }, ["concurrency", "0", "a positive integer"]],
    ["concurrency 1.5", { concurrency: 1.5 }, ["concurrency", "1.5", "a positive integer"]],
    ["itemsPerPage 600", { itemsPerPage: 600 }, ["itemsPerPage", "600", "an integer from 1 to 500"]],
    ["bad clusterName", { clusterName: "a_b" }, ["clusterName", '"a_b"', CLUSTER_NAME_RULE]],
  ] as const)("iterateTenantSnapshots refuses %s at once; listAllTenantSnapshots rejects", async (_, given, want) => {
    const { atlas, fetch } = atlasWith();
    let thrown: unknown;
    try {
      atlas.iterateTenantSnapshots({ ...good, ...given } as never);
    } catch (e) {
      thrown = e;
    }
    expectValidationError(thrown, [...want]);
    expectValidationError(await atlas.listAllTenantSnapshots({ ...good, ...given } as never).catch((e: unknown) => e), [
      ...want,
    ]);
    expect(fetch.calls).toHaveLength(0);
  });

  it.each<[string, Partial<AtlasClientOptions>, [string, string, string]]>([
    ["an empty publicKey", { publicKey: "" }, ["publicKey", '""', "a non-empty string"]],
    ["a missing privateKey", { privateKey: undefined }, ["privateKey", '"[redacted]"', "a non-empty string"]],
    ["a baseUrl that is not http(s)", { baseUrl: "ftp://x" }, ["baseUrl", '"ftp://x"', "an absolute http(s) URL"]],
    ["a relative baseUrl", { baseUrl: "/api" }, ["baseUrl", '"/api"', "an absolute http(s) URL"]],
    ["negative maxRetries", { maxRetries: -1 }, ["maxRetries", "-1", "an integer >= 0"]],
    ["zero timeoutMs", { timeoutMs: 0 }, ["timeoutMs", "0", "milliseconds"]],
    ["zero concurrency", { concurrency: 0 }, ["concurrency", "0", "a positive integer"]],
  ])("createAtlasClient refuses %s", (_, given, want) => {
    let thrown: unknown;
    try {
      createAtlasClient({ publicKey: "p", privateKey: "k", ...given });
    } catch (e) {
      thrown = e;
    }
    expectValidationError(thrown, want);
  });

  // Each of these used to get past createAtlasClient and fail later: a retried connection error
  // (sometimes quoting the whole Authorization header) or a raw TypeError.
  it.each<[string, Record<string, unknown>, [string, string, string]]>([
    ["a publicKey outside Latin-1", { publicKey: "ключ" }, ["publicKey", '"ключ"', "printable ASCII"]],
    [
      "a publicKey with a line break",
      { publicKey: "pub\r\nX-Evil: 1" },
      ["publicKey", '"pub\\r\\nX-Evil: 1"', "printable ASCII"],
    ],
    ["a publicKey with a tab", { publicKey: "pub\tkey" }, ["publicKey", '"pub\\tkey"', "printable ASCII"]],
    ["a publicKey with Latin-1 letters", { publicKey: "clé" }, ["publicKey", '"clé"', "printable ASCII"]],
    ["a fetch that is not a function", { fetch: "fetch" }, ["fetch", '"fetch"', "a function"]],
    ["a signal that is a string", { signal: "stop" }, ["signal", '"stop"', "an AbortSignal"]],
    ["a signal-like object", { signal: { aborted: false } }, ["signal", "[object Object]", "an AbortSignal"]],
  ])("createAtlasClient refuses %s", (_, given, want) => {
    let thrown: unknown;
    try {
      createAtlasClient({ publicKey: "p", privateKey: "k", ...given } as never);
    } catch (e) {
      thrown = e;
    }
    expectValidationError(thrown, want);
  });

  it("createAtlasClient without options names publicKey", () => {
    expect(() => createAtlasClient(undefined as never)).toThrow(AtlasValidationError);
    expect(() => createAtlasClient(undefined as never)).toThrow(/publicKey/);
  });

  it.each(["listTenantSnapshots", "iterateTenantSnapshots", "listAllTenantSnapshots"] as const)(
    "%s without any parameters names groupId",
    async (helper) => {
      const { atlas, fetch } = atlasWith();
      // async: iterateTenantSnapshots throws at once, the others reject.
      const error = await (async () => atlas[helper](undefined as never))().catch((e: unknown) => e);
      expectValidationError(error, ["groupId", "undefined", GROUP_ID_RULE]);
      expect(fetch.calls).toHaveLength(0);
    },
  );

  it.each(["listTenantSnapshots", "iterateTenantSnapshots", "listAllTenantSnapshots"] as const)(
    "%s refuses a per-call signal that is not an AbortSignal",
    async (helper) => {
      const { atlas, fetch } = atlasWith();
      const error = await (async () => atlas[helper]({ ...good, signal: "stop" } as never))().catch((e: unknown) => e);
      expectValidationError(error, ["signal", '"stop"', "an AbortSignal"]);
      expect(fetch.calls).toHaveLength(0);
    },
  );

  it("accepts a printable-ASCII publicKey and a privateKey in any script", async () => {
    const { atlas, fetch } = atlasWith(scriptedFetch(200), {
      publicKey: " !~abcXYZ019",
      privateKey: "clé-ключ-🔑\r\n",
      signal: new AbortController().signal,
    });
    await expect(atlas.listTenantSnapshots(good)).resolves.toMatchObject({ results: [] });
    expect(fetch.calls).toHaveLength(1);
  });

  it("accepts the spec's extremes", async () => {
    const { atlas, fetch } = atlasWith();
    await atlas.listTenantSnapshots({
      groupId: "0".repeat(24),
      clusterName: `A${"-".repeat(63)}`,
      pageNum: 1,
      itemsPerPage: 500,
    });
    await atlas.listTenantSnapshots({
      ...good,
      itemsPerPage: 1,
      pageNum: 1_000_000,
      includeCount: false,
      pretty: true,
    });
    expect(fetch.calls).toHaveLength(2);
  });
});

describe("path parameters", () => {
  it("are percent-encoded by openapi-fetch (the validation above is a second line of defence)", async () => {
    const fetch = scriptedFetch(200);
    const raw = createClient<paths>({ baseUrl: BASE_URL, fetch });
    await raw.GET(PATH, { params: { path: { groupId: GROUP_ID, clusterName: "a/../b?c#d" } } });
    expect(new URL(fetch.calls[0]?.url ?? "").pathname).toBe(
      `/api/atlas/v1.0/groups/${GROUP_ID}/clusters/a%2F..%2Fb%3Fc%23d/backup/tenant/snapshots`,
    );
  });

  it("reach the server as the path the client builds", async () => {
    const { atlas, fetch } = atlasWith();
    await atlas.listTenantSnapshots({ ...good, pageNum: 3, itemsPerPage: 7, includeCount: false });
    const url = new URL(fetch.calls[0]?.url ?? "");
    expect(url.pathname).toBe(`/api/atlas/v1.0/groups/${GROUP_ID}/clusters/${CLUSTER}/backup/tenant/snapshots`);
    expect(url.search).toBe("?pageNum=3&itemsPerPage=7&includeCount=false");
  });
});

// Bad input to the client API: a clear error naming the input, thrown before
// anything is sent, and the same client keeps working afterwards.
import { createAtlasClient } from "@atlas-snapshots/client";
import { describe, expect, it } from "vitest";
import { recordingFetch } from "./helpers/recording-fetch.js";

// Answers like Atlas: a Digest challenge without credentials, an empty page with them.
const atlasLike = () =>
  recordingFetch((request) =>
    request.headers.has("authorization")
      ? Response.json({ results: [], links: [], totalCount: 0 })
      : new Response("{}", {
          status: 401,
          headers: { "www-authenticate": 'Digest realm="MMS Public API", nonce="n1", algorithm=MD5, qop="auth"' },
        }),
  );

const GROUP = "5b69d0349b15c62cdfc38b78";
const CLUSTER = "M2AWS";
const GOOD_OPTIONS = { publicKey: "pubkey", privateKey: "private-key-for-bad-input" };

interface Case {
  /** Client options merged over good ones, or `undefined` to use the good ones. */
  options?: Record<string, unknown>;
  /** Snapshot parameters merged over good ones; `null` passes no object at all. */
  params?: Record<string, unknown> | null;
  /** Which entry point to call. */
  call?: "list" | "iterate" | "get";
}
interface Want {
  name: string;
  /** Every one must appear in the message. */
  mentions: (string | RegExp)[];
}

const huge = "x".repeat(100_000);

// [name, { given, want }]
const CASES: [string, { given: Case; want: Want }][] = [
  // Client options.
  [
    "publicKey missing",
    { given: { options: { publicKey: undefined } }, want: { name: "AtlasValidationError", mentions: ["publicKey"] } },
  ],
  [
    "publicKey a number",
    { given: { options: { publicKey: 12345 } }, want: { name: "AtlasValidationError", mentions: ["publicKey"] } },
  ],
  [
    "publicKey empty",
    { given: { options: { publicKey: "" } }, want: { name: "AtlasValidationError", mentions: ["publicKey"] } },
  ],
  [
    "publicKey outside Latin-1 (cannot go in a header)",
    { given: { options: { publicKey: "ключ" } }, want: { name: "AtlasValidationError", mentions: ["publicKey"] } },
  ],
  [
    "publicKey with a line break (header injection)",
    {
      given: { options: { publicKey: "pub\r\nX-Evil: 1" } },
      want: { name: "AtlasValidationError", mentions: ["publicKey"] },
    },
  ],
  [
    "privateKey missing",
    { given: { options: { privateKey: undefined } }, want: { name: "AtlasValidationError", mentions: ["privateKey"] } },
  ],
  [
    "privateKey an object",
    {
      given: { options: { privateKey: { key: 1 } } },
      want: { name: "AtlasValidationError", mentions: ["privateKey"] },
    },
  ],
  [
    "baseUrl not a URL",
    { given: { options: { baseUrl: "not a url" } }, want: { name: "AtlasValidationError", mentions: ["baseUrl"] } },
  ],
  [
    "baseUrl ftp",
    {
      given: { options: { baseUrl: "ftp://cloud.mongodb.com/api" } },
      want: { name: "AtlasValidationError", mentions: ["baseUrl"] },
    },
  ],
  [
    "baseUrl javascript:",
    {
      given: { options: { baseUrl: "javascript:alert(1)" } },
      want: { name: "AtlasValidationError", mentions: ["baseUrl"] },
    },
  ],
  [
    "baseUrl empty",
    { given: { options: { baseUrl: "" } }, want: { name: "AtlasValidationError", mentions: ["baseUrl"] } },
  ],
  [
    "maxRetries negative",
    { given: { options: { maxRetries: -1 } }, want: { name: "AtlasValidationError", mentions: ["maxRetries"] } },
  ],
  [
    "maxRetries fractional",
    { given: { options: { maxRetries: 1.5 } }, want: { name: "AtlasValidationError", mentions: ["maxRetries"] } },
  ],
  [
    "maxRetries Infinity",
    {
      given: { options: { maxRetries: Number.POSITIVE_INFINITY } },
      want: { name: "AtlasValidationError", mentions: ["maxRetries"] },
    },
  ],
  [
    "timeoutMs zero",
    { given: { options: { timeoutMs: 0 } }, want: { name: "AtlasValidationError", mentions: ["timeoutMs"] } },
  ],
  [
    "timeoutMs beyond setTimeout's range",
    { given: { options: { timeoutMs: 2 ** 31 } }, want: { name: "AtlasValidationError", mentions: ["timeoutMs"] } },
  ],
  [
    "timeoutMs NaN",
    { given: { options: { timeoutMs: Number.NaN } }, want: { name: "AtlasValidationError", mentions: ["timeoutMs"] } },
  ],
  [
    "concurrency zero",
    { given: { options: { concurrency: 0 } }, want: { name: "AtlasValidationError", mentions: ["concurrency"] } },
  ],
  [
    "fetch not a function",
    { given: { options: { fetch: "fetch" } }, want: { name: "AtlasValidationError", mentions: ["fetch"] } },
  ],
  [
    "signal not an AbortSignal",
    { given: { options: { signal: "stop" } }, want: { name: "AtlasValidationError", mentions: ["signal"] } },
  ],
  // Path parameters.
  ["no parameters at all", { given: { params: null }, want: { name: "AtlasValidationError", mentions: ["groupId"] } }],
  [
    "groupId missing",
    { given: { params: { groupId: undefined } }, want: { name: "AtlasValidationError", mentions: ["groupId"] } },
  ],
  [
    "groupId a number",
    { given: { params: { groupId: 5 } }, want: { name: "AtlasValidationError", mentions: ["groupId"] } },
  ],
  [
    "groupId upper-case hex",
    {
      given: { params: { groupId: GROUP.toUpperCase() } },
      want: { name: "AtlasValidationError", mentions: ["groupId"] },
    },
  ],
  [
    "groupId 23 characters",
    { given: { params: { groupId: GROUP.slice(1) } }, want: { name: "AtlasValidationError", mentions: ["groupId"] } },
  ],
  [
    "groupId with a trailing newline",
    { given: { params: { groupId: `${GROUP}\n` } }, want: { name: "AtlasValidationError", mentions: ["groupId"] } },
  ],
  [
    "groupId '..'",
    { given: { params: { groupId: ".." } }, want: { name: "AtlasValidationError", mentions: ["groupId"] } },
  ],
  [
    "groupId huge",
    { given: { params: { groupId: huge } }, want: { name: "AtlasValidationError", mentions: ["groupId"] } },
  ],
  [
    "clusterName empty",
    { given: { params: { clusterName: "" } }, want: { name: "AtlasValidationError", mentions: ["clusterName"] } },
  ],
  [
    "clusterName '..'",
    { given: { params: { clusterName: ".." } }, want: { name: "AtlasValidationError", mentions: ["clusterName"] } },
  ],
  [
    "clusterName with '/'",
    {
      given: { params: { clusterName: "M2AWS/../../admin" } },
      want: { name: "AtlasValidationError", mentions: ["clusterName"] },
    },
  ],
  [
    "clusterName percent-encoded slash",
    {
      given: { params: { clusterName: "M2%2FAWS" } },
      want: { name: "AtlasValidationError", mentions: ["clusterName"] },
    },
  ],
  [
    "clusterName unicode",
    {
      given: { params: { clusterName: "クラスター" } },
      want: { name: "AtlasValidationError", mentions: ["clusterName"] },
    },
  ],
  [
    "clusterName with a space",
    { given: { params: { clusterName: "M2 AWS" } }, want: { name: "AtlasValidationError", mentions: ["clusterName"] } },
  ],
  [
    "clusterName starting with '-'",
    { given: { params: { clusterName: "-M2AWS" } }, want: { name: "AtlasValidationError", mentions: ["clusterName"] } },
  ],
  [
    "clusterName 65 characters",
    {
      given: { params: { clusterName: "a".repeat(65) } },
      want: { name: "AtlasValidationError", mentions: ["clusterName"] },
    },
  ],
  [
    "clusterName huge",
    { given: { params: { clusterName: huge } }, want: { name: "AtlasValidationError", mentions: ["clusterName"] } },
  ],
  [
    "clusterName an array",
    {
      given: { params: { clusterName: ["M2AWS"] } },
      want: { name: "AtlasValidationError", mentions: ["clusterName"] },
    },
  ],
  // Query parameters.
  [
    "pageNum zero",
    { given: { params: { pageNum: 0 } }, want: { name: "AtlasValidationError", mentions: ["pageNum"] } },
  ],
  [
    "pageNum negative",
    { given: { params: { pageNum: -3 } }, want: { name: "AtlasValidationError", mentions: ["pageNum"] } },
  ],
  [
    "pageNum fractional",
    { given: { params: { pageNum: 1.5 } }, want: { name: "AtlasValidationError", mentions: ["pageNum"] } },
  ],
  [
    "pageNum a numeric string",
    { given: { params: { pageNum: "2" } }, want: { name: "AtlasValidationError", mentions: ["pageNum"] } },
  ],
  [
    "pageNum NaN",
    { given: { params: { pageNum: Number.NaN } }, want: { name: "AtlasValidationError", mentions: ["pageNum"] } },
  ],
  [
    "pageNum beyond 2^53",
    { given: { params: { pageNum: 2 ** 60 } }, want: { name: "AtlasValidationError", mentions: ["pageNum"] } },
  ],
  [
    "itemsPerPage zero",
    {
      given: { params: { itemsPerPage: 0 } },
      want: { name: "AtlasValidationError", mentions: ["itemsPerPage", "500"] },
    },
  ],
  [
    "itemsPerPage 501",
    {
      given: { params: { itemsPerPage: 501 } },
      want: { name: "AtlasValidationError", mentions: ["itemsPerPage", "500"] },
    },
  ],
  [
    "itemsPerPage Infinity",
    {
      given: { params: { itemsPerPage: Number.POSITIVE_INFINITY } },
      want: { name: "AtlasValidationError", mentions: ["itemsPerPage"] },
    },
  ],
  [
    "includeCount the string 'true'",
    { given: { params: { includeCount: "true" } }, want: { name: "AtlasValidationError", mentions: ["includeCount"] } },
  ],
  [
    "envelope 1",
    { given: { params: { envelope: 1 } }, want: { name: "AtlasValidationError", mentions: ["envelope"] } },
  ],
  // The paging helpers and the raw openapi-fetch client.
  [
    "iterate: itemsPerPage 1000",
    {
      given: { params: { itemsPerPage: 1000 }, call: "iterate" },
      want: { name: "AtlasValidationError", mentions: ["itemsPerPage"] },
    },
  ],
  [
    "iterate: concurrency -1",
    {
      given: { params: { concurrency: -1 }, call: "iterate" },
      want: { name: "AtlasValidationError", mentions: ["concurrency"] },
    },
  ],
  [
    "iterate: clusterName '../x'",
    {
      given: { params: { clusterName: "../x" }, call: "iterate" },
      want: { name: "AtlasValidationError", mentions: ["clusterName"] },
    },
  ],
  [
    "GET: groupId '..'",
    {
      given: { params: { groupId: ".." }, call: "get" },
      want: { name: "AtlasValidationError", mentions: ["groupId"] },
    },
  ],
  [
    "GET: itemsPerPage -1",
    {
      given: { params: { itemsPerPage: -1 }, call: "get" },
      want: { name: "AtlasValidationError", mentions: ["itemsPerPage"] },
    },
  ],
];

async function run(given: Case, fetch: ReturnType<typeof recordingFetch>["fetch"]): Promise<unknown> {
  const options = { ...GOOD_OPTIONS, fetch, maxRetries: 0, ...given.options };
  const params = given.params === null ? undefined : { groupId: GROUP, clusterName: CLUSTER, ...given.params };
  // biome-ignore lint/suspicious/noExplicitAny: wrong types on purpose
  const atlas = createAtlasClient(options as any);
  // biome-ignore lint/suspicious/noExplicitAny: wrong types on purpose
  const p = params as any;
  if (given.call === "iterate") return atlas.listAllTenantSnapshots(p);
  if (given.call === "get") {
    const { groupId, clusterName, ...query } = p;
    return atlas.GET("/groups/{groupId}/clusters/{clusterName}/backup/tenant/snapshots", {
      params: { path: { groupId, clusterName }, query },
    });
  }
  return atlas.listTenantSnapshots(p);
}

describe("bad input to the client", () => {
  it("has at least 40 cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)("%s", async (_name, { given, want }) => {
    const recorder = atlasLike();
    const error = await run(given, recorder.fetch).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, "expected an error").toBeInstanceOf(Error);
    const { name, message } = error as Error;
    expect({ name, message }).toMatchObject({ name: want.name });
    for (const m of want.mentions) expect(message).toMatch(m);
    expect(message.length, "a message short enough to read").toBeLessThan(400);
    expect(recorder.requests, "nothing sent").toHaveLength(0);
    // The same kind of client still works with good input afterwards.
    const good = atlasLike();
    const atlas = createAtlasClient({ ...GOOD_OPTIONS, fetch: good.fetch });
    await expect(atlas.listTenantSnapshots({ groupId: GROUP, clusterName: CLUSTER })).resolves.toMatchObject({
      results: [],
    });
  });
});

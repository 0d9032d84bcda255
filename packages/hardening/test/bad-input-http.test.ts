// Bad input as raw HTTP to the mock server (a subprocess, so a crash would
// show): repeated and absurd query parameters, broken percent-encoding, `..`
// and `/` in path parameters, malformed and oversized Authorization headers,
// huge headers. Each gets a clear 4xx naming the input, and the server keeps serving.
import { randomBytes } from "node:crypto";
import { createAtlasClient } from "@atlas-snapshots/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockProcess, startMockProcess } from "./helpers/mock-process.js";
import { rawRequest } from "./helpers/raw-http.js";
import { referenceDigest } from "./helpers/reference-digest.js";
import { CLUSTER, GROUP, SNAPSHOTS_PATH } from "./helpers/seed-data.js";

const PUBLIC_KEY = "hardeningpub";
const PRIVATE_KEY = "hardening-private-key-raw-http";
const REALM = "MMS Public API";
const BASE = "/api/atlas/v1.0";
const GOOD = BASE + SNAPSHOTS_PATH();
const at = (group: string, cluster: string, query = "") => `${BASE}${SNAPSHOTS_PATH(group, cluster)}${query}`;

interface Given {
  /** Request target; default the good path. */
  target?: string;
  method?: string;
  /** Extra header lines. */
  headers?: string[];
  /** Send valid Digest credentials for the target (default true unless an Authorization header is given). */
  auth?: boolean;
  /** The whole request head as bytes, instead of building one. */
  raw?: Buffer;
  /** Send the same authenticated request twice; judge the second answer. */
  replay?: boolean;
}
interface Want {
  status: number;
  /** Must appear in the body (the input named). */
  mentions?: RegExp;
  /** Must appear in the WWW-Authenticate challenge. */
  challenge?: RegExp;
}

let server: MockProcess;
beforeAll(async () => {
  server = await startMockProcess(["--public-key", PUBLIC_KEY, "--private-key", PRIVATE_KEY]);
});
afterAll(async () => {
  await server?.stop();
});

async function freshNonce(): Promise<string> {
  const r = await rawRequest(server.port, `GET ${GOOD} HTTP/1.1\r\nHost: 127.0.0.1`);
  const nonce = /nonce="([^"]+)"/.exec(r.headers["www-authenticate"] ?? "")?.[1];
  if (!nonce) throw new Error(`no challenge: ${r.raw.slice(0, 300)}`);
  return nonce;
}

async function digestHeader(method: string, uri: string, override: { password?: string; nonce?: string } = {}) {
  const nonce = override.nonce ?? (await freshNonce());
  const cnonce = randomBytes(8).toString("hex");
  const nc = "00000001";
  const response = referenceDigest({
    username: PUBLIC_KEY,
    password: override.password ?? PRIVATE_KEY,
    realm: REALM,
    nonce,
    method,
    uri,
    qop: "auth",
    nc,
    cnonce,
  });
  return `Authorization: Digest username="${PUBLIC_KEY}", realm="${REALM}", nonce="${nonce}", uri="${uri}", algorithm=MD5, response="${response}", qop=auth, nc=${nc}, cnonce="${cnonce}"`;
}

const digestFor = (uri: string, fields: string) =>
  `Authorization: Digest username="${PUBLIC_KEY}", realm="${REALM}", uri="${uri}", ${fields}`;
const big = (n: number) => "a".repeat(n);

// [name, { given, want }]
const CASES: [string, { given: Given; want: Want }][] = [
  // Query parameters.
  [
    "pageNum given twice",
    { given: { target: `${GOOD}?pageNum=1&pageNum=2` }, want: { status: 400, mentions: /pageNum/ } },
  ],
  [
    "itemsPerPage given twice, same value",
    { given: { target: `${GOOD}?itemsPerPage=5&itemsPerPage=5` }, want: { status: 400, mentions: /itemsPerPage/ } },
  ],
  [
    "itemsPerPage=abc",
    { given: { target: `${GOOD}?itemsPerPage=abc` }, want: { status: 400, mentions: /itemsPerPage/ } },
  ],
  ["itemsPerPage=0", { given: { target: `${GOOD}?itemsPerPage=0` }, want: { status: 400, mentions: /itemsPerPage/ } }],
  [
    "itemsPerPage=501",
    { given: { target: `${GOOD}?itemsPerPage=501` }, want: { status: 400, mentions: /itemsPerPage/ } },
  ],
  [
    "itemsPerPage absurd (20 digits)",
    { given: { target: `${GOOD}?itemsPerPage=99999999999999999999` }, want: { status: 400, mentions: /itemsPerPage/ } },
  ],
  ["pageNum=-1", { given: { target: `${GOOD}?pageNum=-1` }, want: { status: 400, mentions: /pageNum/ } }],
  ["pageNum=1e3", { given: { target: `${GOOD}?pageNum=1e3` }, want: { status: 400, mentions: /pageNum/ } }],
  [
    "pageNum beyond 2^53",
    { given: { target: `${GOOD}?pageNum=9007199254740993` }, want: { status: 400, mentions: /pageNum/ } },
  ],
  ["pageNum=0x10", { given: { target: `${GOOD}?pageNum=0x10` }, want: { status: 400, mentions: /pageNum/ } }],
  ["pageNum empty", { given: { target: `${GOOD}?pageNum=` }, want: { status: 400, mentions: /pageNum/ } }],
  [
    "includeCount=yes",
    { given: { target: `${GOOD}?includeCount=yes` }, want: { status: 400, mentions: /includeCount/ } },
  ],
  ["envelope=1", { given: { target: `${GOOD}?envelope=1` }, want: { status: 400, mentions: /envelope/ } }],
  [
    "invalid percent-encoding in the query",
    { given: { target: `${GOOD}?pageNum=%ZZ` }, want: { status: 400, mentions: /percent-encoding/ } },
  ],
  [
    "truncated percent-encoding in the query",
    { given: { target: `${GOOD}?itemsPerPage=5%2` }, want: { status: 400, mentions: /percent-encoding/ } },
  ],
  ["a 20 KB query string", { given: { target: `${GOOD}?x=${big(20_000)}` }, want: { status: 431 } }],
  // Path parameters.
  [
    "invalid percent-encoding in clusterName",
    { given: { target: at(GROUP, "M2%ZZ") }, want: { status: 400, mentions: /percent-encoding/ } },
  ],
  // WHATWG URL parsing treats %2E%2E as a dot segment too: the path collapses and names no resource.
  ["clusterName '%2E%2E'", { given: { target: at(GROUP, "%2E%2E") }, want: { status: 404, mentions: /NOT_FOUND/ } }],
  [
    "clusterName '..' (a dot segment)",
    { given: { target: at(GROUP, "..") }, want: { status: 404, mentions: /NOT_FOUND/ } },
  ],
  [
    "clusterName with an encoded '/'",
    { given: { target: at(GROUP, "M2%2FAWS") }, want: { status: 400, mentions: /clusterName/ } },
  ],
  [
    "clusterName double-encoded '/'",
    { given: { target: at(GROUP, "M2%252FAWS") }, want: { status: 400, mentions: /clusterName/ } },
  ],
  [
    "clusterName in unicode, percent-encoded",
    { given: { target: at(GROUP, encodeURIComponent("クラスター")) }, want: { status: 400, mentions: /clusterName/ } },
  ],
  [
    "clusterName of 65 characters",
    { given: { target: at(GROUP, big(65)) }, want: { status: 400, mentions: /clusterName/ } },
  ],
  [
    "groupId in upper case",
    { given: { target: at(GROUP.toUpperCase(), CLUSTER) }, want: { status: 400, mentions: /groupId/ } },
  ],
  // The Digest uri repeats the target, and the mock refuses Authorization headers over 4096 characters.
  [
    "groupId of 3,000 characters",
    { given: { target: at(big(3_000), CLUSTER) }, want: { status: 400, mentions: /groupId/ } },
  ],
  ["unknown cluster", { given: { target: at(GROUP, "NOPE") }, want: { status: 404, mentions: /NOPE/ } }],
  // The request itself.
  [
    "raw UTF-8 bytes in the target",
    {
      given: { raw: Buffer.from(`GET ${at(GROUP, "クラスター")} HTTP/1.1\r\nHost: x`, "utf8") },
      want: { status: 400 },
    },
  ],
  [
    "a NUL byte in the target",
    { given: { raw: Buffer.from(`GET ${GOOD}\0 HTTP/1.1\r\nHost: x`, "latin1") }, want: { status: 400 } },
  ],
  ["a garbage request line", { given: { raw: Buffer.from("GARBAGE\r\nHost: x") }, want: { status: 400 } }],
  [
    "an absurd Content-Length",
    { given: { headers: ["Content-Length: 99999999999999999999999"] }, want: { status: 400 } },
  ],
  ["POST", { given: { method: "POST" }, want: { status: 405, mentions: /POST/ } }],
  [
    "100 headers of 200 bytes",
    { given: { headers: Array.from({ length: 100 }, (_, i) => `X-Pad-${i}: ${big(200)}`) }, want: { status: 431 } },
  ],
  ["one header of 64 KB", { given: { headers: [`X-Huge: ${big(65_536)}`] }, want: { status: 431 } }],
  // Authorization.
  [
    "Authorization: 'Digest' and nothing else",
    { given: { headers: ["Authorization: Digest"] }, want: { status: 400, mentions: /Authorization/ } },
  ],
  [
    "Authorization: an unterminated quote",
    {
      given: { headers: [`${digestFor(GOOD, 'nonce="abc, response="x')}`] },
      want: { status: 400, mentions: /Authorization/ },
    },
  ],
  [
    "Authorization: 5,000 characters",
    {
      given: { headers: [`Authorization: Digest username="${big(5_000)}"`] },
      want: { status: 400, mentions: /Authorization/ },
    },
  ],
  [
    "Authorization: 20 KB",
    { given: { headers: [`Authorization: Digest username="${big(20_000)}"`] }, want: { status: 431 } },
  ],
  [
    "Authorization: Basic",
    {
      given: { headers: ["Authorization: Basic aGFyZGVuaW5ncHViOnNlY3JldA=="] },
      want: { status: 401, challenge: /Digest realm="MMS Public API"/ },
    },
  ],
  [
    "Authorization: only spaces",
    { given: { headers: ["Authorization:    "] }, want: { status: 401, challenge: /Digest/ } },
  ],
  [
    "Authorization: uri of another request",
    {
      given: { headers: [digestFor(`${GOOD}?pageNum=9`, 'nonce="n", response="r"')] },
      want: { status: 400, mentions: /uri/ },
    },
  ],
  [
    "Authorization: qop=auth-int",
    {
      given: { headers: [digestFor(GOOD, 'nonce="n", response="r", qop=auth-int, nc=00000001, cnonce="c"')] },
      want: { status: 400, mentions: /qop/ },
    },
  ],
  [
    "Authorization: nc not hex",
    {
      given: { headers: [digestFor(GOOD, 'nonce="n", response="r", qop=auth, nc=zzzzzzzz, cnonce="c"')] },
      want: { status: 400, mentions: /nc/ },
    },
  ],
  [
    "Authorization: a parameter given twice",
    {
      given: { headers: [digestFor(GOOD, 'nonce="n", nonce="m", response="r"')] },
      want: { status: 400, mentions: /twice/ },
    },
  ],
  [
    "Authorization: bytes outside ASCII",
    {
      given: {
        raw: Buffer.concat([
          Buffer.from(`GET ${GOOD} HTTP/1.1\r\nHost: x\r\nAuthorization: Digest username="`),
          Buffer.from([0xff, 0xfe, 0x80]),
          Buffer.from('"'),
        ]),
      },
      want: { status: 400 },
    },
  ],
  [
    "Authorization: a nonce never issued",
    { given: { headers: ["(digest nonce=deadbeef)"] }, want: { status: 401, challenge: /stale=true/ } },
  ],
  [
    "Authorization: the wrong private key",
    { given: { headers: ["(digest password=wrong)"] }, want: { status: 401, challenge: /stale=false/ } },
  ],
  [
    "Authorization: a replayed nonce count",
    { given: { replay: true }, want: { status: 401, challenge: /stale=true/ } },
  ],
];

async function send(given: Given) {
  if (given.raw) return rawRequest(server.port, given.raw);
  const method = given.method ?? "GET";
  const target = given.target ?? GOOD;
  const headers: string[] = [];
  for (const h of given.headers ?? []) {
    const m = /^\(digest (nonce|password)=(\w+)\)$/.exec(h);
    headers.push(m ? await digestHeader(method, target, { [m[1] as string]: m[2] }) : h);
  }
  const authGiven = headers.some((h) => /^authorization:/i.test(h));
  if (given.auth ?? !authGiven) headers.push(await digestHeader(method, target));
  const head = [`${method} ${target} HTTP/1.1`, "Host: 127.0.0.1", ...headers].join("\r\n");
  if (given.replay) await rawRequest(server.port, head);
  return rawRequest(server.port, head);
}

describe("bad HTTP to the mock server", () => {
  it("has at least 40 cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it("answers a good raw request with the reference Digest (the control)", async () => {
    const r = await send({});
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).results.length).toBeGreaterThan(0);
  });

  it.each(CASES)("%s", async (_name, { given, want }) => {
    const r = await send(given);
    expect({ status: r.status }, r.raw.slice(0, 400)).toEqual({ status: want.status });
    if (want.status !== 431 && want.status !== 401 && r.headers["content-type"]?.includes("json")) {
      // An Atlas error body that says what was wrong, and stays small whatever came in.
      const body = JSON.parse(r.body);
      expect(body).toMatchObject({ error: want.status, errorCode: expect.stringMatching(/^[A-Z_]+$/) });
      expect(r.body.length).toBeLessThan(2_000);
    }
    if (want.mentions) expect(r.body).toMatch(want.mentions);
    if (want.challenge) expect(r.headers["www-authenticate"]).toMatch(want.challenge);
    // The server is still up and serving the real client.
    const atlas = createAtlasClient({
      publicKey: PUBLIC_KEY,
      privateKey: PRIVATE_KEY,
      baseUrl: server.url,
      maxRetries: 0,
    });
    await expect(atlas.listTenantSnapshots({ groupId: GROUP, clusterName: CLUSTER })).resolves.toMatchObject({
      results: expect.any(Array),
    });
  });
});

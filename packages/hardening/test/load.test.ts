// The mock server (its own command line, a subprocess, so its memory is its
// own) under 50 connections for 15 s with autocannon on loopback, Digest on:
// no errors, no non-2xx beyond the 400s, 401s and 404s the request mix asks
// for, and memory that settles instead of growing.
import { randomBytes } from "node:crypto";
import autocannon from "autocannon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockProcess, startMockProcess } from "./helpers/mock-process.js";
import { rawRequest } from "./helpers/raw-http.js";
import { referenceDigest } from "./helpers/reference-digest.js";
import { GROUP, SNAPSHOTS_PATH } from "./helpers/seed-data.js";

const PUB = "loadtestpub";
const KEY = "load-test-private-key";
const REALM = "MMS Public API";
const CONNECTIONS = 50;
const DURATION_S = 15;
const MB = 1024 * 1024;

const BASE = "/api/atlas/v1.0";
const PAGE = BASE + SNAPSHOTS_PATH();
interface Target {
  path: string;
  /** The status each request to it must get. */
  status: number;
  /** Send a valid Digest answer (qop=auth, increasing nc). */
  auth: boolean;
}
/** The request mix, cycled by every connection: pages of every shape, plus the errors we configure. */
const MIX: Target[] = [
  { path: PAGE, status: 200, auth: true },
  { path: `${PAGE}?pageNum=2&itemsPerPage=10`, status: 200, auth: true },
  { path: `${PAGE}?includeCount=false&itemsPerPage=500`, status: 200, auth: true },
  { path: `${PAGE}?pretty=true`, status: 200, auth: true },
  { path: `${PAGE}?envelope=true&pageNum=3&itemsPerPage=20`, status: 200, auth: true },
  { path: `${PAGE}?pageNum=999`, status: 200, auth: true },
  { path: BASE + SNAPSHOTS_PATH(GROUP, "NOPE"), status: 404, auth: true },
  { path: `${PAGE}?itemsPerPage=0`, status: 400, auth: true },
];
/** Half the requests without credentials: each makes the server issue and remember a nonce. */
const CHURN: Target[] = [
  { path: PAGE, status: 200, auth: true },
  { path: PAGE, status: 401, auth: false },
];

let server: MockProcess;
beforeAll(async () => {
  // The default token bucket (4000, 2000/min) would turn most of this into 429s: lift it.
  server = await startMockProcess([
    "--public-key",
    PUB,
    "--private-key",
    KEY,
    "--snapshots",
    "300",
    "--rate-limit",
    "1000000000/1000000000",
  ]);
});
afterAll(async () => {
  await server?.stop();
});

async function nonce(): Promise<string> {
  const r = await rawRequest(server.port, `GET ${PAGE} HTTP/1.1\r\nHost: 127.0.0.1`);
  return /nonce="([^"]+)"/.exec(r.headers["www-authenticate"] ?? "")?.[1] ?? "";
}

interface LoadResult {
  total: number;
  byStatus: Record<string, number>;
  result: autocannon.Result;
  samplesMB: number[];
  /** A Digest answer for `path` with the load's nonce and the next nc. */
  authFor(path: string): string;
}

/** Runs the mix for `seconds`, or for exactly `amount` requests. */
async function load(mix: Target[], length: { seconds: number } | { amount: number }): Promise<LoadResult> {
  const n = await nonce();
  let nc = 0;
  const authFor = (path: string) => {
    const count = (++nc).toString(16).padStart(8, "0");
    const cnonce = randomBytes(8).toString("hex");
    const response = referenceDigest({
      username: PUB,
      password: KEY,
      realm: REALM,
      nonce: n,
      method: "GET",
      uri: path,
      qop: "auth",
      nc: count,
      cnonce,
    });
    return `Digest username="${PUB}", realm="${REALM}", nonce="${n}", uri="${path}", algorithm=MD5, response="${response}", qop=auth, nc=${count}, cnonce="${cnonce}"`;
  };
  const samplesMB: number[] = [];
  const sampler = setInterval(() => samplesMB.push(+(server.rssBytes() / MB).toFixed(1)), 1_000);
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}`,
    connections: CONNECTIONS,
    ...("seconds" in length ? { duration: length.seconds } : { amount: length.amount }),
    requests: mix.map(({ path, auth }) => ({
      method: "GET",
      path,
      setupRequest: (req: autocannon.Request) =>
        auth ? { ...req, headers: { ...req.headers, authorization: authFor(path) } } : req,
    })),
  });
  clearInterval(sampler);
  const byStatus: Record<string, number> = {};
  for (const [code, { count = 0 }] of Object.entries(result.statusCodeStats ?? {})) byStatus[code] = count;
  return { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus, result, samplesMB, authFor };
}

/** Each connection walks the mix in order, so each status gets its share, give or take one round per connection. */
function expectShares(mix: Target[], { total, byStatus }: LoadResult): void {
  const statuses = [...new Set(mix.map((m) => m.status))].sort();
  expect(Object.keys(byStatus).sort()).toEqual(statuses.map(String));
  for (const status of statuses) {
    const share = mix.filter((m) => m.status === status).length / mix.length;
    expect(Math.abs((byStatus[status] ?? 0) - total * share), `status ${status}`).toBeLessThanOrEqual(
      CONNECTIONS * mix.length,
    );
  }
}

describe("the mock server under load", () => {
  it(`holds ${CONNECTIONS} connections for ${DURATION_S} s: no errors, only the configured non-2xx, flat memory`, async () => {
    // Warm up (JIT, buffers), let it settle, and take the baseline.
    const warm = await autocannon({ url: `http://127.0.0.1:${server.port}${PAGE}`, connections: 10, amount: 2_000 });
    expect(warm.errors).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    const rssBefore = server.rssBytes();

    const run = await load(MIX, { seconds: DURATION_S });
    await new Promise((r) => setTimeout(r, 1_000));
    const rssAfter = server.rssBytes();
    const { result } = run;
    console.info(
      `load figures: ${JSON.stringify({
        connections: CONNECTIONS,
        seconds: DURATION_S,
        requests: run.total,
        rps: Math.round(result.requests.average),
        latencyP50Ms: result.latency.p50,
        latencyP99Ms: result.latency.p99,
        byStatus: run.byStatus,
        errors: result.errors,
        timeouts: result.timeouts,
        rssBeforeMB: +(rssBefore / MB).toFixed(1),
        rssEachSecondMB: run.samplesMB,
        rssAfterMB: +(rssAfter / MB).toFixed(1),
      })}`,
    );

    expect({ errors: result.errors, timeouts: result.timeouts }).toEqual({ errors: 0, timeouts: 0 });
    expectShares(MIX, run);
    expect(run.total).toBeGreaterThan(5_000);
    // Loose on purpose: bounded, not byte-exact.
    expect(rssAfter).toBeLessThan(2 * rssBefore + 50 * MB);
    // Still answering afterwards.
    expect((await rawRequest(server.port, `GET ${PAGE} HTTP/1.1\r\nHost: 127.0.0.1`)).status).toBe(401);
  }, 60_000);

  it("keeps an authenticated client's nonce while a flood of unauthenticated requests asks for new ones", async () => {
    // Every 401 issues a nonce and the registry holds 10,000: 12,000 unauthenticated requests pass that.
    const run = await load(CHURN, { amount: 24_000 });
    console.info(
      `nonce churn: ${JSON.stringify({ requests: run.total, byStatus: run.byStatus, rssEachSecondMB: run.samplesMB })}`,
    );
    expect(run.total).toBe(24_000);
    expect(run.result.errors).toBe(0);
    // The client's nonce, used all along, is still good afterwards.
    const after = await rawRequest(
      server.port,
      `GET ${PAGE} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${run.authFor(PAGE)}`,
    );
    expect({ status: after.status, challenge: after.headers["www-authenticate"] }).toEqual({
      status: 200,
      challenge: undefined,
    });
    expectShares(CHURN, run);
  }, 60_000);
});

// The mock server (its own command line, a subprocess, so its memory is its
// own) under 50 keep-alive connections on loopback, Digest on: every request
// answered, no status but the ones the request mix asks for, and memory that
// settles instead of growing. A fixed number of requests, not a duration, and
// no speed asserted: a loaded machine must not fail a correct server (`pnpm
// bench` measures speed).
import { randomBytes } from "node:crypto";
import { Agent, request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockProcess, startMockProcess } from "./helpers/mock-process.js";
import { rawRequest } from "./helpers/raw-http.js";
import { referenceDigest } from "./helpers/reference-digest.js";
import { GROUP, SNAPSHOTS_PATH } from "./helpers/seed-data.js";

const PUB = "loadtestpub";
const KEY = "load-test-private-key";
const REALM = "MMS Public API";
const CONNECTIONS = 50;
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
/** The request mix, walked in order by every connection: pages of every shape, plus the errors we configure. */
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
  /** Requests that got no HTTP answer (reset, refused, cut short). */
  errors: number;
  /** What each request got, by the status its target expects. */
  mismatches: { path: string; want: number; got: number }[];
  byStatus: Record<string, number>;
  samplesMB: number[];
  /** A Digest answer for `path` with the load's nonce and the next nc. */
  authFor(path: string): string;
}

/**
 * Every connection walks the mix `rounds` times, one request at a time, each
 * signed just before it is sent with one shared nonce and a rising nc (so a
 * request's nc is never far behind the highest the server saw).
 */
async function load(mix: Target[], rounds: number): Promise<LoadResult> {
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
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const send = ({ path, auth }: Target) =>
    new Promise<number>((resolve) => {
      const headers = auth ? { authorization: authFor(path) } : {};
      request({ host: "127.0.0.1", port: server.port, path, agent, headers }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", () => resolve(0));
      })
        .on("error", () => resolve(0))
        .end();
    });
  const samplesMB: number[] = [];
  const sampler = setInterval(() => samplesMB.push(+(server.rssBytes() / MB).toFixed(1)), 1_000);
  const byStatus: Record<string, number> = {};
  const mismatches: LoadResult["mismatches"] = [];
  let errors = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      for (let round = 0; round < rounds; round++) {
        for (const target of mix) {
          const got = await send(target);
          if (got === 0) errors++;
          else byStatus[got] = (byStatus[got] ?? 0) + 1;
          if (got !== target.status) mismatches.push({ path: target.path, want: target.status, got });
        }
      }
    }),
  );
  clearInterval(sampler);
  agent.destroy();
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0) + errors;
  return { total, errors, mismatches, byStatus, samplesMB, authFor };
}

const MIX_ROUNDS = 40;
const CHURN_ROUNDS = 240;

describe("the mock server under load", () => {
  it(`answers ${CONNECTIONS * MIX_ROUNDS * MIX.length} requests on ${CONNECTIONS} connections: each as its target expects, flat memory`, async () => {
    // Warm up (JIT, buffers), let it settle, and take the baseline.
    expect((await load(MIX, 2)).mismatches).toEqual([]);
    await new Promise((r) => setTimeout(r, 500));
    const rssBefore = server.rssBytes();

    const run = await load(MIX, MIX_ROUNDS);
    await new Promise((r) => setTimeout(r, 1_000));
    const rssAfter = server.rssBytes();
    console.info(
      `load figures: ${JSON.stringify({
        connections: CONNECTIONS,
        requests: run.total,
        byStatus: run.byStatus,
        errors: run.errors,
        rssBeforeMB: +(rssBefore / MB).toFixed(1),
        rssEachSecondMB: run.samplesMB,
        rssAfterMB: +(rssAfter / MB).toFixed(1),
      })}`,
    );

    expect(run.total).toBe(CONNECTIONS * MIX_ROUNDS * MIX.length);
    expect(run.errors).toBe(0);
    expect(run.mismatches.slice(0, 5)).toEqual([]);
    // Loose on purpose: bounded, not byte-exact.
    expect(rssAfter).toBeLessThan(2 * rssBefore + 50 * MB);
    // Still answering afterwards.
    expect((await rawRequest(server.port, `GET ${PAGE} HTTP/1.1\r\nHost: 127.0.0.1`)).status).toBe(401);
  }, 300_000);

  it("keeps an authenticated client's nonce while a flood of unauthenticated requests asks for new ones", async () => {
    // Every 401 issues a nonce and the registry holds 10,000: 12,000 unauthenticated requests pass that.
    const run = await load(CHURN, CHURN_ROUNDS);
    console.info(
      `nonce churn: ${JSON.stringify({ requests: run.total, byStatus: run.byStatus, rssEachSecondMB: run.samplesMB })}`,
    );
    expect(run.total).toBe(CONNECTIONS * CHURN_ROUNDS * CHURN.length);
    expect(run.errors).toBe(0);
    expect(run.mismatches.slice(0, 5)).toEqual([]);
    // The client's nonce, used all along, is still good afterwards.
    const after = await rawRequest(
      server.port,
      `GET ${PAGE} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${run.authFor(PAGE)}`,
    );
    expect({ status: after.status, challenge: after.headers["www-authenticate"] }).toEqual({
      status: 200,
      challenge: undefined,
    });
  }, 300_000);
});

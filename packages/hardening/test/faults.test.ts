// Under injected faults (500, 503 with Retry-After, dropped connections,
// truncated bodies, 429s and rate-limit bursts) over 3,000 snapshots on the
// real HTTP server: every snapshot exactly once and in order, or a typed
// error that names what failed. Never a silent short list.
import {
  AtlasConnectionError,
  AtlasError,
  AtlasRateLimitError,
  AtlasServerError,
  AtlasValidationError,
  createAtlasClient,
} from "@atlas-snapshots/client";
import { type AtlasMock, createAtlasMock, DEFAULT_MOCK_CREDENTIALS } from "@atlas-snapshots/mock";
import { type MockServer, startMockServer } from "@atlas-snapshots/mock/server";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { cliBin } from "./helpers/paths.js";
import { runNode } from "./helpers/run-node.js";
import { CLUSTER, GROUP } from "./helpers/seed-data.js";

const SNAPSHOTS = 3000;
const FAULT_RATE = 0.2;
const { publicKey, privateKey } = DEFAULT_MOCK_CREDENTIALS;
type FaultKind = "500" | "503" | "429" | "drop" | "truncate";

const servers: MockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function faultyServer(seed: number, options: { rate?: number; kinds?: FaultKind[]; burst?: boolean } = {}) {
  const server = await startMockServer({
    seed,
    snapshots: SNAPSHOTS,
    faults: { rate: options.rate ?? FAULT_RATE, kinds: options.kinds, retryAfterSeconds: 1 },
    // A small, fast-refilling bucket: concurrent pages run it dry and get 429 bursts, and a 20 ms
    // wait refills enough tokens for every waiting page (no page starves through 12 retries).
    rateLimit: options.burst === false ? false : { capacity: 10, refillPerMinute: 30_000 },
    requestLogSize: 10_000,
  });
  servers.push(server);
  return server;
}

function expectedIds(server: MockServer): string[] {
  return server.mock.store.listSnapshots(GROUP, CLUSTER).map((s) => s.id);
}

function client(server: MockServer, maxRetries: number) {
  return createAtlasClient({
    publicKey,
    privateKey,
    baseUrl: server.url,
    maxRetries,
    timeoutMs: 5_000,
    retry: { baseDelayMs: 2, maxDelayMs: 50, maxRetryAfterMs: 20 },
  });
}

/** A typed client error that says which request failed and how. */
function expectNamedFailure(error: unknown): void {
  expect(error).toBeInstanceOf(AtlasError);
  expect(error).not.toBeInstanceOf(AtlasValidationError);
  const { message } = error as Error;
  expect(message).toMatch(/\/backup\/tenant\/snapshots\?/); // the request that failed
  expect(message).toMatch(/pageNum=\d+/);
  expect(message).toMatch(/Atlas answered (429|5\d\d)|Could not reach|No answer within/);
}

describe("iterateTenantSnapshots under 20% faults over 3,000 snapshots (real HTTP server)", () => {
  it.each([8, 21, 1999])(
    "yields every snapshot once in order, or throws a typed error naming the failed request (fast-check seed %i)",
    async (fcSeed) => {
      const outcomes = { complete: 0, failed: 0, faults: 0 };
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          fc.constantFrom(37, 100, 500),
          fc.integer({ min: 1, max: 8 }),
          fc.constantFrom(0, 1, 3, 12),
          async (seed, itemsPerPage, concurrency, maxRetries) => {
            const server = await faultyServer(seed);
            const want = expectedIds(server);
            expect(want).toHaveLength(SNAPSHOTS);
            const got: string[] = [];
            let error: unknown;
            try {
              for await (const s of client(server, maxRetries).iterateTenantSnapshots({
                groupId: GROUP,
                clusterName: CLUSTER,
                itemsPerPage,
                concurrency,
              })) {
                got.push(s.id);
              }
            } catch (e) {
              error = e;
            }
            outcomes.faults += server.mock.requests.list().filter((r) => r.fault || r.status === 429).length;
            if (error === undefined) {
              outcomes.complete++;
              expect(got).toEqual(want);
            } else {
              outcomes.failed++;
              expectNamedFailure(error);
              // What arrived before the failure is a prefix in order, never a reshuffle.
              expect(got).toEqual(want.slice(0, got.length));
            }
            // With 12 retries a page fails 13 times in a row with p = 0.2^13: a failure here is a defect.
            if (maxRetries === 12) expect(error).toBeUndefined();
            await server.close();
          },
        ),
        { seed: fcSeed, numRuns: 5, endOnFailure: true },
      );
      console.info(`fast-check seed ${fcSeed}: ${JSON.stringify(outcomes)}`);
      // The property was exercised: faults really happened (how many depends on the runs' page sizes).
      expect(outcomes.faults).toBeGreaterThanOrEqual(5);
    },
  );

  it.each([101, 202, 303])("with enough retries the whole list arrives (mock seed %i)", async (seed) => {
    const server = await faultyServer(seed);
    const got = await client(server, 12).listAllTenantSnapshots({
      groupId: GROUP,
      clusterName: CLUSTER,
      concurrency: 6,
    });
    expect(got.map((s) => s.id)).toEqual(expectedIds(server));
    const faults = server.mock.requests.list().filter((r) => r.fault || r.status === 429);
    expect(faults.length).toBeGreaterThan(0);
  });

  // biome-ignore lint/suspicious/noExplicitAny: error classes with different constructors
  const KINDS: [FaultKind, { error: new (...args: any[]) => AtlasError; status: RegExp }][] = [
    ["500", { error: AtlasServerError, status: /Atlas answered 500/ }],
    ["503", { error: AtlasServerError, status: /Atlas answered 503/ }],
    ["429", { error: AtlasRateLimitError, status: /Atlas answered 429/ }],
    ["drop", { error: AtlasConnectionError, status: /Could not reach/ }],
    ["truncate", { error: AtlasConnectionError, status: /Could not reach/ }],
  ];
  it.each(KINDS)("a %s on every request ends in its typed error once retries are spent", async (kind, want) => {
    const server = await faultyServer(1, { rate: 1, kinds: [kind], burst: false });
    const error = await client(server, 2)
      .listAllTenantSnapshots({ groupId: GROUP, clusterName: CLUSTER })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(want.error);
    expect((error as Error).message).toMatch(want.status);
    expectNamedFailure(error);
    // 1 challenge + 3 attempts: the retries were really made.
    expect(server.mock.requests.size).toBe(4);
  });

  it("fails rather than returning a partial list when faults outlast the retries", async () => {
    const server = await faultyServer(99, { rate: 0.5, burst: false });
    const error = await client(server, 0)
      .listAllTenantSnapshots({ groupId: GROUP, clusterName: CLUSTER, itemsPerPage: 100 })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expectNamedFailure(error);
  });
});

describe("atlas-snapshots list --all --output json under 20% faults (subprocess)", () => {
  const env = { MONGODB_ATLAS_PUBLIC_API_KEY: publicKey, MONGODB_ATLAS_PRIVATE_API_KEY: privateKey };
  const args = (server: MockServer, retries: number) => [
    "list",
    "--all",
    "--output",
    "json",
    "--base-url",
    server.url,
    "--group",
    GROUP,
    "--cluster",
    CLUSTER,
    "--retries",
    String(retries),
  ];

  it.each([
    [11, 10],
    [12, 10],
    [13, 1],
    [14, 0],
  ])(
    "seed %i with --retries %i: the full list with exit 0, or a non-zero exit with a message",
    async (seed, retries) => {
      // Retry-After 0 keeps the CLI's own backoff (0.5 s doubling) the only wait.
      const server = await startMockServer({
        seed,
        snapshots: SNAPSHOTS,
        faults: { rate: FAULT_RATE, retryAfterSeconds: 0 },
        requestLogSize: 10_000,
      });
      servers.push(server);
      const want = expectedIds(server);
      const run = await runNode(cliBin(), args(server, retries), { env, timeoutMs: 120_000 });
      if (run.code === 0) {
        const ids = (JSON.parse(run.stdout) as { id: string }[]).map((s) => s.id);
        expect(ids).toEqual(want);
      } else {
        expect(run.code).toBeGreaterThanOrEqual(3);
        expect(run.stderr).toMatch(/^atlas-snapshots: .*(Atlas answered|Could not reach|No answer)/m);
        // Whatever reached stdout is not a list a script could mistake for the whole.
        expect(() => JSON.parse(run.stdout)).toThrow();
      }
      if (retries === 10) expect(run.code, run.stderr).toBe(0);
    },
  );

  it.each([
    ["500", 6],
    ["503", 6],
    ["429", 5],
    ["drop", 6],
    ["truncate", 6],
  ] as const)("a %s on every request exits %i with a message", async (kind, code) => {
    const server = await faultyServer(3, { rate: 1, kinds: [kind], burst: false });
    const run = await runNode(cliBin(), args(server, 0), { env, timeoutMs: 30_000 });
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code, stdout: "" });
    expect(run.stderr).toMatch(/^atlas-snapshots: .*(Atlas answered|Could not reach)/m);
  });
});

/**
 * A mock whose page 2 (of 3, 100 per page) comes back as `reply`, everything
 * else as usual: a proxy or cache in the way, a deploy gone wrong.
 */
async function serverWithBrokenPage2(reply: { status: number; body: string }): Promise<MockServer> {
  const mock = createAtlasMock({ snapshots: 300 });
  const broken: AtlasMock = Object.create(mock);
  broken.reply = async (request) => {
    const answer = await mock.reply(request);
    const authenticated = answer.status !== 401;
    if (authenticated && /[?&]pageNum=2(&|$)/.test(request.url)) {
      return { status: reply.status, headers: { "Content-Type": "application/json" }, body: reply.body };
    }
    return answer;
  };
  const server = await startMockServer({ mock: broken });
  servers.push(server);
  return server;
}

// [name, { given: page 2's reply, want: a typed error, never 100 of 300 snapshots as if complete }]
const MALFORMED: [string, { given: { status: number; body: string } }][] = [
  ["an HTML page with status 200", { given: { status: 200, body: "<html><body>Proxy maintenance</body></html>" } }],
  ["JSON without results", { given: { status: 200, body: "{}" } }],
  ["results that is not an array", { given: { status: 200, body: '{"results":"none","links":[]}' } }],
  ["a snapshot without an id", { given: { status: 200, body: '{"results":[{"status":"COMPLETED"}],"links":[]}' } }],
  ["JSON cut short", { given: { status: 200, body: '{"results":[{"id":"5cc310ace5dc7ce369814bc8","sta' } }],
];

describe("a malformed 200 reply in the middle of the list", () => {
  it.each(MALFORMED)(
    "iterateTenantSnapshots: %s on page 2 is a typed error, not a short list",
    async (_name, { given }) => {
      const server = await serverWithBrokenPage2(given);
      const got: string[] = [];
      const error = await (async () => {
        for await (const s of client(server, 0).iterateTenantSnapshots({
          groupId: GROUP,
          clusterName: CLUSTER,
          itemsPerPage: 100,
          concurrency: 1,
        })) {
          got.push(s.id);
        }
      })().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect({ snapshots: got.length, error: (error as Error)?.name }).toMatchObject({
        snapshots: 100,
        error: expect.stringMatching(/^Atlas/),
      });
      expect(error).toBeInstanceOf(AtlasError);
      expect((error as Error).message).toMatch(/pageNum=2/);
    },
  );

  it.each(MALFORMED)("atlas-snapshots list --all: %s on page 2 exits non-zero", async (_name, { given }) => {
    const server = await serverWithBrokenPage2(given);
    const run = await runNode(
      cliBin(),
      [
        "list",
        "--all",
        "--output",
        "json",
        "--items-per-page",
        "100",
        "--concurrency",
        "1",
        "--retries",
        "0",
        "--base-url",
        server.url,
        "--group",
        GROUP,
        "--cluster",
        CLUSTER,
      ],
      { env: { MONGODB_ATLAS_PUBLIC_API_KEY: publicKey, MONGODB_ATLAS_PRIVATE_API_KEY: privateKey } },
    );
    const printed = run.code === 0 ? (JSON.parse(run.stdout) as unknown[]).length : 0;
    expect({ code: run.code, printed }, run.stderr).toMatchObject({ code: expect.any(Number), printed: 0 });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/^atlas-snapshots: /m);
  });
});

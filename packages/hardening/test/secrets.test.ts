// The private key never shows: every error path of the client, the mock (its
// server command line and its request log) and atlas-snapshots is driven with
// a distinctive key, everything they print, log, throw or serialise is
// collected, and the key is searched for in every form. Zero hits.
import { createServer } from "node:net";
import { inspect } from "node:util";
import { createAtlasClient, type Logger } from "@atlas-snapshots/client";
import { createAtlasMock } from "@atlas-snapshots/mock";
import { type MockServer, startMockServer } from "@atlas-snapshots/mock/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LeakSearch, needlesFor } from "./helpers/leak-search.js";
import { startMockProcess } from "./helpers/mock-process.js";
import { cliBin, mockServerBin } from "./helpers/paths.js";
import { rawRequest } from "./helpers/raw-http.js";
import { runNode } from "./helpers/run-node.js";
import { CLUSTER, GROUP, SNAPSHOTS_PATH } from "./helpers/seed-data.js";

const KEY = "7f3a9c2e-5b1d-4e8f-a6c0-d9b2e4f1a3c5";
const PUB = "hardeningsecrets";
const REALM = "MMS Public API";
const needles = needlesFor(KEY, { username: PUB, realm: REALM });

/** A port with nothing listening. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe("the leak search itself (controls)", () => {
  it.each([
    ["the key in a message", `Digest refused for key ${KEY}`],
    ["a part of the key", `privateKey "${KEY.slice(7, 22)}..." is invalid`],
    ["the key in base64", `Authorization: Basic ${Buffer.from(KEY).toString("base64")}`],
    ["Digest HA1 (a password equivalent)", `ha1=${[...needles].find(([, what]) => what.startsWith("HA1 (MD5)"))?.[0]}`],
  ])("finds %s", (_name, leaky) => {
    const search = new LeakSearch(needles);
    search.add("clean", "nothing to see here", new Error("no secret"));
    search.add("leaky", leaky);
    expect([...new Set(search.leaks().map((l) => l.label))]).toEqual(["leaky"]);
  });

  it("finds the key in an error's cause, a subprocess's stderr and an object's inspection", async () => {
    const search = new LeakSearch(needles);
    search.add("cause", new Error("outer", { cause: new Error(`inner ${KEY}`) }));
    const run = await runNode("-e", ["process.stderr.write(process.env.K)"], { env: { K: KEY } });
    search.add("subprocess", run.stderr);
    search.add("object", { deep: { deeper: { key: KEY } } });
    expect([...new Set(search.leaks().map((l) => l.label))]).toEqual(["cause", "subprocess", "object"]);
  });
});

/** Fails with every place the key showed, and says how much was searched. */
function expectNoLeaks(search: LeakSearch, area: string, atLeast: number): void {
  const leaks = search.leaks();
  console.info(
    `${area}: searched ${search.count} outputs (${search.characters} characters) from ${search.labels().length} sources: ${leaks.length} leaks`,
  );
  expect(search.count).toBeGreaterThan(atLeast);
  expect(leaks).toEqual([]);
}

describe("the private key never shows", () => {
  let search = new LeakSearch(needles);
  beforeEach(() => {
    search = new LeakSearch(needles);
  });
  const servers: MockServer[] = [];
  let good: MockServer; // accepts PUB / KEY
  let other: MockServer; // accepts PUB with another key: KEY is the wrong one there
  let slow: MockServer; // answers after 1.5 s

  beforeAll(async () => {
    good = await startMockServer({
      credentials: [{ publicKey: PUB, privateKey: KEY, groups: [GROUP] }],
      snapshots: 250,
    });
    other = await startMockServer({ credentials: [{ publicKey: PUB, privateKey: "some-other-private-key" }] });
    slow = await startMockServer({ credentials: [{ publicKey: PUB, privateKey: KEY }], latencyMs: 1_500 });
    servers.push(good, other, slow);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  function loggingClient(label: string, baseUrl: string, extra: Record<string, unknown> = {}) {
    const logger: Logger = Object.fromEntries(
      (["debug", "info", "warn", "error"] as const).map((level) => [
        level,
        (message: string, meta?: unknown) => search.add(`${label}: logger.${level}`, message, meta),
      ]),
    );
    const atlas = createAtlasClient({
      publicKey: PUB,
      privateKey: KEY,
      baseUrl,
      logger,
      maxRetries: 1,
      retry: { baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 2 },
      ...extra,
    });
    search.add(`${label}: the client object`, atlas);
    return atlas;
  }

  async function expectError(label: string, action: () => Promise<unknown>) {
    const error = await action().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, label).toBeInstanceOf(Error);
    search.add(`${label}: thrown error`, error);
    return error;
  }

  it("client: every error path, its logger and serialisations", async () => {
    const ok = { groupId: GROUP, clusterName: CLUSTER };
    await expectError("wrong key (401)", () => loggingClient("wrong key", other.url).listTenantSnapshots(ok));
    await expectError("unknown cluster (404)", () =>
      loggingClient("404", good.url).listTenantSnapshots({ ...ok, clusterName: "NOPE" }),
    );
    await expectError("another project (403)", () =>
      loggingClient("403", good.url).listTenantSnapshots({ ...ok, groupId: "0123456789abcdef01234567" }),
    );
    await expectError("404 in an envelope", () =>
      loggingClient("envelope", good.url).listTenantSnapshots({ ...ok, clusterName: "NOPE", envelope: true }),
    );
    for (const status of [400, 401, 429, 500, 503]) {
      const atlas = loggingClient(`forced ${status}`, good.url);
      await atlas.listTenantSnapshots(ok); // first contact: the nonce is cached, so the forced reply meets credentials
      good.mock.forceResponse({ status, times: 3 });
      await expectError(`forced ${status}`, () => atlas.listTenantSnapshots(ok));
      good.mock.clearForcedResponses();
    }
    await expectError("connection refused", async () =>
      loggingClient("refused", `http://127.0.0.1:${await closedPort()}/api/atlas/v1.0`).listTenantSnapshots(ok),
    );
    await expectError("timeout", () => loggingClient("timeout", slow.url, { timeoutMs: 100 }).listTenantSnapshots(ok));
    const abort = new AbortController();
    const pending = loggingClient("abort", slow.url).listTenantSnapshots({ ...ok, signal: abort.signal });
    abort.abort();
    await expectError("aborted", () => pending);
    await expectError("bad groupId", () =>
      loggingClient("validation", good.url).listTenantSnapshots({ ...ok, groupId: "nope" }),
    );
    await expectError("bad option next to the key", async () =>
      createAtlasClient({ publicKey: PUB, privateKey: KEY, baseUrl: "ftp://nowhere" }),
    );
    await expectError("the key as the password of baseUrl (user:password@)", async () =>
      createAtlasClient({
        publicKey: PUB,
        privateKey: KEY,
        baseUrl: `https://${PUB}:${KEY}@atlas.test/api/atlas/v1.0`,
      }),
    );
    await expectError("privateKey of the wrong type", async () =>
      // biome-ignore lint/suspicious/noExplicitAny: the wrong type on purpose
      createAtlasClient({ publicKey: PUB, privateKey: [KEY] as any }),
    );
    await expectError("faults: drop and truncate", async () => {
      const faulty = await startMockServer({
        credentials: [{ publicKey: PUB, privateKey: KEY }],
        faults: { rate: 1, kinds: ["drop", "truncate"] },
      });
      servers.push(faulty);
      return loggingClient("faults", faulty.url).listAllTenantSnapshots(ok);
    });
    // openapi-fetch's own result object on an error status.
    const raw = await loggingClient("GET", good.url).GET(
      "/groups/{groupId}/clusters/{clusterName}/backup/tenant/snapshots",
      { params: { path: { groupId: GROUP, clusterName: "NOPE" } } },
    );
    search.add("GET result", raw.error, raw.response.headers, raw.response.url);
    // And success, with the debug log on.
    const all = await loggingClient("success", good.url).listAllTenantSnapshots(ok);
    expect(all.length).toBe(250);
    expect(search.labels().some((l) => l.includes("logger.warn"))).toBe(true);
    expect(search.labels().some((l) => l.includes("logger.debug"))).toBe(true);
    expectNoLeaks(search, "client", 200);
  });

  it("mock: request log, error bodies and option errors", async () => {
    for (const server of [good, other, slow]) {
      search.add("mock.requests", server.mock.requests.list());
      for (const entry of server.mock.requests) search.add("mock.requests entry", entry, inspect(entry));
    }
    expect(good.mock.requests.size).toBeGreaterThan(5);
    // Bodies and headers the server sent to wrong, missing and malformed credentials.
    const path = `/api/atlas/v1.0${SNAPSHOTS_PATH()}`;
    for (const auth of [
      "",
      `Authorization: Digest username="${PUB}", realm="${REALM}", nonce="x", uri="${path}", response="0"`,
    ]) {
      const r = await rawRequest(other.port, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1${auth ? `\r\n${auth}` : ""}`);
      search.add("mock raw reply", r.raw);
    }
    await expectError("mock option error (empty publicKey)", async () =>
      createAtlasMock({ credentials: [{ publicKey: "", privateKey: KEY }] }),
    );
    await expectError("mock option error (bad faults)", async () =>
      createAtlasMock({ credentials: [{ publicKey: PUB, privateKey: KEY }], faults: { rate: 7 } }),
    );
    expectNoLeaks(search, "mock", 20);
  });

  it("mock server command line: start, refused requests, bad flags, stop", async () => {
    const server = await startMockProcess(["--public-key", PUB, "--private-key", KEY]);
    const wrong = createAtlasClient({ publicKey: PUB, privateKey: "not-the-key", baseUrl: server.url, maxRetries: 0 });
    await expectError("server CLI: wrong key", () =>
      wrong.listTenantSnapshots({ groupId: GROUP, clusterName: CLUSTER }),
    );
    const right = createAtlasClient({ publicKey: PUB, privateKey: KEY, baseUrl: server.url, maxRetries: 0 });
    await right.listTenantSnapshots({ groupId: GROUP, clusterName: CLUSTER });
    const stopped = await server.stop();
    search.add("server CLI stdout", server.stdout());
    search.add("server CLI stderr", server.stderr());
    expect(stopped.code ?? stopped.signal).toBeDefined();
    expect(server.stdout()).toMatch(/listening on/);

    const port = await closedPort();
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const busy = String((blocker.address() as { port: number }).port);
    const runs = await Promise.all(
      [
        ["--private-key", KEY],
        ["--public-key", PUB, "--private-key", KEY, "--port", "abc"],
        ["--public-key", PUB, `--private-key=${KEY}`, "--bogus"],
        ["--public-key", PUB, "--private-key", KEY, "--data", "/nonexistent.json"],
        ["--public-key", PUB, "--private-key", KEY, "--fault-rate", "2"],
        ["--public-key", PUB, "--private-key", KEY, "--port", busy],
        ["--public-key", PUB, "--private-key", KEY, KEY],
        ["--public-key", PUB, KEY],
        ["--public-key", "", "--private-key", KEY],
        ["--public-key", PUB, "--private-key", KEY, "--port", String(port), "--help"],
      ].map((args) => runNode(mockServerBin(), args, { timeoutMs: 120_000 })),
    );
    await new Promise<void>((r) => blocker.close(() => r()));
    for (const [i, run] of runs.entries()) search.add(`server CLI bad flags #${i}`, run.stdout, run.stderr);
    expect(runs.filter((r) => r.code === 2).length).toBeGreaterThanOrEqual(6);
    expectNoLeaks(search, "mock server command line", 10);
  });

  it("atlas-snapshots: every exit code, with and without --verbose", async () => {
    const env = { MONGODB_ATLAS_PUBLIC_API_KEY: PUB, MONGODB_ATLAS_PRIVATE_API_KEY: KEY };
    const target = (server: MockServer) => ["--group", GROUP, "--cluster", CLUSTER, "--base-url", server.url];
    const refused = `http://127.0.0.1:${await closedPort()}/api/atlas/v1.0`;
    const cases: [string, string[], Record<string, string>?][] = [
      ["success", ["list", ...target(good), "--output", "json"]],
      ["wrong key", ["list", ...target(other)]],
      ["not found", ["list", "--group", GROUP, "--cluster", "NOPE", "--base-url", good.url]],
      ["forbidden", ["list", "--group", "0123456789abcdef01234567", "--cluster", CLUSTER, "--base-url", good.url]],
      ["refused", ["list", "--group", GROUP, "--cluster", CLUSTER, "--base-url", refused, "--retries", "0"]],
      ["timeout", ["list", ...target(slow), "--timeout", "1s", "--retries", "0"]],
      ["usage", ["list", ...target(good), "--items-per-page", "0"]],
      ["the key typed as an argument", ["list", KEY, ...target(good)]],
      ["the key typed as a flag value", ["list", ...target(good), "--output", KEY]],
      ["the key as a flag name", ["list", ...target(good), `--${KEY}`]],
      ["check", ["check", ...target(good), "--max-age", "1s"]],
      ["bad mock data", ["list", "--mock-data", "/nonexistent.json"]],
      [
        "the key in --base-url as user:password@",
        [
          "list",
          "--group",
          GROUP,
          "--cluster",
          CLUSTER,
          "--base-url",
          `http://${PUB}:${KEY}@127.0.0.1:9/api/atlas/v1.0`,
        ],
      ],
      ["key with spaces around it", ["list", ...target(other)], { MONGODB_ATLAS_PRIVATE_API_KEY: `  ${KEY}\n` }],
    ];
    const runs = await Promise.all(
      cases.flatMap(([name, args, extraEnv]) =>
        [[], ["--verbose"]].map(async (verbose) => {
          const run = await runNode(cliBin(), [...args, ...verbose], {
            env: { ...env, ...extraEnv },
            timeoutMs: 120_000,
          });
          search.add(`atlas-snapshots ${name} ${verbose.join("")}`, run.stdout, run.stderr);
          return { name, verbose: verbose.length > 0, code: run.code };
        }),
      ),
    );
    // Each path really ran: the exit codes the help documents.
    const codeOf = (name: string) => runs.find((r) => r.name === name && !r.verbose)?.code;
    expect({
      success: codeOf("success"),
      wrongKey: codeOf("wrong key"),
      notFound: codeOf("not found"),
      forbidden: codeOf("forbidden"),
      refused: codeOf("refused"),
      timeout: codeOf("timeout"),
      usage: codeOf("usage"),
      check: codeOf("check"),
      userinfo: codeOf("the key in --base-url as user:password@"),
    }).toEqual({
      success: 0,
      wrongKey: 3,
      notFound: 4,
      forbidden: 3,
      refused: 6,
      timeout: 6,
      usage: 2,
      check: 1,
      userinfo: 2,
    });
    expectNoLeaks(search, "atlas-snapshots", 40);
  });
});

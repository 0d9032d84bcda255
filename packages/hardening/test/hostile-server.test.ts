// The hostile-server section: a real loopback HTTP server that lies (pages that
// ignore pageNum, empty middle pages, promises the data never keeps), sends
// huge, endless and gzip-bomb bodies, trickles a body under GC pressure, and
// puts terminal escape sequences in fields and error text. The client and the
// CLI must answer each with a typed error or safe output, never a short list,
// a hang or a raw byte on the terminal.
import { join } from "node:path";
import {
  AtlasIncompleteListingError,
  AtlasResponseTooLargeError,
  createAtlasClient,
  printable,
} from "@atlas-snapshots/client";
import { afterEach, describe, expect, it } from "vitest";
import {
  endlessBody,
  gzipBomb,
  type HostileServer,
  hugeBody,
  json,
  type LyingPagesOptions,
  lyingPages,
  snapshot,
  startHostileServer,
  trickle,
} from "./helpers/hostile-server.js";
import { cliBin } from "./helpers/paths.js";
import { runNode } from "./helpers/run-node.js";
import { CLUSTER, GROUP } from "./helpers/seed-data.js";

const servers: HostileServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(...args: Parameters<typeof startHostileServer>): Promise<HostileServer> {
  const server = await startHostileServer(...args);
  servers.push(server);
  return server;
}

describe("trickled bodies under GC pressure", () => {
  it("still time out after major garbage collections during the body read", { timeout: 60_000 }, async () => {
    const server = await serve(trickle(100));
    // The child is killed after 45 s: a hang shows as no outcome at all, not as a slow one.
    const run = await runNode(join(import.meta.dirname, "fixtures/timeout-under-gc.mjs"), [server.url, "1000"], {
      timeoutMs: 45_000,
    });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout || "{}")).toEqual({ outcome: "rejected", name: "AtlasTimeoutError", junk: true });
  });
});

const MiB = 1024 * 1024;
const client = (server: HostileServer, extra: object = {}) =>
  createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: server.url, maxRetries: 0, ...extra });
const listAll = (server: HostileServer, itemsPerPage = 100) =>
  client(server).listAllTenantSnapshots({ groupId: GROUP, clusterName: CLUSTER, itemsPerPage });
const KEYS = { MONGODB_ATLAS_PUBLIC_API_KEY: "public", MONGODB_ATLAS_PRIVATE_API_KEY: "private-key-value" };
const cli = (server: HostileServer, ...args: string[]) =>
  runNode(
    cliBin(),
    ["list", "--base-url", server.url, "--group", GROUP, "--cluster", CLUSTER, "--retries", "0", ...args],
    {
      env: KEYS,
    },
  );

describe("pages that lie", () => {
  it.each<[string, LyingPagesOptions, RegExp]>([
    ["ignores pageNum", { totalCount: 1000, held: 1000, ignorePageNum: true }, /page 2 only repeated/],
    [
      "sends an empty middle page",
      { totalCount: 1000, held: 1000, emptyPages: [4] },
      /page 4 came back empty although page 3 linked to it/,
    ],
    [
      "promises 1,000 in totalCount and next, holds 250",
      { totalCount: 1000, held: 250, nextByPromise: true },
      /page 4 came back empty/,
    ],
    [
      "promises 1,000 in totalCount, holds 250 and stops linking",
      { totalCount: 1000, held: 250 },
      /ended at page 3 although totalCount \(1000\) promised 10 pages/,
    ],
  ])("a server that %s gets AtlasIncompleteListingError, never a shorter list", async (_, options, problem) => {
    const server = await serve(lyingPages(options));
    const error = await listAll(server).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasIncompleteListingError);
    expect((error as Error).message).toMatch(problem);
    expect((error as Error).message).toMatch(/of the 1000 that totalCount promised/);
  });

  it("a truthful server of the same shape lists everything (the control)", async () => {
    const server = await serve(lyingPages({ totalCount: 1000, held: 1000 }));
    expect(await listAll(server)).toHaveLength(1000);
  });

  it.each(["table", "json", "csv", "ndjson"])(
    "the CLI (-o %s) exits non-zero and never prints the short list as complete",
    async (output) => {
      const server = await serve(lyingPages({ totalCount: 1000, held: 1000, emptyPages: [4] }));
      const run = await cli(server, "-o", output, "--items-per-page", "100");
      expect(run.code).toBe(6);
      expect(run.stderr).toMatch(/listing is incomplete/);
      if (output === "ndjson") {
        // Streamed lines already left, and the CLI says the list is incomplete.
        expect(run.stderr).toMatch(/the list is INCOMPLETE: 300 snapshots were printed/);
      } else {
        expect(run.stdout).toBe("");
      }
    },
  );
});

describe("bodies too large to be a page", () => {
  it.each<[string, () => Parameters<typeof startHostileServer>[0]]>([
    ["a 16 MiB page", () => hugeBody(16 * MiB)],
    ["an endless fast body", () => endlessBody()],
    ["a gzip bomb (about 16 KB inflating to 16 MiB)", () => gzipBomb(16 * MiB)],
  ])("%s stops at maxResponseBytes with AtlasResponseTooLargeError", async (_, handler) => {
    const server = await serve(handler());
    const error = await listAll(server).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasResponseTooLargeError);
    expect(error).toMatchObject({ maxBytes: 4 * MiB });
  });

  it("the CLI names the cap instead of crashing", async () => {
    const server = await serve(endlessBody());
    const run = await cli(server);
    expect(run.code).toBe(7);
    expect(run.stderr).toMatch(/larger than 4194304 bytes \(the client's maxResponseBytes\)/);
    expect(run.stderr).not.toMatch(/unexpected error/);
  });
});

describe("escape sequences in fields and error text", () => {
  const HOSTILE = "\u001b]52;c;cm0gLXJmIH4=\u0007\u001b]0;pwned\u0007\u001b[2K\u009b1A\u0000";
  const hostilePages = () =>
    serve((_request, response) =>
      json(response, 200, {
        links: [],
        totalCount: 1,
        results: [snapshot(1, { status: `COMPLETED${HOSTILE}`, mongoDBVersion: HOSTILE })],
      }),
    );

  it.each(["table", "csv", "json", "ndjson"])("never reach the terminal in -o %s", async (output) => {
    const run = await cli(await hostilePages(), "-o", output);
    expect(run.code).toBe(0);
    // Nothing left to escape, except the line breaks each format uses.
    expect(printable(run.stdout, { keep: "\r\n" })).toBe(run.stdout);
    expect(printable(run.stderr, { keep: "\n" })).toBe(run.stderr);
  });

  it("never reach the terminal through errorCode, detail or a plain-text error body", async () => {
    for (const body of [
      { error: 404, errorCode: `X${HOSTILE}`, detail: `${HOSTILE}`.repeat(500) },
      `${HOSTILE} proxy says no`,
    ]) {
      const server = await serve((_request, response) =>
        typeof body === "string"
          ? void response.writeHead(502, { "content-type": "text/plain" }).end(body)
          : json(response, 404, body),
      );
      const run = await cli(server);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain("\\x1b]52;c;");
      expect(printable(run.stderr, { keep: "\n" })).toBe(run.stderr);
      expect(run.stderr.length).toBeLessThan(3000);
    }
  });
});

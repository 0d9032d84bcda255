import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { MockData } from "@atlas-snapshots/mock";
import type { MockServer } from "@atlas-snapshots/mock/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLUSTERS, GROUP, KEYS_ENV, PRIVATE_KEY, startTestServer } from "./helpers/fixture.js";
import { BIN, runCli } from "./helpers/run-cli.js";
import { history } from "./helpers/snapshot-data.js";

// Flex clusters (API v2) beside M2/M5 clusters (API v1.0), end to end: the built CLI against the mock's
// real HTTP server on loopback, which answers each API's cross-kind calls with Atlas's recorded 400s.

/** The seed project of the mock's default data: M2AWS (tenant) and FlexAWS (Flex) live there. */
const SEED = "5b69d0349b15c62cdfc38b78";
const CLIENT_ID = "cli-flex-cid";
const CLIENT_SECRET = "cli-flex-SECRET-4c1d-do-not-print";
const ACCOUNT_ENV = { MONGODB_ATLAS_CLIENT_ID: CLIENT_ID, MONGODB_ATLAS_CLIENT_SECRET: CLIENT_SECRET };
const NOTICE = "is a Flex cluster: using the Flex API (API v2)";

/** The same snapshots behind an M2/M5 cluster Twin on one server and a Flex cluster Twin on another (ids are unique per mock). */
const TENANT_TWIN: MockData = { groups: [{ id: GROUP, clusters: [{ name: "Twin", snapshots: CLUSTERS.Mixed }] }] };
const FLEX_DATA: MockData = {
  groups: [
    {
      id: GROUP,
      clusters: [
        { name: "Twin", kind: "flex", snapshots: CLUSTERS.Mixed },
        { name: "FlexRunning", kind: "flex", snapshots: history(7, 5, "RUNNING", 0.5) },
        { name: "FlexFresh", kind: "flex", snapshots: history(8, 5, "COMPLETED", 2) },
        { name: "FlexFailed", kind: "flex", snapshots: history(9, 5, "FAILED", 2) },
      ],
    },
  ],
};

/** Which API (or the token endpoint) a logged request went to. */
function apiOf(url: string): "token" | "tenant" | "flex" | "other" {
  const path = new URL(url).pathname;
  if (path === "/api/oauth/token") return "token";
  if (path.startsWith("/api/atlas/v1.0/")) return "tenant";
  if (path.startsWith("/api/atlas/v2/")) return "flex";
  return "other";
}
/** The logged requests as [api, status], without Digest's 401 challenges (an API key's first request gets one). */
const requestsTo = (server: MockServer) =>
  server.mock.requests
    .list()
    .filter((r) => !(r.status === 401 && !r.authenticated))
    .map((r) => [apiOf(r.url), r.status]);
const count = (text: string, part: string) => text.split(part).length - 1;
const host = (server: MockServer) => new URL(server.url).origin;

let seed: MockServer; // the mock's default data: M2AWS, FlexAWS
let twins: MockServer; // FLEX_DATA
let tenantTwin: MockServer; // TENANT_TWIN
beforeAll(async () => {
  const accounts = { serviceAccounts: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }] };
  [seed, twins, tenantTwin] = await Promise.all([
    startTestServer({ ...accounts, data: undefined }),
    startTestServer({ ...accounts, data: FLEX_DATA }),
    startTestServer({ ...accounts, data: TENANT_TWIN }),
  ]);
});
afterAll(async () => {
  await Promise.all([seed?.close(), twins?.close(), tenantTwin?.close()]);
});

const flexIds = () => seed.mock.store.listSnapshots(SEED, "FlexAWS").map((s) => s.id);

describe.each([
  ["a service account", ACCOUNT_ENV],
  ["an API key", KEYS_ENV],
])("a Flex cluster with %s", (_name, env) => {
  it("list finds the Flex API by itself, says so once on stderr, and lists every snapshot", async () => {
    seed.mock.requests.clear();
    const result = await runCli(["list", "-g", SEED, "-c", "FlexAWS", "--base-url", host(seed), "-o", "json"], env);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { id: string }[]).map((s) => s.id)).toEqual(flexIds());
    expect(result.stderr).toBe(
      "FlexAWS is a Flex cluster: using the Flex API (API v2) for it (--api flex skips asking the M2/M5 API first).\n",
    );
    // One question to the tenant API (Atlas's 400), then the Flex API only.
    const apis = requestsTo(seed).filter(([api]) => api === "tenant" || api === "flex");
    expect(apis.filter(([api]) => api === "tenant")).toEqual([["tenant", 400]]);
    expect(apis.filter(([api, status]) => api === "flex" && status === 200).length).toBeGreaterThan(0);
  });

  it("describe SNAPSHOT_ID reads it with getFlexSnapshot", async () => {
    const [id] = flexIds();
    seed.mock.requests.clear();
    const result = await runCli(
      ["describe", id as string, "-g", SEED, "-c", "FlexAWS", "--base-url", host(seed), "-o", "json"],
      env,
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(seed.mock.store.getSnapshot(SEED, "FlexAWS", id as string));
    expect(count(result.stderr, NOTICE)).toBe(1);
    const flexPaths = seed.mock.requests
      .list()
      .filter((r) => apiOf(r.url) === "flex")
      .map((r) => new URL(r.url).pathname);
    expect(flexPaths).toEqual([`/api/atlas/v2/groups/${SEED}/flexClusters/FlexAWS/backup/snapshots/${id}`]);
  });

  it("check judges the Flex cluster's latest snapshot with check's line and exit codes", async () => {
    const fresh = await runCli(["check", "-g", GROUP, "-c", "FlexFresh", "--base-url", host(twins)], env);
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toMatch(/^OK: FlexFresh: latest snapshot \w{24} .* is COMPLETED/);
    expect(count(fresh.stderr, NOTICE)).toBe(1);
    const failed = await runCli(["check", "-g", GROUP, "-c", "FlexFailed", "--base-url", host(twins)], env);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^FAIL: FlexFailed: latest snapshot \w{24} .* is FAILED/);
  });

  it("an unknown snapshot of a Flex cluster is a 404: exit 4, with the usual hint", async () => {
    const result = await runCli(
      ["describe", "0123456789abcdef01234567", "-g", SEED, "-c", "FlexAWS", "--base-url", host(seed)],
      env,
    );
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/Atlas answered 404 .*flexClusters\/FlexAWS/);
    expect(result.stderr).toMatch(/hint: check SNAPSHOT_ID, /);
  });
});

describe("output and exit codes are the same for either kind of cluster", () => {
  /** Twin, an M2/M5 cluster on one server and a Flex cluster on the other, holding the same snapshots. */
  const run = (args: string[], kind: "tenant" | "flex") =>
    runCli([...args, "-g", GROUP, "-c", "Twin", "--base-url", host(kind === "flex" ? twins : tenantTwin)], KEYS_ENV);

  it.each(["table", "json", "ndjson", "csv"])("list -o %s", async (format) => {
    const tenant = await run(["list", "-o", format], "tenant");
    const flex = await run(["list", "-o", format], "flex");
    expect(tenant.code).toBe(0);
    expect(flex.code).toBe(0);
    expect(flex.stdout).toBe(tenant.stdout);
    expect(flex.stdout.length).toBeGreaterThan(0);
    expect(tenant.stderr).not.toContain(NOTICE);
    expect(count(flex.stderr, NOTICE)).toBe(1);
  });

  it.each(["table", "json", "ndjson", "csv"])("describe -o %s", async (format) => {
    const id = CLUSTERS.Mixed[0]?.id as string;
    const tenant = await run(["describe", id, "-o", format], "tenant");
    const flex = await run(["describe", id, "-o", format], "flex");
    expect(tenant.code).toBe(0);
    expect(flex.stdout).toBe(tenant.stdout);
    expect(flex.code).toBe(tenant.code);
  });

  it("list --page 2 --status, and check (exit 1 on the running latest snapshot)", async () => {
    for (const args of [
      ["list", "--page", "2", "--items-per-page", "3", "-o", "json"],
      ["list", "--status", "failed", "-o", "csv"],
      ["check"],
    ]) {
      const tenant = await run(args, "tenant");
      const flex = await run(args, "flex");
      expect(flex.code).toBe(tenant.code);
      expect(flex.stdout).toBe(tenant.stdout);
    }
    expect((await run(["check"], "flex")).code).toBe(1);
  });

  it("-o json-raw is the Flex API's page as sent: the same results, its own links", async () => {
    const tenant = await run(["list", "-o", "json-raw", "--items-per-page", "4"], "tenant");
    const flex = await run(["list", "-o", "json-raw", "--items-per-page", "4"], "flex");
    expect(flex.code).toBe(0);
    const [t, f] = [JSON.parse(tenant.stdout), JSON.parse(flex.stdout)];
    expect(f.results).toEqual(t.results);
    expect(f.totalCount).toBe(t.totalCount);
    expect(f.links.map((l: { href: string }) => new URL(l.href).pathname)).toContain(
      `/api/atlas/v2/groups/${GROUP}/flexClusters/Twin/backup/snapshots`,
    );
  });
});

describe("the notice and the token, over many pages and watch's many looks", () => {
  it("a Flex listing of several pages says it once and asks for one token", async () => {
    seed.mock.requests.clear();
    const pages = Math.ceil(flexIds().length / 2);
    expect(pages).toBeGreaterThan(2);
    const result = await runCli(
      ["list", "-g", SEED, "-c", "FlexAWS", "--base-url", host(seed), "--items-per-page", "2", "-o", "ndjson"],
      ACCOUNT_ENV,
    );
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split("\n")).toHaveLength(flexIds().length);
    expect(count(result.stderr, NOTICE)).toBe(1);
    const log = requestsTo(seed);
    expect(log.filter(([api]) => api === "token")).toEqual([["token", 200]]);
    expect(log.filter(([api]) => api === "tenant")).toEqual([["tenant", 400]]);
    expect(log.filter(([api]) => api === "flex")).toEqual(Array.from({ length: pages }, () => ["flex", 200]));
  });

  it("watch says it once, asks the tenant API once, and keeps one token across its looks", async () => {
    twins.mock.requests.clear();
    const running = twins.mock.store.listSnapshots(GROUP, "FlexRunning").find((s) => s.status === "RUNNING");
    const child = spawn(
      process.execPath,
      [BIN, "watch", "-g", GROUP, "-c", "FlexRunning", "--base-url", host(twins), "--interval", "50ms"],
      { env: { PATH: process.env.PATH, ...ACCOUNT_ENV }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    const flexLooks = () => requestsTo(twins).filter(([api]) => api === "flex").length;
    // Let watch look several times while the snapshot runs, then Atlas finishes it.
    while (flexLooks() < 4 && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 25));
    twins.mock.store.updateSnapshot(GROUP, "FlexRunning", running?.id as string, {
      status: "COMPLETED",
      finishTime: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    });
    expect(await exited).toBe(0);
    expect(stdout).toMatch(new RegExp(`^OK: FlexRunning: latest snapshot ${running?.id} .* is COMPLETED`));
    expect(count(stderr, NOTICE)).toBe(1);
    expect(count(stderr, `latest snapshot ${running?.id} is RUNNING`)).toBe(1);
    const log = requestsTo(twins);
    expect(log.filter(([api]) => api === "flex").length).toBeGreaterThanOrEqual(5);
    expect(log.filter(([api]) => api === "tenant")).toEqual([["tenant", 400]]);
    expect(log.filter(([api]) => api === "token")).toEqual([["token", 200]]);
  });
});

describe("--api forces one API", () => {
  it("--api flex on a Flex cluster asks the Flex API only, and says nothing", async () => {
    seed.mock.requests.clear();
    const result = await runCli(
      ["list", "-g", SEED, "-c", "FlexAWS", "--api", "flex", "--base-url", host(seed), "-o", "json"],
      ACCOUNT_ENV,
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveLength(flexIds().length);
    expect(result.stderr).toBe("");
    expect(requestsTo(seed).map(([api]) => api)).toEqual(["token", "flex"]);
  });

  it("--api flex on an M2/M5 cluster is Atlas's 400: exit 7 with its code, its detail and the fix", async () => {
    seed.mock.requests.clear();
    const result = await runCli(
      ["list", "-g", SEED, "-c", "M2AWS", "--api", "flex", "--base-url", host(seed)],
      ACCOUNT_ENV,
    );
    expect(result.code).toBe(7);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^atlas-snapshots: Atlas answered 400 CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API for GET \/api\/atlas\/v2\/.*: Cannot use non-flex cluster M2AWS in the flex API\.\nhint: the cluster is not a Flex cluster: use --api tenant/,
    );
    expect(requestsTo(seed).map(([api]) => api)).toEqual(["token", "flex"]);
  });

  it("--api tenant on a Flex cluster is Atlas's 400: exit 7 with its code, its detail and the fix", async () => {
    for (const command of [["list"], ["check"], ["describe", flexIds()[0] as string]]) {
      const result = await runCli(
        [...command, "-g", SEED, "-c", "FlexAWS", "--api", "tenant", "--base-url", host(seed)],
        KEYS_ENV,
      );
      expect(result.code).toBe(7);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(
        /^atlas-snapshots: Atlas answered 400 CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API for GET \/api\/atlas\/v1\.0\/.*: Flex cluster FlexAWS cannot be used in the Cluster API\.\nhint: the cluster is a Flex cluster: use --api flex/,
      );
      expect(result.stderr).not.toContain(NOTICE);
    }
  });

  it("--api tenant on an M2/M5 cluster lists it as before", async () => {
    const result = await runCli(
      ["list", "-g", SEED, "-c", "M2AWS", "--api", "TENANT", "--base-url", host(seed), "-o", "json"],
      KEYS_ENV,
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(seed.mock.store.listSnapshots(SEED, "M2AWS"));
  });

  it.each([["bogus"], [""], ["v2"]])("--api %j is a usage error naming the allowed values (exit 2)", async (value) => {
    const result = await runCli(["list", "-g", SEED, "-c", "FlexAWS", "--api", value, "--base-url", host(seed)], {
      ...KEYS_ENV,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--api ${JSON.stringify(value)} is not an API of atlas-snapshots`);
    expect(result.stderr).toMatch(/use tenant .* or flex /);
    expect(result.stderr).toMatch(/^Usage: atlas-snapshots list /m);
  });

  it("is declared once: help, completion and every command that reads a cluster know it", async () => {
    for (const command of ["list", "describe", "check", "watch"]) {
      const help = await runCli([command, "--help"]);
      expect(help.stdout).toMatch(/^ {6}--api KIND +Which API reads the cluster: tenant .* or flex /m);
    }
    const bash = await runCli(["completion", "bash"]);
    expect(bash.stdout).toMatch(/--api\) COMPREPLY=\(\$\(compgen -W '?tenant flex'?/);
  });
});

describe("an M2/M5 cluster is read as before", () => {
  it("through the tenant API only, with no notice", async () => {
    seed.mock.requests.clear();
    const result = await runCli(["list", "-g", SEED, "-c", "M2AWS", "--base-url", host(seed), "-o", "json"], KEYS_ENV);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(seed.mock.store.listSnapshots(SEED, "M2AWS"));
    expect(result.stderr).toBe("");
    expect(requestsTo(seed).every(([api]) => api === "tenant")).toBe(true);
  });
});

describe("--mock", () => {
  it("-c FlexAWS reads the embedded mock's Flex cluster through the Flex API", async () => {
    const result = await runCli(["list", "--mock", "-c", "FlexAWS", "-o", "json"]);
    expect(result.code).toBe(0);
    const snapshots = JSON.parse(result.stdout) as { mongoDBVersion: string }[];
    expect(snapshots.length).toBeGreaterThan(0);
    expect(snapshots.every((s) => s.mongoDBVersion === "8.0.29")).toBe(true);
    expect(count(result.stderr, NOTICE)).toBe(1);
    expect(result.stderr).toMatch(/Note: this is mock data/);
  });
});

describe("--base-url", () => {
  it("the old form ending in /api/atlas/v1.0 still reaches both APIs", async () => {
    expect(seed.url.endsWith("/api/atlas/v1.0")).toBe(true);
    seed.mock.requests.clear();
    const flex = await runCli(["list", "-g", SEED, "-c", "FlexAWS", "--base-url", seed.url, "-o", "json"], KEYS_ENV);
    expect(flex.code).toBe(0);
    expect(JSON.parse(flex.stdout)).toHaveLength(flexIds().length);
    expect(requestsTo(seed).some(([api, status]) => api === "flex" && status === 200)).toBe(true);
  });

  it("a host that is not Atlas gets a 404 hint naming every API path", async () => {
    const result = await runCli(
      ["list", "-g", SEED, "-c", "FlexAWS", "--base-url", `${host(seed)}/elsewhere`, "--api", "flex"],
      KEYS_ENV,
    );
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/outside Atlas's API paths \(\/api\/atlas\/v1\.0, \/api\/atlas\/v2\)/);
  });
});

describe("the README's example", () => {
  it("`pnpm mock-server --client-id cid --client-secret csecret`, then list FlexAWS with the two variables", async () => {
    const require = createRequire(import.meta.url);
    const mockCli = join(dirname(require.resolve("@atlas-snapshots/mock/package.json")), "dist", "cli.js");
    const server = spawn(process.execPath, [mockCli, "--client-id", "cid", "--client-secret", "csecret"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      let printed = "";
      server.stdout.setEncoding("utf8");
      const url = await new Promise<string>((resolve, reject) => {
        server.stdout.on("data", (chunk: string) => {
          printed += chunk;
          const match = /Atlas mock listening on (\S+)/.exec(printed);
          if (match) resolve(match[1] as string);
        });
        server.on("close", (code) => reject(new Error(`the mock server exited (${code}): ${printed}`)));
      });
      const result = await runCli(
        ["list", "-g", SEED, "-c", "FlexAWS", "--base-url", `http://127.0.0.1:${new URL(url).port}`],
        { MONGODB_ATLAS_CLIENT_ID: "cid", MONGODB_ATLAS_CLIENT_SECRET: "csecret" },
      );
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(
        /^ID +STATUS +MONGODB +SCHEDULED +STARTED +FINISHED\n(\w{24} +[A-Z]+ +8\.0\.29 .*\n)+$/,
      );
      expect(result.stderr).toMatch(/^FlexAWS is a Flex cluster: using the Flex API \(API v2\)/);
      expect(result.stdout + result.stderr).not.toContain("csecret");
    } finally {
      server.kill("SIGTERM");
    }
  });
});

describe("secrets", () => {
  it("neither the client secret nor the private key appears in any output of the Flex paths", async () => {
    const runs = await Promise.all([
      runCli(["list", "-g", SEED, "-c", "FlexAWS", "--base-url", host(seed), "-v"], ACCOUNT_ENV),
      runCli(["list", "-g", SEED, "-c", "M2AWS", "--api", "flex", "--base-url", host(seed), "-v"], ACCOUNT_ENV),
      runCli(["list", "-g", SEED, "-c", "FlexAWS", "--api", "tenant", "--base-url", host(seed), "-v"], KEYS_ENV),
    ]);
    for (const run of runs) {
      expect(`${run.stdout}${run.stderr}`).not.toContain(CLIENT_SECRET);
      expect(`${run.stdout}${run.stderr}`).not.toContain(PRIVATE_KEY);
    }
    expect(runs.map((r) => r.code)).toEqual([0, 7, 7]);
  });
});

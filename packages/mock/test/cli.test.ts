// The atlas-mock-server command, run as users run it (the built dist/cli.js).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseCliArgs, privateKeysIn, redact } from "../src/cli-args.js";
import { DEFAULT_GROUP_ID, DEFAULT_MOCK_CREDENTIALS, DEFAULT_MOCK_SERVICE_ACCOUNT } from "../src/index.js";
import { type CliRun, listeningUrl, runCli } from "./helpers/cli-process.js";
import { snapshotsPath } from "./helpers/fixtures.js";
import { curl } from "./helpers/raw-http.js";

const running: CliRun[] = [];
afterEach(async () => {
  for (const run of running.splice(0)) {
    if (run.child.exitCode === null) {
      run.child.kill("SIGKILL");
      await run.exit;
    }
  }
});

function start(args: string[]): CliRun {
  const run = runCli(args);
  running.push(run);
  return run;
}

describe("atlas-mock-server with a service account", () => {
  it("--client-id and --client-secret: the client signs in with them, and the secret is never printed", async () => {
    const run = start(["--port", "0", "--client-id", "cid", "--client-secret", "csecret-chosen"]);
    const url = await listeningUrl(run);
    const { createAtlasClient } = await import("@atlas-snapshots/client");
    const atlas = createAtlasClient({ clientId: "cid", clientSecret: "csecret-chosen", baseUrl: url });
    const page = await atlas.listTenantSnapshots({ groupId: DEFAULT_GROUP_ID, clusterName: "M2AWS" });
    expect(page.results.length).toBeGreaterThan(0);
    expect(run.stdout()).toContain("Accepting service account cid");
    expect(run.stdout() + run.stderr()).not.toContain("csecret-chosen");
  });

  it("prints the default service account when given none, and it works", async () => {
    const run = start(["--port", "0"]);
    const url = await listeningUrl(run);
    const { clientId, clientSecret } = DEFAULT_MOCK_SERVICE_ACCOUNT;
    expect(run.stdout()).toContain(`client id ${clientId}, client secret ${clientSecret}`);
    const { createAtlasClient } = await import("@atlas-snapshots/client");
    const page = await createAtlasClient({ clientId, clientSecret, baseUrl: url }).listTenantSnapshots({
      groupId: DEFAULT_GROUP_ID,
      clusterName: "M2AWS",
    });
    expect(page.results.length).toBeGreaterThan(0);
  });

  it("refuses half a pair and redacts the secret from the message", () => {
    expect(parseCliArgs(["--client-secret", "lonely-secret"])).toMatchObject({
      kind: "error",
      message: expect.stringContaining("--client-id and --client-secret go together"),
    });
    expect(privateKeysIn(["--client-secret", "lonely-secret"])).toEqual(["lonely-secret"]);
  });
});

describe("atlas-mock-server", () => {
  it("prints where it listens and the default keys, serves the seed's curl example, and stops on SIGINT", async () => {
    const run = start(["--port", "0"]);
    const url = await listeningUrl(run);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/atlas\/v1\.0$/);
    const { publicKey, privateKey } = DEFAULT_MOCK_CREDENTIALS;
    expect(run.stdout()).toContain(`public key ${publicKey}, private key ${privateKey}`);
    expect(run.stdout()).toContain(`curl --user "${publicKey}:${privateKey}" --digest --include`);
    const { stdout } = await curl([
      "--user",
      `${publicKey}:${privateKey}`,
      "--digest",
      "--include",
      url + snapshotsPath(),
    ]);
    expect(stdout).toContain("HTTP/1.1 200 OK");
    expect(stdout).toContain("5cc310ace5dc7ce369814bc8");
    run.child.kill("SIGINT");
    expect(await run.exit).toBe(0);
  });

  it("prints the seed project's clusters with their kinds, and its Flex curl example works as printed", async () => {
    const run = start(["--port", "0"]);
    await listeningUrl(run);
    expect(run.stdout()).toContain(
      `Project ${DEFAULT_GROUP_ID}: M2AWS (tenant: M2/M5 API v1.0), M5AZURE (tenant: M2/M5 API v1.0), FlexAWS (flex: Flex API v2)`,
    );
    const line = /^Try \(Flex, API v2\): curl (.*)$/m.exec(run.stdout())?.[1] ?? "";
    // The printed arguments, quotes removed: --user K:S --digest --include --header "Accept: ..." --request GET "URL".
    const args = [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? "");
    expect(args).toContain("Accept: application/vnd.atlas.2024-11-13+json");
    const { stdout } = await curl(args);
    expect(stdout).toContain("HTTP/1.1 200 OK");
    expect(stdout).toMatch(/content-type: application\/vnd\.atlas\.2024-11-13\+json;charset=utf-8/i);
    expect(stdout).toContain('"totalCount":8');
  });

  it("stops on SIGTERM with exit 0", async () => {
    const run = start([]);
    await listeningUrl(run);
    run.child.kill("SIGTERM");
    expect(await run.exit).toBe(0);
  });

  it("takes keys, seed, size, rate limit and no-auth from flags, and never prints a chosen private key", async () => {
    const withKeys = start(["--public-key", "abcdefgh", "--private-key", "s3cr3t-private", "--snapshots", "5"]);
    const url = await listeningUrl(withKeys);
    expect(withKeys.stdout()).not.toContain("s3cr3t-private");
    const ok = await curl(["--user", "abcdefgh:s3cr3t-private", "--digest", "--silent", url + snapshotsPath()]);
    expect(JSON.parse(ok.stdout).totalCount).toBe(5);

    const open = start(["--no-auth", "--rate-limit", "1/1", "--seed", "9"]);
    const openUrl = await listeningUrl(open);
    expect(open.stdout()).toContain("Authentication is off.");
    expect((await fetch(openUrl + snapshotsPath())).status).toBe(200);
    expect((await fetch(openUrl + snapshotsPath())).status).toBe(429);
  });

  it("turns the token bucket off with --rate-limit off", async () => {
    const run = start(["--no-auth", "--rate-limit", "off"]);
    const url = await listeningUrl(run);
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(url + snapshotsPath());
      statuses.push(res.status);
      expect(res.headers.get("ratelimit-limit")).toBeNull();
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
  });

  it("injects faults and latency from flags", async () => {
    const run = start(["--no-auth", "--fault-rate", "1", "--fault-kinds", "503", "--latency", "20-40"]);
    const url = await listeningUrl(run);
    const res = await fetch(url + snapshotsPath());
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("1");
  });

  it("serves a data file, and refuses a malformed one with the JSON path and exit 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "atlas-mock-"));
    const good = join(dir, "good.json");
    writeFileSync(good, readFileSync(new URL("./fixtures/valid-data.json", import.meta.url)));
    const run = start(["--no-auth", "--data", good]);
    const url = await listeningUrl(run);
    expect(((await (await fetch(url + snapshotsPath())).json()) as { totalCount: number }).totalCount).toBe(3);

    const bad = join(dir, "bad.json");
    writeFileSync(
      bad,
      JSON.stringify({ groups: [{ id: "5b69d0349b15c62cdfc38b78", clusters: [{ name: "M2AWS", snapshots: [{}] }] }] }),
    );
    const refused = start(["--data", bad]);
    expect(await refused.exit).toBe(2);
    expect(refused.stderr()).toContain(
      "groups[0].clusters[0].snapshots[0].id: must be 24 lowercase hexadecimal characters",
    );
  });

  it.each([
    ["an unknown flag", ["--colour"], "Unknown option '--colour'"],
    ["a port out of range", ["--port", "70000"], "--port must be an integer from 0 to 65535"],
    ["a port that is not a number", ["--port", "eighty"], "--port must be an integer"],
    ["a fault rate above 1", ["--fault-rate", "1.5"], "--fault-rate must be a number from 0 to 1"],
    [
      "an unknown fault kind",
      ["--fault-kinds", "500,boom"],
      '--fault-kinds takes a list of 500,503,429,drop,truncate; got "boom"',
    ],
    ["a bad rate limit", ["--rate-limit", "4000"], "--rate-limit must be CAPACITY/PER_MINUTE"],
    ["a bad latency", ["--latency", "fast"], "--latency must be milliseconds"],
    ["a public key alone", ["--public-key", "abc"], "--public-key and --private-key go together"],
    ["a missing data file", ["--data", "/nonexistent/data.json"], "--data /nonexistent/data.json: ENOENT"],
    [
      "a subcommand",
      ["serve"],
      'unexpected positional argument #1 "serve" (atlas-mock-server has no subcommands); flags take the form --name value.',
    ],
  ])("refuses %s with exit 2, a message and the usage", async (_name, args, message) => {
    const run = start(args);
    expect(await run.exit).toBe(2);
    expect(run.stderr()).toContain(message);
    expect(run.stderr()).toContain("Usage: atlas-mock-server");
  });

  it("never prints a private key: not as a stray positional, a forgotten --private-key or another flag's value", async () => {
    const key = "0b5e8f1c-private-d2a4";
    const runs = [
      ["--public-key", "abcdefgh", "--private-key", key, key],
      ["--public-key", "abcdefgh", key],
      ["--public-key", "abcdefgh", `--private-key=${key}`, "--port", key],
      ["--public-key", "abcdefgh", "--private-key", key, "--data", `/nonexistent/${key}.json`],
      ["--public-key", "abcdefgh", "--private-key", key, `--${key}`],
    ].map(start);
    for (const run of runs) expect(await run.exit).toBe(2);
    const [extra, forgotten, asPort, inPath, asFlag] = runs.map((r) => r.stdout() + r.stderr()) as string[];
    for (const output of [extra, forgotten, asPort, inPath, asFlag]) expect(output).not.toContain(key);
    expect(extra).toContain("unexpected positional argument #5 (not shown, in case it is a key)");
    expect(forgotten).toContain("unexpected positional argument #3 (not shown; a forgotten --private-key?)");
    expect(asPort).toContain('--port must be an integer from 0 to 65535; got "{PRIVATE-KEY}"');
    expect(inPath).toContain("--data /nonexistent/{PRIVATE-KEY}.json: ENOENT");
    expect(asFlag).toContain("Unknown option '--{PRIVATE-KEY}'");
  });

  it("names the port and host when the port is in use, and exits 1", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const run = start(["--port", String(port)]);
      expect(await run.exit).toBe(1);
      expect(run.stderr()).toBe(
        `atlas-mock-server: port ${port} on 127.0.0.1 is in use (EADDRINUSE); pick another with --port, or 0 for a free one\n`,
      );
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it("prints the usage with --help and exits 0", async () => {
    const run = start(["--help"]);
    expect(await run.exit).toBe(0);
    expect(run.stdout()).toContain("--rate-limit CAP/PER_MIN");
  });
});

describe("parseCliArgs", () => {
  it("turns flags into server options", () => {
    expect(
      parseCliArgs([
        "--port",
        "8080",
        "--host",
        "0.0.0.0",
        "--latency",
        "50",
        "--fault-rate",
        ".2",
        "--rate-limit",
        "10/5",
      ]),
    ).toEqual({
      kind: "run",
      options: {
        port: 8080,
        host: "0.0.0.0",
        latencyMs: 50,
        faults: { rate: 0.2 },
        rateLimit: { capacity: 10, refillPerMinute: 5 },
      },
    });
  });
});

describe("redact and privateKeysIn", () => {
  it("finds every --private-key value, in both forms, even where parsing would fail", () => {
    expect(
      privateKeysIn(["--private-key", "first-key", "--bogus", "--private-key=second-key", "--private-key"]),
    ).toEqual(["first-key", "second-key"]);
    // Too short to be a real secret, and replacing it would garble every message.
    expect(privateKeysIn(["--private-key", "abc"])).toEqual([]);
    expect(redact('got "first-key" and first-key', ["first-key"])).toBe('got "{PRIVATE-KEY}" and {PRIVATE-KEY}');
  });
});

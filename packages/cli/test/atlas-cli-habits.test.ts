import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MockServer } from "@atlas-snapshots/mock/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLUSTERS, GROUP, KEYS_ENV, PRIVATE_KEY, PUBLIC_KEY, startTestServer } from "./helpers/fixture.js";
import { runCli } from "./helpers/run-cli.js";

const SEED_GROUP = "5b69d0349b15c62cdfc38b78";
const SEED_SNAPSHOT = "5cc310ace5dc7ce369814bc8";
const ids = (stdout: string) => (JSON.parse(stdout) as { id: string }[]).map((s) => s.id);
const mixedIds = CLUSTERS.Mixed.map((s) => s.id);

let server: MockServer;
let home: string;
beforeAll(async () => {
  server = await startTestServer();
  home = await mkdtemp(join(tmpdir(), "atlas-cli-habits-"));
});
afterAll(async () => {
  await server?.close();
  if (home) await rm(home, { recursive: true, force: true });
});

/** An Atlas CLI config.toml in a fresh XDG_CONFIG_HOME, as `atlas config init` writes it; returns the env. */
async function withConfig(toml: string): Promise<{ env: Record<string, string>; file: string }> {
  const xdg = await mkdtemp(join(home, "xdg-"));
  await mkdir(join(xdg, "atlascli"));
  const file = join(xdg, "atlascli", "config.toml");
  await writeFile(file, toml);
  return { env: { XDG_CONFIG_HOME: xdg, HOME: home }, file };
}

const host = () => new URL(server.url).origin; // the host alone, as ops_manager_url holds it

describe("the Atlas CLI's names", () => {
  it("--projectId and --clusterName select the project and cluster, with --mock too", async () => {
    const mock = await runCli(["list", "--mock", "--projectId", SEED_GROUP, "--clusterName", "M2AWS", "-o", "json"]);
    expect(mock.code).toBe(0);
    expect(ids(mock.stdout)).toContain(SEED_SNAPSHOT);
    const real = await runCli(
      ["list", "--projectId", GROUP, "--clusterName", "Mixed", "--base-url", server.url, "-o", "json"],
      KEYS_ENV,
    );
    expect(real.code).toBe(0);
    expect(ids(real.stdout)).toEqual(mixedIds);
  });

  it("MONGODB_ATLAS_PROJECT_ID gives the project; a flag beats it", async () => {
    const fromEnv = await runCli(["list", "--mock", "--clusterName", "M2AWS", "-o", "json"], {
      MONGODB_ATLAS_PROJECT_ID: SEED_GROUP,
    });
    expect(fromEnv.code).toBe(0);
    expect(ids(fromEnv.stdout)).toContain(SEED_SNAPSHOT);
    const wrongEnv = { ...KEYS_ENV, MONGODB_ATLAS_PROJECT_ID: "ffffffffffffffffffffffff" };
    const flagWins = await runCli(
      ["list", "-g", GROUP, "-c", "Mixed", "--base-url", server.url, "-o", "json"],
      wrongEnv,
    );
    expect(ids(flagWins.stdout)).toEqual(mixedIds);
    const envUsed = await runCli(["list", "-c", "Mixed", "--base-url", server.url, "-o", "json"], wrongEnv);
    expect(envUsed.code).toBe(4); // the variable's project, which the server does not have
  });

  it("MONGODB_ATLAS_OUTPUT is the default -o; -o beats it; the Atlas CLI's plaintext is a table", async () => {
    const json = await runCli(["list", "--mock"], { MONGODB_ATLAS_OUTPUT: "json" });
    expect(ids(json.stdout)).toContain(SEED_SNAPSHOT);
    const csv = await runCli(["list", "--mock", "-o", "csv"], { MONGODB_ATLAS_OUTPUT: "json" });
    expect(csv.stdout.startsWith("id,status,")).toBe(true);
    const plain = await runCli(["list", "--mock"], { MONGODB_ATLAS_OUTPUT: "plaintext" });
    expect(plain.stdout).toMatch(/^ID +STATUS/);
    const bad = await runCli(["list", "--mock"], { MONGODB_ATLAS_OUTPUT: "go-template" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/MONGODB_ATLAS_OUTPUT "go-template" is not an output format/);
  });
});

describe("Atlas CLI profiles (config.toml)", () => {
  const profileToml = (project: string, extra = "") => `telemetry_enabled = false

[default]
  org_id = "5b69d0349b15c62cdfc38b00"
  output = "json"
  private_api_key = "${PRIVATE_KEY}"
  project_id = "${project}"
  public_api_key = "${PUBLIC_KEY}"
  ops_manager_url = "${host()}/"
  service = "cloud"
${extra}`;

  it("the default profile supplies project, keys, output and the host; the file is never written", async () => {
    const { env, file } = await withConfig(profileToml(GROUP));
    const before = await stat(file);
    const text = await readFile(file, "utf8");
    const result = await runCli(["list", "--clusterName", "Mixed"], env);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(ids(result.stdout)).toEqual(mixedIds); // output = "json" from the profile
    expect(await readFile(file, "utf8")).toBe(text);
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
  });

  it("flags beat the environment, which beats the profile", async () => {
    const { env } = await withConfig(profileToml("ffffffffffffffffffffffff"));
    const profileOnly = await runCli(["list", "-c", "Mixed"], env);
    expect(profileOnly.code).toBe(4); // the profile's project is unknown to the server
    const envWins = await runCli(["list", "-c", "Mixed"], { ...env, MONGODB_ATLAS_PROJECT_ID: GROUP });
    expect(ids(envWins.stdout)).toEqual(mixedIds);
    const flagWins = await runCli(["list", "-c", "Mixed", "-g", GROUP], {
      ...env,
      MONGODB_ATLAS_PROJECT_ID: "eeeeeeeeeeeeeeeeeeeeeeee",
    });
    expect(ids(flagWins.stdout)).toEqual(mixedIds);
    const envKeyWins = await runCli(["list", "-c", "Mixed", "-g", GROUP], {
      ...env,
      MONGODB_ATLAS_PRIVATE_API_KEY: "not-the-key",
    });
    expect(envKeyWins.code).toBe(3);
  });

  it("-P picks a named profile; a missing named profile is an error naming the file", async () => {
    const named = `[work]\n  project_id = "${GROUP}"\n  public_api_key = "${PUBLIC_KEY}"\n  private_api_key = "${PRIVATE_KEY}"\n  ops_manager_url = "${host()}"\n`;
    const { env, file } = await withConfig(named);
    const ok = await runCli(["list", "-P", "work", "-c", "Fresh", "-o", "json"], env);
    expect(ok.code).toBe(0);
    expect(ids(ok.stdout)).toEqual(CLUSTERS.Fresh.map((s) => s.id));
    const missing = await runCli(["list", "--profile", "play", "-c", "Fresh"], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`profile "play" is not in ${file} (profiles there: work)`);
    // The default profile is optional: without it, the usual missing-key message.
    const none = await runCli(["list", "-g", GROUP, "-c", "Fresh"], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY are not set/);
  });

  it("a malformed file is an error naming the file and the line, and never echoes a key", async () => {
    const { env, file } = await withConfig(
      `[default]\n  project_id = "${GROUP}"\n  private_api_key = "${PRIVATE_KEY}\n  output = "json"\n`,
    );
    const result = await runCli(["list", "-c", "Mixed"], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}:3`);
    expect(result.stderr).not.toContain(PRIVATE_KEY);
  });

  it("a service account from the profile signs in (OAuth 2.0), and its secret is never printed", async () => {
    const secret = "mdb_sa_sk_distinctive-secret-1234";
    const sa = await startTestServer({ serviceAccounts: [{ clientId: "mdb_sa_id_1", clientSecret: secret }] });
    try {
      const { env } = await withConfig(`[default]\n  client_id = "mdb_sa_id_1"\n  client_secret = "${secret}"\n`);
      const ok = await runCli(["list", "-g", GROUP, "-c", "Mixed", "--base-url", sa.url, "-o", "json"], env);
      expect(ok.code).toBe(0);
      expect(ids(ok.stdout)).toEqual(mixedIds);
      const paths = sa.mock.requests.list().map((r) => new URL(r.url).pathname);
      expect(paths.filter((p) => p === "/api/oauth/token")).toHaveLength(1);
      // The secret typed where it does not belong, and a refused one: never echoed.
      const misplaced = await runCli(["list", "-g", GROUP, "-c", "Mixed", "-v", "--clusterName", secret], env);
      expect(misplaced.code).toBe(2);
      const refused = await runCli(["list", "-g", GROUP, "-c", "Mixed", "--base-url", server.url], env);
      expect(refused.code).toBe(3);
      for (const run of [ok, misplaced, refused]) expect(`${run.stdout}${run.stderr}`).not.toContain(secret);
    } finally {
      await sa.close();
    }
  });

  it("MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET beat a profile's API key", async () => {
    const sa = await startTestServer({ serviceAccounts: [{ clientId: "env_cid", clientSecret: "env-csecret" }] });
    try {
      const { env } = await withConfig(profileToml(GROUP));
      const result = await runCli(["list", "-c", "Mixed", "--base-url", sa.url, "-o", "json"], {
        ...env,
        MONGODB_ATLAS_CLIENT_ID: "env_cid",
        MONGODB_ATLAS_CLIENT_SECRET: "env-csecret",
      });
      expect(result.code).toBe(0);
      // The API key would have meant a Digest challenge and no token request.
      const log = sa.mock.requests.list().map((r) => [new URL(r.url).pathname.split("/")[2], r.status]);
      expect(log).toEqual([
        ["oauth", 200],
        ["atlas", 200],
      ]);
    } finally {
      await sa.close();
    }
  });

  it("half a service account is a usage error naming the missing variable", async () => {
    const result = await runCli(["list", "-g", GROUP, "-c", "Mixed"], { MONGODB_ATLAS_CLIENT_ID: "env_cid" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("MONGODB_ATLAS_CLIENT_SECRET is not set");
  });

  it("--mock ignores the default profile, so trying the tool works for Atlas CLI users", async () => {
    const { env } = await withConfig(profileToml("ffffffffffffffffffffffff"));
    const result = await runCli(["list", "--mock", "-o", "json"], env);
    expect(result.code).toBe(0);
    expect(ids(result.stdout)).toContain(SEED_SNAPSHOT);
  });
});

describe("--base-url", () => {
  it("accepts the host alone", async () => {
    const result = await runCli(["list", "-g", GROUP, "-c", "Mixed", "--base-url", host(), "-o", "json"], KEYS_ENV);
    expect(result.code).toBe(0);
    expect(ids(result.stdout)).toEqual(mixedIds);
  });

  it("a 404 under a path that is not Atlas's API blames --base-url, not the project or cluster", async () => {
    const result = await runCli(
      ["list", "-g", GROUP, "-c", "Mixed", "--base-url", `${host()}/api/atlas/v2.0`],
      KEYS_ENV,
    );
    expect(result.code).toBe(4);
    // The client puts the spec's base path after whatever path the URL has (a proxy's prefix, say).
    expect(result.stderr).toMatch(
      /hint: check --base-url: the request went to "\/api\/atlas\/v2\.0\/api\/atlas\/v1\.0\/groups\//,
    );
    expect(result.stderr).not.toMatch(/check --projectId/);
  });
});

describe("-o json-raw", () => {
  it("prints one page exactly as sent, with links and totalCount; --page picks it", async () => {
    const base = ["list", "-g", GROUP, "-c", "Big", "--base-url", server.url, "-o", "json-raw"];
    const first = JSON.parse((await runCli(base, KEYS_ENV)).stdout);
    expect(first.totalCount).toBe(CLUSTERS.Big.length);
    expect(first.results).toHaveLength(100);
    expect(first.links.map((l: { rel: string }) => l.rel)).toEqual(["self", "next"]);
    const third = JSON.parse((await runCli([...base, "--page", "3"], KEYS_ENV)).stdout);
    expect(third.results.map((s: { id: string }) => s.id)).toEqual(CLUSTERS.Big.slice(200).map((s) => s.id));
  });
});

describe("--timeout units", () => {
  it.each([["1500ms"], ["2"], ["1m"]])("accepts %s", async (timeout) => {
    const result = await runCli(["list", "--mock", "--timeout", timeout, "-o", "json"]);
    expect(result.code).toBe(0);
  });
});

import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AtlasAuthenticationError, createAtlasClient, parseWwwAuthenticate } from "../src/index.js";
import { APACHE, apacheMissingMessage, type RunningApache, startApache } from "./helpers/apache.js";
import { CLUSTER, GROUP_ID, makeSnapshots } from "./helpers/snapshots.js";

// Real-server proof: Apache httpd's mod_auth_digest, which no one here wrote.
const realm = "MMS Public API";
const publicKey = "apache-public";
const privateKey = "apache-private-7f3c9e";
const path = `/api/atlas/v1.0/groups/${GROUP_ID}/clusters/${CLUSTER}/backup/tenant/snapshots`;
const page = { results: makeSnapshots(3), totalCount: 3 };

describe("against Apache httpd mod_auth_digest", () => {
  let apache: RunningApache | undefined;

  beforeAll(async () => {
    const missing = apacheMissingMessage();
    if (missing) throw new Error(missing); // fail, do not skip
    apache = await startApache({
      realm,
      user: publicKey,
      password: privateKey,
      files: { [path]: JSON.stringify(page) },
    });
  }, 20_000);

  afterAll(() => apache?.stop());

  it("20 sequential calls cost at most 21 HTTP requests (MD5, qop=auth)", async () => {
    const before = (await apache?.settledAccessLog(1))?.length ?? 0; // the readiness probe
    const atlas = createAtlasClient({ publicKey, privateKey, baseUrl: `${apache?.baseUrl}/api/atlas/v1.0` });
    for (let i = 1; i <= 20; i++) {
      const result = await atlas.listTenantSnapshots({ groupId: GROUP_ID, clusterName: CLUSTER, pageNum: i });
      expect(result.results).toHaveLength(3);
    }
    const log = (await apache?.settledAccessLog(before + 21))?.slice(before) ?? [];
    expect(log.length).toBeLessThanOrEqual(21);
    expect(log.filter((l) => l.status === 200).length).toBeGreaterThanOrEqual(19);
    expect(log.filter((l) => l.status === 200)).toHaveLength(20);
    expect(log[0]?.status).toBe(401);
    expect(log[1]?.request).toContain("?pageNum=1");
  });

  it("refuses wrong keys with AtlasAuthenticationError after two requests", async () => {
    const before = (await apache?.settledAccessLog(1))?.length ?? 0;
    const atlas = createAtlasClient({ publicKey, privateKey: "wrong", baseUrl: `${apache?.baseUrl}/api/atlas/v1.0` });
    await expect(atlas.listTenantSnapshots({ groupId: GROUP_ID, clusterName: CLUSTER })).rejects.toBeInstanceOf(
      AtlasAuthenticationError,
    );
    expect(((await apache?.settledAccessLog(before + 2))?.length ?? 0) - before).toBe(2);
  });

  it("supports only MD5 (this is what the tests above prove; MD5-sess and SHA-256 are refused by its config)", async () => {
    // What matters is that apache2 refuses the config and that its challenge offers MD5
    // alone, not the words it uses to refuse (they change between Debian builds).
    const conf = `${apache?.dir}/httpd.conf`;
    const configAccepted = (algorithm: string) => {
      const text = `Include ${conf}\n<Location /api/>\nAuthDigestAlgorithm ${algorithm}\n</Location>\n`;
      const file = `${apache?.dir}/check-${algorithm}.conf`;
      writeFileSync(file, text);
      try {
        execFileSync(APACHE, ["-t", "-f", file], { stdio: "pipe" });
        return true;
      } catch {
        return false;
      }
    };
    expect(configAccepted("MD5")).toBe(true);
    expect(configAccepted("MD5-sess")).toBe(false);
    expect(configAccepted("SHA-256")).toBe(false);
    const challenge = (await fetch(`${apache?.baseUrl}${path}`)).headers.get("www-authenticate") ?? "";
    const digest = parseWwwAuthenticate(challenge).filter((c) => c.scheme.toLowerCase() === "digest");
    expect(digest.map((c) => c.params.algorithm ?? "MD5")).toEqual(["MD5"]);
  });
});

// Issue 12's mock defects: nonces that repeat across restarts, inherited names
// passing the closed snapshot check, and a --snapshots count that runs past 1970.
import { describe, expect, it } from "vitest";
import { createAtlasCore } from "../src/atlas-mock.js";
import { findSnapshotProblem } from "../src/validate-snapshot.js";

const challengeNonce = async (seed: number) => {
  const mock = createAtlasCore({ seed });
  const response = await mock.handle(
    new Request(
      "https://cloud.mongodb.com/api/atlas/v1.0/groups/5b69d0349b15c62cdfc38b78/clusters/M2AWS/backup/tenant/snapshots",
    ),
  );
  return /nonce="([0-9a-f]+)"/.exec(response.headers.get("www-authenticate") ?? "")?.[1];
};

describe("Digest nonces", () => {
  it("differ between two mocks with the same seed (a restart), so a captured Authorization cannot replay", async () => {
    const first = await challengeNonce(1);
    const second = await challengeNonce(1);
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(second).toMatch(/^[0-9a-f]{32}$/);
    expect(second).not.toBe(first);
  });
});

describe("the closed snapshot check", () => {
  const valid = {
    id: "5cc310ace5dc7ce369814bc8",
    status: "COMPLETED",
    mongoDBVersion: "4.2.7",
    scheduledTime: "2019-04-26T12:00:00Z",
  };
  it.each(["constructor", "toString", "hasOwnProperty", "valueOf"])("refuses a key named %s", (key) => {
    expect(findSnapshotProblem({ ...valid, [key]: "x" })).toEqual({
      path: `.${key}`,
      problem: "is not a TenantSnapshot field",
    });
  });
  it("refuses an own __proto__ key (as JSON.parse makes it)", () => {
    expect(findSnapshotProblem(JSON.parse(`{"__proto__": 1, "id": "${valid.id}"}`))).toEqual({
      path: ".__proto__",
      problem: "is not a TenantSnapshot field",
    });
  });
});

describe("the snapshots option", () => {
  const now = Date.UTC(2026, 10, 28);
  const maxDays = Math.floor(now / 86_400_000);
  it("serves the largest history that stays after 1970", () => {
    const mock = createAtlasCore({ snapshots: maxDays, now: () => now });
    expect(mock.store.listSnapshots("5b69d0349b15c62cdfc38b78", "M2AWS")).toHaveLength(maxDays);
  });
  it("refuses one more, naming the option and its limit rather than a data file", () => {
    expect(() => createAtlasCore({ snapshots: maxDays + 1, now: () => now })).toThrow(
      `Option snapshots must be at most ${maxDays} (one snapshot a day back from today reaches 1970)`,
    );
  });
});

describe("HEAD and a CORS preflight (docs/decisions/0011)", () => {
  it("answers HEAD as GET without a body over real HTTP, Digest included", async () => {
    const { startMockServer } = await import("../src/server.js");
    const { createDigestFetch } = await import("@atlas-snapshots/client");
    const server = await startMockServer({ host: "127.0.0.1", port: 0 });
    try {
      const [{ publicKey, privateKey }] = server.mock.options.credentials as [
        { publicKey: string; privateKey: string },
      ];
      const fetch = createDigestFetch({ username: publicKey, password: privateKey });
      const url = `${server.url}/groups/5b69d0349b15c62cdfc38b78/clusters/M2AWS/backup/tenant/snapshots`;
      const get = await fetch(url);
      const head = await fetch(url, { method: "HEAD" });
      expect(head.status).toBe(200);
      expect(head.headers.get("content-type")).toBe(get.headers.get("content-type"));
      expect(head.headers.get("content-length")).toBe(get.headers.get("content-length"));
      expect(await head.text()).toBe("");
    } finally {
      await server.close();
    }
  });

  it("still refuses other methods with 405 and Allow: GET, HEAD", async () => {
    const mock = createAtlasCore({ auth: "off" });
    const response = await mock.handle(
      new Request(
        "https://cloud.mongodb.com/api/atlas/v1.0/groups/5b69d0349b15c62cdfc38b78/clusters/M2AWS/backup/tenant/snapshots",
        { method: "DELETE" },
      ),
    );
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
  });

  it("answers a CORS preflight as Atlas does: no CORS headers (the challenge, since it carries no credentials)", async () => {
    const mock = createAtlasCore();
    const response = await mock.handle(
      new Request(
        "https://cloud.mongodb.com/api/atlas/v1.0/groups/5b69d0349b15c62cdfc38b78/clusters/M2AWS/backup/tenant/snapshots",
        { method: "OPTIONS", headers: { origin: "https://app.test", "access-control-request-method": "GET" } },
      ),
    );
    expect(response.status).toBe(401);
    expect([...response.headers.keys()].filter((name) => name.startsWith("access-control-"))).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { AtlasApiError, AtlasAuthenticationError, AtlasResponseError } from "../src/errors.js";
import { createServiceAccountFetch } from "../src/service-account/create-service-account-fetch.js";
import { startOAuthServer } from "./helpers/oauth-server.js";

const clientId = "mdb_sa_id_0123456789abcdef01234567";
const clientSecret = "mdb_sa_sk_Zx9-very-secret-value";
const API = "/api/atlas/v1.0/groups/5e2211c17a3e5a48f5497de3/clusters/M2AWS/backup/tenant/snapshots";

let server: Awaited<ReturnType<typeof startOAuthServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setUp(options: Partial<Parameters<typeof startOAuthServer>[0]> = {}, now?: () => number) {
  server = await startOAuthServer({ clientId, clientSecret, ...options });
  const logged: string[] = [];
  const log = (message: string, meta?: unknown) => logged.push(`${message} ${JSON.stringify(meta)}`);
  const fetch = createServiceAccountFetch({
    clientId,
    clientSecret,
    tokenUrl: `${server.url}/api/oauth/token`,
    logger: { debug: log, info: log, warn: log, error: log },
    now,
  });
  return { server, fetch, logged, api: `${server.url}${API}` };
}

describe("createServiceAccountFetch against a loopback token endpoint", () => {
  it("asks for one token however many calls run at once, and sends it as Bearer on each", async () => {
    const { server, fetch, api } = await setUp();
    const statuses = await Promise.all(Array.from({ length: 50 }, async () => (await fetch(api)).status));
    expect(statuses).toEqual(Array(50).fill(200));
    expect(server.tokenRequests).toHaveLength(1);
    const [token] = [...server.live];
    expect(new Set(server.apiRequests.map((r) => r.authorization))).toEqual(new Set([`Bearer ${token}`]));
  });

  it("asks as Atlas wants: HTTP Basic of the UTF-8 id and secret, a form body with grant_type", async () => {
    const { server, fetch, api } = await setUp();
    await fetch(api);
    expect(server.tokenRequests[0]).toEqual({
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
      contentType: "application/x-www-form-urlencoded",
      body: "grant_type=client_credentials",
    });
  });

  it("reuses a token until shortly before it expires, then renews it", async () => {
    let t = 1_000_000;
    const { server, fetch, api } = await setUp({ expiresIn: 3600 }, () => t);
    await fetch(api);
    t += 3_600_000 - 61_000; // a minute and a second before expiry: still good
    await fetch(api);
    expect(server.tokenRequests).toHaveLength(1);
    t += 2_000; // inside the last minute: renewed before Atlas would refuse it
    await fetch(api);
    expect(server.tokenRequests).toHaveLength(2);
    expect(server.apiRequests.map((r) => r.authorization)).toHaveLength(3);
    expect(new Set(server.apiRequests.map((r) => r.authorization)).size).toBe(2);
  });

  it("renews once and sends again when Atlas refuses a token it holds", async () => {
    const { server, fetch, api } = await setUp();
    expect((await fetch(api)).status).toBe(200);
    server.revokeAll();
    expect((await fetch(api)).status).toBe(200);
    expect(server.tokenRequests).toHaveLength(2);
    expect(server.apiRequests.map((r) => r.authorization?.slice(0, 6))).toEqual(["Bearer", "Bearer", "Bearer"]);
  });

  it("returns the second 401 as it is: renewing once, never in a loop", async () => {
    const { server, fetch, api } = await setUp();
    await fetch(api);
    server.state.refuseEveryToken = true;
    const response = await fetch(api);
    expect(response.status).toBe(401);
    expect(server.tokenRequests).toHaveLength(2);
    expect(server.apiRequests).toHaveLength(3);
  });

  it("throws AtlasAuthenticationError naming the token endpoint for a wrong secret, with no secret in it", async () => {
    server = await startOAuthServer({ clientId, clientSecret: "another-secret" });
    const logged: string[] = [];
    const fetch = createServiceAccountFetch({
      clientId,
      clientSecret,
      tokenUrl: `${server.url}/api/oauth/token`,
      logger: { warn: (m, meta) => logged.push(`${m} ${JSON.stringify(meta)}`) },
    });
    const error = await fetch(`${server.url}${API}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasAuthenticationError);
    expect(error).toMatchObject({ status: 401, method: "POST", url: "/api/oauth/token" });
    expect((error as Error).message).toMatch(/clientId and clientSecret/);
    const everything = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack} ${logged.join(" ")}`;
    expect(everything).not.toContain(clientSecret);
    expect(everything).not.toContain(Buffer.from(`${clientId}:${clientSecret}`).toString("base64"));
    expect(server.apiRequests).toHaveLength(0);
  });

  it("hands a 503 from the token endpoint up as a response, so the retry layer backs off", async () => {
    let failing = true;
    const { server, fetch, api } = await setUp({
      tokenReply: () => (failing ? { status: 503, headers: { "retry-after": "1" }, body: "{}" } : undefined),
    });
    const first = await fetch(api);
    expect({ status: first.status, retryAfter: first.headers.get("retry-after") }).toEqual({
      status: 503,
      retryAfter: "1",
    });
    failing = false;
    expect((await fetch(api)).status).toBe(200);
    expect(server.tokenRequests).toHaveLength(2);
  });

  it("refuses a token reply without a Bearer access_token, and never echoes the reply", async () => {
    const { fetch, api } = await setUp({
      tokenReply: () => ({ status: 200, body: JSON.stringify({ access_token: "leaky-token", token_type: "mac" }) }),
    });
    const error = await fetch(api).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasResponseError);
    expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain("leaky-token");
  });

  it("never follows a redirect from the token endpoint with the secret", async () => {
    const target = await startOAuthServer({ clientId, clientSecret });
    try {
      const { fetch, api } = await setUp({
        tokenReply: () => ({ status: 307, headers: { location: `${target.url}/api/oauth/token` }, body: "" }),
      });
      const error = await fetch(api).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AtlasApiError);
      expect(target.tokenRequests).toHaveLength(0);
    } finally {
      await target.close();
    }
  });

  it("stops waiting for a token when the caller aborts", async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const { fetch, api } = await setUp();
    const slowFetch = createServiceAccountFetch({
      clientId,
      clientSecret,
      tokenUrl: `${api.slice(0, api.indexOf("/api/"))}/api/oauth/token`,
      fetch: async (input, init) => {
        await held;
        return globalThis.fetch(input, init);
      },
    });
    const controller = new AbortController();
    const call = slowFetch(api, { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort(new Error("caller gave up"));
    expect(await call).toMatchObject({ message: "caller gave up" });
    release();
    expect((await fetch(api)).status).toBe(200);
  });
});

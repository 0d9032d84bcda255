// Service accounts on the mock: Atlas's token endpoint and Bearer tokens on
// every operation, beside Digest; and the real client signing in with one.
import { AtlasAuthenticationError, createAtlasClient } from "@atlas-snapshots/client";
import { afterEach, describe, expect, it } from "vitest";
import { createAtlasCore } from "../src/atlas-mock.js";
import { DEFAULT_GROUP_ID } from "../src/index.js";
import { type MockServer, startMockServer } from "../src/server.js";
import { snapshotsPath, testClock } from "./helpers/fixtures.js";

const account = { clientId: "mdb_sa_id_cid", clientSecret: "csecret" };
const BASE = "https://cloud.mongodb.com";
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

function core(clock = testClock()) {
  const mock = createAtlasCore({
    serviceAccounts: [account],
    tokenLifetimeSeconds: 60,
    now: clock.now,
    rateLimit: false,
  });
  const token = async (authorization: string) =>
    mock.handle(
      new Request(`${BASE}/api/oauth/token`, {
        method: "POST",
        headers: { authorization, "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials",
      }),
    );
  const list = (authorization: string) =>
    mock.handle(new Request(`${BASE}/api/atlas/v1.0${snapshotsPath()}`, { headers: { authorization } }));
  return { mock, token, list, clock };
}

describe("the mock's token endpoint and Bearer tokens", () => {
  it("gives a Bearer token for the right pair, and every operation takes it", async () => {
    const { token, list } = core();
    const reply = await token(basic(account.clientId, account.clientSecret));
    const body = (await reply.json()) as { access_token: string; token_type: string; expires_in: number };
    expect({ status: reply.status, type: body.token_type, expiresIn: body.expires_in }).toEqual({
      status: 200,
      type: "Bearer",
      expiresIn: 60,
    });
    const page = await list(`Bearer ${body.access_token}`);
    expect(page.status).toBe(200);
    expect(((await page.json()) as { results: unknown[] }).results.length).toBeGreaterThan(0);
  });

  it.each([
    ["a wrong secret", basic(account.clientId, "wrong")],
    ["an unknown client ID", basic("mdb_sa_id_other", account.clientSecret)],
    ["no Basic credentials", "Bearer something"],
    ["garbage", "Basic !!!"],
  ])("refuses %s with Atlas's 401 body", async (_name, authorization) => {
    const reply = await core().token(authorization);
    expect(reply.status).toBe(401);
    expect(await reply.json()).toEqual({
      detail: "You are not authorized for this resource.",
      error: 401,
      reason: "Unauthorized",
    });
  });

  it("refuses an expired, a revoked and an unknown token with the usual 401 and challenge", async () => {
    const { mock, token, list, clock } = core();
    const issue = async () =>
      ((await (await token(basic(account.clientId, account.clientSecret))).json()) as { access_token: string })
        .access_token;
    const expiring = await issue();
    clock.advance(60_000);
    const revoked = await issue();
    expect(mock.revokeToken(revoked)).toBe(true);
    for (const bearer of [expiring, revoked, "never-issued"]) {
      const reply = await list(`Bearer ${bearer}`);
      expect(reply.status).toBe(401);
      expect(reply.headers.get("www-authenticate")).toMatch(/^Digest realm="MMS Public API"/);
    }
    expect((await list(`Bearer ${await issue()}`)).status).toBe(200);
  });

  it("mock.handle reads the revoke form as the adapters do", async () => {
    const { mock, token, list } = core();
    const issued = (
      (await (await token(basic(account.clientId, account.clientSecret))).json()) as { access_token: string }
    ).access_token;
    const revoked = await mock.handle(
      new Request(`${BASE}/api/oauth/revoke`, {
        method: "POST",
        headers: {
          authorization: basic(account.clientId, account.clientSecret),
          "content-type": "application/x-www-form-urlencoded",
        },
        body: `token=${issued}&token_type_hint=access_token`,
      }),
    );
    expect(revoked.status).toBe(200);
    expect((await list(`Bearer ${issued}`)).status).toBe(401);
  });
});

describe("the real client with a service account against the mock server", () => {
  let server: MockServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("lists M2AWS with exactly one token request", async () => {
    server = await startMockServer({ serviceAccounts: [account] });
    const atlas = createAtlasClient({ ...account, baseUrl: server.url });
    const all = await atlas.listAllTenantSnapshots({
      groupId: DEFAULT_GROUP_ID,
      clusterName: "M2AWS",
      itemsPerPage: 7,
    });
    expect(all.length).toBe(30);
    const paths = server.mock.requests.list().map((r) => new URL(r.url).pathname);
    expect(paths.filter((p) => p === "/api/oauth/token")).toHaveLength(1);
    expect(server.mock.requests.list().filter((r) => r.status !== 200)).toEqual([]);
  });

  it("a wrong secret is AtlasAuthenticationError, and the API is never called", async () => {
    server = await startMockServer({ serviceAccounts: [account] });
    const atlas = createAtlasClient({ ...account, clientSecret: "wrong", baseUrl: server.url, maxRetries: 0 });
    await expect(atlas.listTenantSnapshots({ groupId: DEFAULT_GROUP_ID, clusterName: "M2AWS" })).rejects.toBeInstanceOf(
      AtlasAuthenticationError,
    );
    expect(server.mock.requests.list().map((r) => new URL(r.url).pathname)).toEqual(["/api/oauth/token"]);
  });
});

// Atlas's `POST /api/oauth/revoke` on the mock, through msw and the HTTP server:
// RFC 7009's 200 whatever the token, the token endpoint's 401 for a wrong pair,
// only the caller's own tokens revoked, and nothing secret in the request log.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FORM_BODY_LIMIT_BYTES } from "../src/oauth/form-body.js";
import { type Adapter, httpServerAdapter, mswAdapter, type Target } from "./helpers/adapters.js";
import { snapshotsPath } from "./helpers/fixtures.js";

const alice = { clientId: "mdb_sa_id_alice", clientSecret: "alice-secret-0123456789" };
const bob = { clientId: "mdb_sa_id_bob", clientSecret: "bob-secret-9876543210" };
const basic = ({ clientId, clientSecret }: { clientId: string; clientSecret: string }) =>
  `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`;
const FORM = { "content-type": "application/x-www-form-urlencoded" };
const NOT_AUTHORIZED = { detail: "You are not authorized for this resource.", error: 401, reason: "Unauthorized" };

// The HTTP server's requests (127.0.0.1) must pass msw by.
const msw = setupServer();
beforeAll(() => msw.listen({ onUnhandledRequest: "bypass" }));
afterAll(() => msw.close());

describe.each<Adapter>([mswAdapter(msw), httpServerAdapter])("$name: POST /api/oauth/revoke", (adapter) => {
  let target: Target | undefined;
  afterEach(async () => {
    await target?.stop();
    target = undefined;
  });

  async function start() {
    target = await adapter.start({ serviceAccounts: [alice, bob], rateLimit: false });
    const origin = new URL(target.baseUrl).origin;
    const post = (path: string, authorization: string, body: string) =>
      fetch(`${origin}${path}`, { method: "POST", headers: { ...FORM, authorization }, body });
    const issue = async (account = alice) => {
      const res = await post("/api/oauth/token", basic(account), "grant_type=client_credentials");
      expect(res.status).toBe(200);
      return ((await res.json()) as { access_token: string }).access_token;
    };
    const revoke = (token: string, authorization = basic(alice)) =>
      post(
        "/api/oauth/revoke",
        authorization,
        new URLSearchParams({ token, token_type_hint: "access_token" }).toString(),
      );
    const list = (token: string) =>
      fetch(`${target?.baseUrl}${snapshotsPath()}`, { headers: { authorization: `Bearer ${token}` } });
    return { mock: target.mock, origin, post, issue, revoke, list };
  }

  it("revokes the caller's token with 200 and an empty body; a Bearer call with it then gets the usual 401 and challenge", async () => {
    const { issue, revoke, list } = await start();
    const token = await issue();
    expect((await list(token)).status).toBe(200);
    const res = await revoke(token);
    expect({ status: res.status, body: await res.text() }).toEqual({ status: 200, body: "" });
    const refused = await list(token);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toMatch(/^Digest realm="MMS Public API"/);
    expect(await refused.json()).toEqual(NOT_AUTHORIZED);
  });

  it.each([
    ["a wrong secret", basic({ ...alice, clientSecret: "wrong" })],
    ["an unknown client", basic({ clientId: "mdb_sa_id_nobody", clientSecret: alice.clientSecret })],
    ["no Basic credentials", "Bearer something"],
  ])("refuses %s with the token endpoint's 401 body, and the token still works", async (_name, authorization) => {
    const { issue, revoke, list } = await start();
    const token = await issue();
    const res = await revoke(token, authorization);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(NOT_AUTHORIZED);
    expect((await list(token)).status).toBe(200);
  });

  it("answers 200 for another client's token and leaves it valid", async () => {
    const { issue, revoke, list } = await start();
    const bobs = await issue(bob);
    const res = await revoke(bobs, basic(alice));
    expect({ status: res.status, body: await res.text() }).toEqual({ status: 200, body: "" });
    expect((await list(bobs)).status).toBe(200);
  });

  it("answers 200 for an unknown token, and revokes nothing else", async () => {
    const { issue, revoke, list } = await start();
    const token = await issue();
    const res = await revoke("never-issued");
    expect({ status: res.status, body: await res.text() }).toEqual({ status: 200, body: "" });
    expect((await list(token)).status).toBe(200);
  });

  it("answers a form without a token 400 invalid_request", async () => {
    const { post } = await start();
    const res = await post("/api/oauth/revoke", basic(alice), "token_type_hint=access_token");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe("invalid_request");
  });

  it("answers GET 405 with Allow: POST", async () => {
    const { origin } = await start();
    const res = await fetch(`${origin}/api/oauth/revoke`, { headers: { authorization: basic(alice) } });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });

  it(`answers a body over ${FORM_BODY_LIMIT_BYTES} bytes 413, and revokes nothing`, async () => {
    const { issue, post, list } = await start();
    const token = await issue();
    const padded = `token=${token}&token_type_hint=access_token&pad=${"x".repeat(FORM_BODY_LIMIT_BYTES)}`;
    const res = await post("/api/oauth/revoke", basic(alice), padded);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 413, errorCode: "REQUEST_BODY_TOO_LARGE" });
    expect((await list(token)).status).toBe(200);
    // Exactly at the limit is still read.
    const atLimit = `token=${token}&pad=`;
    const exact = await post(
      "/api/oauth/revoke",
      basic(alice),
      atLimit + "x".repeat(FORM_BODY_LIMIT_BYTES - atLimit.length),
    );
    expect(exact.status).toBe(200);
    expect((await list(token)).status).toBe(401);
  });

  it("keeps the secret and the token out of the request log", async () => {
    const { mock, issue, revoke } = await start();
    const token = await issue();
    expect((await revoke(token)).status).toBe(200);
    const entries = mock.requests.list();
    expect(entries.map((e) => new URL(e.url).pathname)).toEqual(["/api/oauth/token", "/api/oauth/revoke"]);
    const logged = JSON.stringify(entries);
    expect(logged).not.toContain(token);
    expect(logged).not.toContain(alice.clientSecret);
    expect(logged).not.toContain(Buffer.from(`${alice.clientId}:${alice.clientSecret}`).toString("base64"));
  });
});

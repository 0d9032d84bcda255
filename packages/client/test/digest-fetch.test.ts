import { describe, expect, it } from "vitest";
import { createDigestFetch } from "../src/digest.js";
import { AtlasAuthenticationError, AtlasError } from "../src/index.js";
import { type Algorithm, createDigestServer, parseAuthorization } from "./helpers/digest-server.js";
import { SNAPSHOTS_URL } from "./helpers/snapshots.js";

const alice = { username: "alice", password: "s3cret" };

describe("createDigestFetch", () => {
  it("costs N+1 requests for N sequential calls (credentials sent up front after the first challenge)", async () => {
    const server = createDigestServer({ qop: "auth" });
    const fetch = createDigestFetch({ ...alice, fetch: server.fetch });
    for (let i = 1; i <= 10; i++) {
      const response = await fetch(`${SNAPSHOTS_URL}?pageNum=${i}`);
      expect(response.status).toBe(200);
    }
    expect(server.state.requests).toHaveLength(11);
    expect(server.state.acceptedNc).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(server.state.refusals).toEqual([]);
  });

  it.each<[Algorithm, string | undefined]>([
    ["MD5", "auth"],
    ["MD5", "auth-int,auth"],
    ["MD5", undefined],
    ["MD5-sess", "auth"],
    ["SHA-256", "auth"],
    ["SHA-256-sess", "auth"],
    ["SHA-256", undefined],
  ])("answers %s with qop %s the way the server checks it", async (algorithm, qop) => {
    const server = createDigestServer({ algorithm, qop });
    const fetch = createDigestFetch({ ...alice, fetch: server.fetch });
    expect((await fetch(SNAPSHOTS_URL)).status).toBe(200);
    expect((await fetch(SNAPSHOTS_URL)).status).toBe(200);
    expect(server.state.refusals).toEqual([]);
    expect(server.state.requests).toHaveLength(3);
  });

  it('answers the seed\'s `op="auth"` challenge the RFC 2069 way: no qop, nc or cnonce', async () => {
    const server = createDigestServer({ qop: undefined });
    const fetch = createDigestFetch({ ...alice, fetch: server.fetch });
    await fetch(SNAPSHOTS_URL);
    const sent = parseAuthorization(server.state.requests[1]?.headers.get("authorization") ?? "");
    expect(sent).not.toHaveProperty("qop");
    expect(sent).not.toHaveProperty("nc");
    expect(sent).not.toHaveProperty("cnonce");
    expect(sent).toMatchObject({ username: "alice", realm: "MMS Public API", opaque: "0paque", algorithm: "MD5" });
  });

  it("sends the exact request target, query and percent-encoding included, and echoes opaque", async () => {
    const server = createDigestServer({ qop: "auth", opaque: 'o"p,q' });
    const fetch = createDigestFetch({ ...alice, fetch: server.fetch });
    const url = `${SNAPSHOTS_URL.replace("M2AWS", "M2%20AWS")}?pageNum=2&itemsPerPage=5&pretty=true`;
    expect((await fetch(url)).status).toBe(200);
    const sent = parseAuthorization(server.state.requests[1]?.headers.get("authorization") ?? "");
    expect(sent.uri).toBe(`${new URL(url).pathname}?pageNum=2&itemsPerPage=5&pretty=true`);
    expect(sent.opaque).toBe('o"p,q');
  });

  it("omits algorithm when the challenge did not name one (MD5 by default)", async () => {
    const server = createDigestServer({ qop: "auth", sendAlgorithm: false });
    const fetch = createDigestFetch({ ...alice, fetch: server.fetch });
    expect((await fetch(SNAPSHOTS_URL)).status).toBe(200);
    expect(server.state.requests[1]?.headers.get("authorization")).not.toMatch(/algorithm=/);
  });

  it("finds the Digest challenge among several in one header", async () => {
    const server = createDigestServer({ qop: "auth", prefix: 'Basic realm="other", Negotiate abc==' });
    const fetch = createDigestFetch({ ...alice, fetch: server.fetch });
    expect((await fetch(SNAPSHOTS_URL)).status).toBe(200);
  });

  it("gives concurrent calls distinct, increasing nc values, all accepted", async () => {
    const server = createDigestServer({ qop: "auth" });
    const fetch = createDigestFetch({ ...alice, fetch: server.fetch });
    await fetch(SNAPSHOTS_URL);
    const responses = await Promise.all(
      Array.from({ length: 25 }, (_, i) => fetch(`${SNAPSHOTS_URL}?pageNum=${i + 1}`)),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(server.state.acceptedNc).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    expect(server.state.requests).toHaveLength(27);
  });

  it("makes concurrent first calls wait for one challenge instead of each paying two round trips", async () => {
    const server = createDigestServer({ qop: "auth" });
    const fetch = createDigestFetch({ ...alice, fetch: server.fetch });
    const responses = await Promise.all(Array.from({ length: 5 }, () => fetch(SNAPSHOTS_URL)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(server.state.requests).toHaveLength(6);
  });

  it("lets a call waiting for another's first challenge be aborted", async () => {
    let answer: (r: Response) => void = () => {};
    const fetch = createDigestFetch({ ...alice, fetch: () => new Promise<Response>((resolve) => (answer = resolve)) });
    const first = fetch(SNAPSHOTS_URL);
    const controller = new AbortController();
    const second = fetch(SNAPSHOTS_URL, { signal: controller.signal });
    controller.abort(new Error("gave up"));
    await expect(second).rejects.toThrow("gave up");
    answer(new Response("{}"));
    expect((await first).status).toBe(200);
  });

  it("answers stale=true once, transparently, with the new nonce", async () => {
    const server = createDigestServer({ qop: "auth" });
    const fetch = createDigestFetch({ ...alice, fetch: server.fetch });
    await fetch(SNAPSHOTS_URL);
    server.expireNonce();
    const response = await fetch(SNAPSHOTS_URL);
    expect(response.status).toBe(200);
    expect(server.state.requests).toHaveLength(4);
    expect(server.state.refusals).toEqual(["stale nonce"]);
    expect(server.state.acceptedNc).toEqual([1, 1]); // the new nonce starts again at 1
    await fetch(SNAPSHOTS_URL);
    expect(server.state.requests).toHaveLength(5);
  });

  it("hashes the credentials anew for a new challenge: a stale nonce in a new realm is answered", async () => {
    const server = createDigestServer({ qop: "auth" });
    const fetch = createDigestFetch({ ...alice, fetch: server.fetch });
    await fetch(SNAPSHOTS_URL);
    server.expireNonce("Another Realm");
    expect((await fetch(SNAPSHOTS_URL)).status).toBe(200);
    expect((await fetch(SNAPSHOTS_URL)).status).toBe(200);
    expect(server.state.refusals).toEqual(["stale nonce"]);
    expect(server.state.acceptedNc).toEqual([1, 1, 2]);
  });

  it("sends a fresh 128-bit cnonce with every request", async () => {
    const server = createDigestServer({ qop: "auth" });
    const fetch = createDigestFetch({ ...alice, fetch: server.fetch });
    for (let i = 0; i < 40; i++) await fetch(SNAPSHOTS_URL); // more than one draw of random bytes
    const cnonces = server.state.requests
      .slice(1)
      .map((r) => parseAuthorization(r.headers.get("authorization") ?? "").cnonce);
    expect(cnonces).toHaveLength(40);
    expect(cnonces.every((c) => /^[0-9a-f]{32}$/.test(c ?? ""))).toBe(true);
    expect(new Set(cnonces).size).toBe(40);
  });

  it("sends the answer to a challenge as a new Request, leaving the one the fetch already got unchanged", async () => {
    const server = createDigestServer({ qop: "auth" });
    const sent: Request[] = [];
    const fetch = createDigestFetch({
      ...alice,
      fetch: (input, init) => {
        sent.push(input as Request);
        return server.fetch(input, init);
      },
    });
    await fetch(SNAPSHOTS_URL);
    expect(sent).toHaveLength(2);
    expect(sent[1]).not.toBe(sent[0]);
    expect(sent[0]?.headers.get("authorization")).toBeNull();
    expect(sent[1]?.headers.get("authorization")).toMatch(/^Digest /);
  });

  it("sends a request body again when it answers a challenge", async () => {
    const server = createDigestServer({ qop: "auth", handler: async (request) => new Response(await request.text()) });
    const fetch = createDigestFetch({ ...alice, fetch: server.fetch });
    const response = await fetch(SNAPSHOTS_URL, { method: "POST", body: "the payload" });
    expect(await response.text()).toBe("the payload");
    expect(server.state.requests).toHaveLength(2);
  });

  it("shares one count when concurrent calls all meet the same stale nonce (no nc replay)", async () => {
    const server = createDigestServer({ qop: "auth" });
    const fetch = createDigestFetch({ ...alice, fetch: server.fetch });
    await fetch(SNAPSHOTS_URL);
    server.expireNonce();
    const responses = await Promise.all(Array.from({ length: 6 }, () => fetch(SNAPSHOTS_URL)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(server.state.refusals).toEqual(Array(6).fill("stale nonce"));
    expect(server.state.acceptedNc).toEqual([1, 1, 2, 3, 4, 5, 6]);
  });

  it("throws instead of looping when the server calls every nonce stale", async () => {
    const server = createDigestServer({ qop: "auth" });
    const fetch = createDigestFetch({ ...alice, fetch: server.alwaysStale() });
    const error = await fetch(SNAPSHOTS_URL).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasAuthenticationError);
    expect((error as Error).message).toMatch(/stale again/);
    expect(server.state.requests).toHaveLength(3); // challenge, answer, answer to the stale nonce
  });

  it("throws AtlasAuthenticationError at once for wrong keys: two requests, no loop", async () => {
    const server = createDigestServer({ qop: "auth" });
    const fetch = createDigestFetch({ username: "alice", password: "wrong", fetch: server.fetch });
    const error = await fetch(SNAPSHOTS_URL).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasAuthenticationError);
    expect(error).toMatchObject({
      status: 401,
      errorCode: "NOT_AUTHORIZED",
      detail: "You are not authorized for this resource.",
    });
    expect(server.state.requests).toHaveLength(2);
    // A later call with cached credentials fails after one request.
    await expect(fetch(SNAPSHOTS_URL)).rejects.toBeInstanceOf(AtlasAuthenticationError);
    expect(server.state.requests).toHaveLength(3);
  });

  it.each([
    ["no challenge at all", {}],
    ["a Basic challenge only", { "www-authenticate": 'Basic realm="x"' }],
    ["Digest with only auth-int", { "www-authenticate": 'Digest realm="x", nonce="n", qop="auth-int"' }],
    ["Digest with an unknown algorithm", { "www-authenticate": 'Digest realm="x", nonce="n", algorithm=SHA-512-256' }],
  ])("hands back a 401 with %s untouched after one request", async (_, headers) => {
    let calls = 0;
    const fetch = createDigestFetch({
      ...alice,
      fetch: async () => {
        calls++;
        return new Response("nope", { status: 401, headers });
      },
    });
    const response = await fetch(SNAPSHOTS_URL);
    expect(response.status).toBe(401);
    expect(await response.text()).toBe("nope");
    expect(calls).toBe(1);
  });

  it("keeps nonces per origin: credentials for one host are never sent to another", async () => {
    const server = createDigestServer({ qop: "auth" });
    const seen: (string | null)[] = [];
    const fetch = createDigestFetch({
      ...alice,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (new URL(request.url).host === "other.test") {
          seen.push(request.headers.get("authorization"));
          return new Response("{}");
        }
        return server.fetch(request);
      },
    });
    await fetch(SNAPSHOTS_URL);
    await fetch("https://other.test/x");
    expect(seen).toEqual([null]);
  });

  it('sends every attempt with credentials: "omit", whatever the caller asked (no browser login prompt)', async () => {
    const server = createDigestServer({ qop: "auth" });
    const fetch = createDigestFetch({ ...alice, fetch: server.fetch });
    await fetch(new Request(SNAPSHOTS_URL, { credentials: "include" }));
    await fetch(SNAPSHOTS_URL, { credentials: "same-origin" });
    expect(server.state.requests.map((r) => r.credentials)).toEqual(["omit", "omit", "omit"]);
    expect(server.state.refusals).toEqual([]);
  });

  it("hashes a password outside ASCII as UTF-8, as the server does", async () => {
    const server = createDigestServer({ qop: "auth", users: { alice: "clé-ключ-🔑" } });
    const fetch = createDigestFetch({ username: "alice", password: "clé-ключ-🔑", fetch: server.fetch });
    expect((await fetch(SNAPSHOTS_URL)).status).toBe(200);
    expect(server.state.refusals).toEqual([]);
  });

  it.each([
    ["a line break", "pub\r\nX-Evil: 1"],
    ["characters outside Latin-1", "ключ"],
  ])("refuses a username with %s without quoting the Authorization value", async (_name, username) => {
    const server = createDigestServer({ qop: "auth", users: { [username]: "s3cret" } });
    const fetch = createDigestFetch({ username, password: "s3cret", fetch: server.fetch });
    const error = await fetch(SNAPSHOTS_URL).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasError);
    expect((error as Error).message).toMatch(/^Cannot send Digest credentials: .*printable ASCII/);
    expect((error as Error).message).not.toMatch(/Digest username|response=|nonce=|X-Evil|ключ/);
    expect(server.state.requests).toHaveLength(1); // the challenge only: nothing went out with the bad header
  });
});

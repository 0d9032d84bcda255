// Every Atlas behaviour of the mock, run through one adapter. Both adapter test
// files call this, so msw and the HTTP server are held to the same contract.
import { DOCUMENTED_STATUS_CODES, type TenantSnapshot, type TenantSnapshotPage } from "@atlas-snapshots/types";
import { afterEach, describe, expect, it } from "vitest";
import {
  type AtlasMockOptions,
  DEFAULT_GROUP_ID,
  DEFAULT_MOCK_CREDENTIALS,
  SEED_EXAMPLE_SNAPSHOT,
} from "../../src/index.js";
import type { Adapter, Target } from "./adapters.js";
import { digestAuthorization, digestGet, fetchNonce, parseChallenge, targetOf } from "./digest-client.js";
import { NOW, OTHER_GROUP, snapshotsPath, testClock } from "./fixtures.js";

const CHALLENGE =
  /^Digest realm="MMS Public API", domain="", nonce="[0-9a-f]{32}", algorithm=MD5, qop="auth", stale=(true|false)$/;

export function describeAtlasBehaviour(adapter: Adapter): void {
  let target: Target | undefined;
  afterEach(async () => {
    await target?.stop();
    target = undefined;
  });

  /** Starts a mock with auth off and a fixed clock unless the test says otherwise. */
  async function start(options: AtlasMockOptions = {}): Promise<Target> {
    target = await adapter.start({ auth: "off", now: () => NOW, ...options });
    return target;
  }

  async function getJson(url: string, init?: RequestInit) {
    const res = await fetch(url, init);
    const text = await res.text();
    return { res, text, body: JSON.parse(text) as Record<string, unknown> & TenantSnapshotPage };
  }

  describe(`${adapter.name}: pages`, () => {
    it("serves the whole default cluster on page one, oldest first, with the seed's example snapshot", async () => {
      const { baseUrl } = await start();
      const { res, body } = await getJson(baseUrl + snapshotsPath());
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/json");
      expect(body.totalCount).toBe(30);
      expect(body.results).toHaveLength(30);
      // The seed's example is the oldest; the newest (last) is still QUEUED at the fixed clock.
      expect(body.results[0]).toEqual(SEED_EXAMPLE_SNAPSHOT);
      expect(body.results.at(-1)?.status).toBe("QUEUED");
      const order = [...body.results].sort(
        (a, b) => Date.parse(a.scheduledTime) - Date.parse(b.scheduledTime) || (a.id < b.id ? -1 : 1),
      );
      expect(body.results).toEqual(order);
      expect(body.links).toEqual([
        { href: `${baseUrl}${snapshotsPath()}?pageNum=1&itemsPerPage=100&includeCount=true`, rel: "self" },
      ]);
    });

    it("walks every page by its next links, which keep the other parameters", async () => {
      const { baseUrl } = await start();
      const all = (await getJson(baseUrl + snapshotsPath())).body.results.map((s) => s.id);
      const seen: string[] = [];
      let href: string | undefined = `${baseUrl}${snapshotsPath(undefined, undefined, "?itemsPerPage=7&pretty=false")}`;
      let pages = 0;
      while (href) {
        const { body } = await getJson(href);
        pages++;
        seen.push(...body.results.map((s) => s.id));
        const next = body.links?.find((l) => l.rel === "next")?.href;
        if (next)
          expect(next).toBe(
            `${baseUrl}${snapshotsPath()}?pageNum=${pages + 1}&itemsPerPage=7&includeCount=true&pretty=false`,
          );
        href = next;
      }
      expect(pages).toBe(5);
      expect(seen).toEqual(all);
    });

    it("answers a page past the end with no results and the count", async () => {
      const { baseUrl } = await start();
      const { res, body } = await getJson(baseUrl + snapshotsPath(undefined, undefined, "?pageNum=99"));
      expect(res.status).toBe(200);
      expect(body.results).toEqual([]);
      expect(body.totalCount).toBe(30);
      expect(body.links?.map((l) => l.rel)).toEqual(["self"]);
    });

    it("drops totalCount with includeCount=false", async () => {
      const { baseUrl } = await start();
      const { body } = await getJson(
        baseUrl + snapshotsPath(undefined, undefined, "?includeCount=false&itemsPerPage=10"),
      );
      expect(body).not.toHaveProperty("totalCount");
      expect(body.results).toHaveLength(10);
      expect(body.links?.[1]?.href).toMatch(/\?pageNum=2&itemsPerPage=10&includeCount=false$/);
    });

    it("indents with pretty=true and not otherwise", async () => {
      const { baseUrl } = await start();
      const pretty = await getJson(baseUrl + snapshotsPath(undefined, undefined, "?pretty=true"));
      const plain = await getJson(baseUrl + snapshotsPath());
      expect(pretty.text).toContain('\n  "results": [');
      expect(plain.text).not.toContain("\n");
      expect(pretty.body.results).toEqual(plain.body.results);
    });

    it("adds status to a page with envelope=true and wraps errors as {status, content} with HTTP 200", async () => {
      const { baseUrl } = await start();
      const page = await getJson(baseUrl + snapshotsPath(undefined, undefined, "?envelope=true"));
      expect(page.res.status).toBe(200);
      expect(page.body.status).toBe(200);
      const missing = await getJson(baseUrl + snapshotsPath(OTHER_GROUP, "M2AWS", "?envelope=true"));
      expect(missing.res.status).toBe(200);
      expect(missing.body).toEqual({
        status: 404,
        content: {
          detail: `No group with ID ${OTHER_GROUP} exists.`,
          error: 404,
          errorCode: "GROUP_NOT_FOUND",
          parameters: [OTHER_GROUP],
          reason: "Not Found",
        },
      });
    });

    it("answers from the default M5 cluster too, and ignores unknown query parameters", async () => {
      const { baseUrl } = await start();
      const { res, body } = await getJson(baseUrl + snapshotsPath(DEFAULT_GROUP_ID, "M5AZURE", "?foo=bar"));
      expect(res.status).toBe(200);
      expect(body.totalCount).toBe(12);
    });

    it("tags every reply with a unique X-Request-Id and the rate-limit headers", async () => {
      const { baseUrl } = await start();
      const a = await fetch(baseUrl + snapshotsPath());
      const b = await fetch(`${baseUrl}/nowhere`);
      expect(a.headers.get("x-request-id")).toMatch(/^[0-9a-f]{24}$/);
      expect(b.headers.get("x-request-id")).toMatch(/^[0-9a-f]{24}$/);
      expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
      expect(a.headers.get("ratelimit-limit")).toBe("4000");
      expect(a.headers.get("ratelimit-remaining")).toBe("3999");
    });

    it("says each deprecated operation is deprecated and when it sunsets, in Atlas's HTTP-date form, on pages and errors", async () => {
      const { baseUrl } = await start();
      const page = await fetch(baseUrl + snapshotsPath());
      const error = await fetch(baseUrl + snapshotsPath(OTHER_GROUP));
      const one = await fetch(`${baseUrl}${snapshotsPath()}/${SEED_EXAMPLE_SNAPSHOT.id}`);
      const missing = await fetch(`${baseUrl}${snapshotsPath()}/${"0".repeat(24)}`);
      expect([page.status, error.status, one.status, missing.status]).toEqual([200, 404, 200, 404]);
      for (const res of [page, error, one, missing]) {
        expect(res.headers.get("deprecation")).toBe("Sat, 1 Feb 2025 00:00:00 GMT");
        expect(res.headers.get("sunset")).toBe("Thu, 22 Jan 2026 00:00:00 GMT");
      }
    });

    it("sends no deprecation headers on a path that names no operation", async () => {
      const { baseUrl } = await start();
      const res = await fetch(`${baseUrl}/groups/${DEFAULT_GROUP_ID}/clusters`);
      expect(res.status).toBe(404);
      for (const name of ["deprecation", "sunset"]) expect(res.headers.get(name)).toBeNull();
    });

    it("gives each completed snapshot an expiration 8 days after its scheduled time, and no other status one", async () => {
      const { baseUrl } = await start();
      const { body } = await getJson(baseUrl + snapshotsPath());
      for (const s of body.results) {
        if (s.status === "COMPLETED") {
          expect(Date.parse(s.expiration ?? "") - Date.parse(s.scheduledTime)).toBe(8 * 86_400_000);
        } else {
          expect(s).not.toHaveProperty("expiration");
        }
      }
      expect(body.results.filter((s) => s.status === "COMPLETED").length).toBeGreaterThan(20);
    });
  });

  describe(`${adapter.name}: bad requests`, () => {
    const badQueries: [string, { query: string; field: string }][] = [
      ["itemsPerPage 0", { query: "itemsPerPage=0", field: "itemsPerPage" }],
      ["itemsPerPage 501", { query: "itemsPerPage=501", field: "itemsPerPage" }],
      ["itemsPerPage abc", { query: "itemsPerPage=abc", field: "itemsPerPage" }],
      ["itemsPerPage 1.5", { query: "itemsPerPage=1.5", field: "itemsPerPage" }],
      ["itemsPerPage -1", { query: "itemsPerPage=-1", field: "itemsPerPage" }],
      ["itemsPerPage empty", { query: "itemsPerPage=", field: "itemsPerPage" }],
      ["itemsPerPage 1e999", { query: "itemsPerPage=1e999", field: "itemsPerPage" }],
      ["pageNum 0", { query: "pageNum=0", field: "pageNum" }],
      ["pageNum absurd", { query: "pageNum=99999999999999999999", field: "pageNum" }],
      ["pageNum beyond a safe integer", { query: "pageNum=9007199254740993", field: "pageNum" }],
      ["pageNum bad percent-encoding", { query: "pageNum=%ZZ", field: "pageNum" }],
      ["pageNum twice", { query: "pageNum=1&pageNum=2", field: "pageNum" }],
      ["includeCount yes", { query: "includeCount=yes", field: "includeCount" }],
      ["includeCount TRUE", { query: "includeCount=TRUE", field: "includeCount" }],
      ["pretty 1", { query: "pretty=1", field: "pretty" }],
      ["envelope empty", { query: "envelope", field: "envelope" }],
    ];
    it("serves pageNum beyond a Java int as an empty page: the spec sets no maximum", async () => {
      const { baseUrl } = await start();
      const { res, body } = await getJson(`${baseUrl}${snapshotsPath()}?pageNum=3000000000`);
      expect(res.status).toBe(200);
      expect(body.results).toEqual([]);
    });

    it.each(badQueries)(
      "refuses %s with 400 VALIDATION_ERROR naming the parameter",
      async (_name, { query, field }) => {
        const { baseUrl } = await start();
        const { res, body } = await getJson(`${baseUrl}${snapshotsPath()}?${query}`);
        expect(res.status).toBe(400);
        expect(body).toMatchObject({ error: 400, errorCode: "VALIDATION_ERROR", reason: "Bad Request" });
        expect(res.headers.get("x-error-code")).toBe("VALIDATION_ERROR");
        expect((body.parameters as unknown[])[0]).toBe(field);
        expect(body).not.toHaveProperty("badRequestDetail");
        expect(body.detail).toContain(field);
      },
    );

    const badPaths: [string, { group: string; cluster: string; field: string }][] = [
      ["an upper-case group id", { group: DEFAULT_GROUP_ID.toUpperCase(), cluster: "M2AWS", field: "groupId" }],
      ["a short group id", { group: "5b69d0349b", cluster: "M2AWS", field: "groupId" }],
      ["a cluster name starting with a hyphen", { group: DEFAULT_GROUP_ID, cluster: "-M2", field: "clusterName" }],
      ["a 65-character cluster name", { group: DEFAULT_GROUP_ID, cluster: "a".repeat(65), field: "clusterName" }],
      ["a slash in the cluster name", { group: DEFAULT_GROUP_ID, cluster: "a%2Fb", field: "clusterName" }],
      ["unicode in the cluster name", { group: DEFAULT_GROUP_ID, cluster: "M2%C3%A9", field: "clusterName" }],
      ["bad percent-encoding in the path", { group: DEFAULT_GROUP_ID, cluster: "M2%E0%A4%A", field: "path" }],
    ];
    it.each(badPaths)("refuses %s with 400 naming it", async (_name, { group, cluster, field }) => {
      const { baseUrl } = await start();
      const { res, body } = await getJson(baseUrl + snapshotsPath(group, cluster));
      expect(res.status).toBe(400);
      expect((body.parameters as unknown[])[0]).toBe(field);
    });

    it("answers an unknown project and an unknown cluster with distinct 404s", async () => {
      const { baseUrl } = await start();
      const group = await getJson(baseUrl + snapshotsPath(OTHER_GROUP));
      expect(group.res.status).toBe(404);
      expect(group.body).toMatchObject({ errorCode: "GROUP_NOT_FOUND", parameters: [OTHER_GROUP] });
      expect(group.res.headers.get("x-error-code")).toBe("GROUP_NOT_FOUND");
      const cluster = await getJson(baseUrl + snapshotsPath(DEFAULT_GROUP_ID, "M2GCP"));
      expect(cluster.res.status).toBe(404);
      expect(cluster.res.headers.get("x-error-code")).toBe("CLUSTER_NOT_FOUND");
      expect(cluster.body).toEqual({
        detail: `No cluster named M2GCP exists in group ${DEFAULT_GROUP_ID}.`,
        error: 404,
        errorCode: "CLUSTER_NOT_FOUND",
        parameters: ["M2GCP", DEFAULT_GROUP_ID],
        reason: "Not Found",
      });
    });

    it("answers unknown paths under the base URL with an Atlas 404, and other methods with 405", async () => {
      const { baseUrl } = await start();
      const unknown = await getJson(`${baseUrl}/groups/${DEFAULT_GROUP_ID}/clusters`);
      expect(unknown.res.status).toBe(404);
      expect(unknown.body.errorCode).toBe("RESOURCE_NOT_FOUND");
      const post = await getJson(baseUrl + snapshotsPath(), { method: "POST", body: "{}" });
      expect(post.res.status).toBe(405);
      expect(post.res.headers.get("allow")).toBe("GET, HEAD");
    });
  });

  describe(`${adapter.name}: Digest authentication`, () => {
    const creds = DEFAULT_MOCK_CREDENTIALS;

    it("challenges as recorded (realm, domain, nonce, MD5, qop, stale=false) with Atlas's 401 body", async () => {
      const { baseUrl } = await start({ auth: "digest" });
      const { res, text } = await getJson(baseUrl + snapshotsPath());
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(CHALLENGE);
      expect(parseChallenge(res.headers.get("www-authenticate")).stale).toBe("false");
      expect(res.headers.get("content-type")).toBe("application/json");
      // Atlas's challenge carries no errorCode, no X-Error-Code and no rate-limit or deprecation headers.
      for (const name of ["x-error-code", "ratelimit-limit", "deprecation", "sunset"]) {
        expect(res.headers.get(name), name).toBeNull();
      }
      expect(text).toBe(
        '{\n  "error" : 401,\n  "reason" : "Unauthorized",\n  "detail" : "You are not authorized for this resource."\n}',
      );
    });

    it.each([
      ["MD5 with qop=auth", { algorithm: "MD5" as const }],
      ["SHA-256 with qop=auth", { algorithm: "SHA-256" as const }],
      ["MD5-sess", { algorithm: "MD5-sess" as const }],
      ["SHA-256-sess", { algorithm: "SHA-256-sess" as const }],
      ["the RFC 2069 form without qop", { algorithm: "MD5" as const, qop: false }],
    ])("accepts a correct answer: %s", async (_name, extra) => {
      const { baseUrl, mock } = await start({ auth: "digest" });
      const res = await digestGet(baseUrl + snapshotsPath(), { ...creds, ...extra });
      expect(res.status).toBe(200);
      expect(((await res.json()) as TenantSnapshotPage).totalCount).toBe(30);
      expect(mock.requests.last()?.authenticated).toBe(true);
    });

    it("refuses a wrong private key and an unknown public key with stale=false", async () => {
      const { baseUrl } = await start({ auth: "digest" });
      for (const wrong of [
        { ...creds, privateKey: "wrong" },
        { ...creds, publicKey: "nobody" },
      ]) {
        const res = await digestGet(baseUrl + snapshotsPath(), wrong);
        expect(res.status).toBe(401);
        expect(parseChallenge(res.headers.get("www-authenticate")).stale).toBe("false");
      }
    });

    it("lets a nonce be reused with a rising nc, in any order within the window, but refuses a replay", async () => {
      const { baseUrl } = await start({ auth: "digest" });
      const url = baseUrl + snapshotsPath();
      const nonce = await fetchNonce(url);
      const send = (nc: number) =>
        fetch(url, { headers: { Authorization: digestAuthorization({ ...creds, nonce, uri: targetOf(url), nc }) } });
      expect((await send(1)).status).toBe(200);
      expect((await send(3)).status).toBe(200);
      expect((await send(2)).status).toBe(200); // late but unused: concurrent requests arrive out of order
      const replay = await send(2);
      expect(replay.status).toBe(401);
      expect(parseChallenge(replay.headers.get("www-authenticate")).stale).toBe("true");
    });

    it("expires nonces: stale=true when the answer was otherwise right, stale=false when not", async () => {
      const clock = testClock();
      const { baseUrl } = await start({ auth: "digest", now: clock.now, nonceTtlMs: 60_000 });
      const url = baseUrl + snapshotsPath();
      const nonce = await fetchNonce(url);
      clock.advance(60_001);
      const right = await fetch(url, {
        headers: { Authorization: digestAuthorization({ ...creds, nonce, uri: targetOf(url) }) },
      });
      expect(right.status).toBe(401);
      expect(right.headers.get("www-authenticate")).toMatch(CHALLENGE);
      expect(parseChallenge(right.headers.get("www-authenticate")).stale).toBe("true");
      const wrongKey = digestAuthorization({ ...creds, privateKey: "wrong", nonce, uri: targetOf(url), nc: 2 });
      const wrong = await fetch(url, { headers: { Authorization: wrongKey } });
      expect(parseChallenge(wrong.headers.get("www-authenticate")).stale).toBe("false");
    });

    it("treats a nonce it never issued as stale", async () => {
      const { baseUrl } = await start({ auth: "digest" });
      const url = baseUrl + snapshotsPath();
      const forged = digestAuthorization({ ...creds, nonce: "0".repeat(32), uri: targetOf(url) });
      const res = await fetch(url, { headers: { Authorization: forged } });
      expect(res.status).toBe(401);
      expect(parseChallenge(res.headers.get("www-authenticate")).stale).toBe("true");
    });

    it("refuses an answer signed for another URI with 400", async () => {
      const { baseUrl } = await start({ auth: "digest" });
      const url = baseUrl + snapshotsPath();
      const nonce = await fetchNonce(url);
      const other = digestAuthorization({ ...creds, nonce, uri: targetOf(`${url}?pageNum=2`) });
      const { res, body } = await getJson(url, { headers: { Authorization: other } });
      expect(res.status).toBe(400);
      expect((body.parameters as unknown[])[0]).toBe("Authorization");
    });

    const malformed: [string, string][] = [
      ["no parameters", "Digest "],
      ["an unterminated quote", 'Digest username="mockpublickey'],
      ["a name without value", "Digest username"],
      ["a parameter given twice", 'Digest username="a", username="b"'],
      ["no response", 'Digest username="a", realm="MMS Public API", nonce="n", uri="/"'],
      ["a header of 5000 characters", `Digest username="${"a".repeat(5000)}"`],
    ];
    it.each(malformed)("answers a Digest header with %s with 400 naming Authorization", async (_name, header) => {
      const { baseUrl } = await start({ auth: "digest" });
      const { res, body } = await getJson(baseUrl + snapshotsPath(), { headers: { Authorization: header } });
      expect(res.status).toBe(400);
      expect((body.parameters as unknown[])[0]).toBe("Authorization");
    });

    it("challenges a request that uses another scheme", async () => {
      const { baseUrl } = await start({ auth: "digest" });
      const res = await fetch(baseUrl + snapshotsPath(), { headers: { Authorization: "Basic bW9jazptb2Nr" } });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(CHALLENGE);
    });

    it("answers 403 when the key may not read the project", async () => {
      const limited = { publicKey: "limited", privateKey: "limited-secret", groups: [OTHER_GROUP] };
      const { baseUrl } = await start({ auth: "digest", credentials: [limited] });
      const res = await digestGet(baseUrl + snapshotsPath(), limited);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ errorCode: "USER_CANNOT_ACCESS_GROUP", parameters: [DEFAULT_GROUP_ID] });
    });

    it("never keeps the private key or the Authorization value in the request log", async () => {
      const { baseUrl, mock } = await start({ auth: "digest" });
      await digestGet(baseUrl + snapshotsPath(), creds);
      await digestGet(baseUrl + snapshotsPath(), { ...creds, privateKey: "wrong" });
      const log = mock.requests.list();
      expect(log.map((e) => e.status)).toEqual([401, 200, 401, 401]);
      expect(log.filter((e) => e.headers.authorization === "REDACTED")).toHaveLength(2);
      const text = JSON.stringify(log);
      expect(text).not.toContain(creds.privateKey);
      expect(text).not.toContain("response=");
    });
  });

  describe(`${adapter.name}: rate limits`, () => {
    it("runs a token bucket per project and answers 429 RATE_LIMITED_TOKEN_BUCKET with Retry-After", async () => {
      const clock = testClock();
      const { baseUrl, mock } = await start({ now: clock.now, rateLimit: { capacity: 3, refillPerMinute: 60 } });
      const remaining: (string | null)[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await fetch(baseUrl + snapshotsPath());
        expect(res.status).toBe(200);
        remaining.push(res.headers.get("ratelimit-remaining"));
      }
      expect(remaining).toEqual(["2", "1", "0"]);
      const limited = await getJson(baseUrl + snapshotsPath());
      expect(limited.res.status).toBe(429);
      expect(limited.res.headers.get("retry-after")).toBe("1");
      expect(limited.res.headers.get("ratelimit-limit")).toBe("3");
      expect(limited.res.headers.get("x-error-code")).toBe("RATE_LIMITED_TOKEN_BUCKET");
      // The shape of MongoDB's documented sample: endpoint set, seconds, capacity, refill, period.
      const endpointSet = new URL(baseUrl + snapshotsPath()).pathname.slice(1);
      expect(limited.body).toEqual({
        detail: `Rate limit exceeded for ${endpointSet}. Please retry after 1 seconds. Request capacity: 3. Refill rate: 60 per 60 seconds.`,
        error: 429,
        errorCode: "RATE_LIMITED_TOKEN_BUCKET",
        parameters: [endpointSet, 1, 3, 60, 60],
        reason: "Too Many Requests",
      });
      mock.store.addCluster(OTHER_GROUP, "M2AWS");
      expect((await fetch(baseUrl + snapshotsPath(OTHER_GROUP))).status).toBe(200);
      clock.advance(1000);
      expect((await fetch(baseUrl + snapshotsPath())).status).toBe(200);
    });

    it("wraps a 429 in the envelope when asked", async () => {
      const { baseUrl } = await start({ rateLimit: { capacity: 1, refillPerMinute: 0 } });
      await fetch(baseUrl + snapshotsPath());
      const { res, body } = await getJson(baseUrl + snapshotsPath(undefined, undefined, "?envelope=true"));
      expect(res.status).toBe(200);
      expect(body).toMatchObject({ status: 429, content: { errorCode: "RATE_LIMITED_TOKEN_BUCKET" } });
    });
  });

  describe(`${adapter.name}: faults`, () => {
    it.each([
      ["500", 500, "UNEXPECTED_ERROR", null],
      ["429", 429, "RATE_LIMITED_TOKEN_BUCKET", "2"],
    ] as const)("injects %s faults as Atlas errors", async (kind, status, errorCode, retryAfter) => {
      const { baseUrl, mock } = await start({ faults: { rate: 1, kinds: [kind], retryAfterSeconds: 2 } });
      const { res, body } = await getJson(baseUrl + snapshotsPath());
      expect(res.status).toBe(status);
      expect(body.errorCode).toBe(errorCode);
      expect(res.headers.get("x-error-code")).toBe(errorCode);
      expect(res.headers.get("retry-after")).toBe(retryAfter);
      expect(mock.requests.last()?.fault).toBe(kind);
    });

    it("injects 503 faults as a proxy in front of Atlas would send them: plain text, none of Atlas's headers", async () => {
      const { baseUrl, mock } = await start({ faults: { rate: 1, kinds: ["503"], retryAfterSeconds: 2 } });
      const res = await fetch(baseUrl + snapshotsPath(undefined, undefined, "?envelope=true"));
      expect(res.status).toBe(503);
      expect(res.headers.get("content-type")).toBe("text/plain");
      expect(res.headers.get("retry-after")).toBe("2");
      for (const name of ["x-error-code", "ratelimit-limit", "deprecation"]) expect(res.headers.get(name)).toBeNull();
      expect(await res.text()).toBe("Service Unavailable");
      expect(mock.requests.last()?.fault).toBe("503");
    });

    it("drops the connection", async () => {
      const { baseUrl, mock } = await start({ faults: { rate: 1, kinds: ["drop"] } });
      await expect(fetch(baseUrl + snapshotsPath())).rejects.toThrow(TypeError);
      expect(mock.requests.last()).toMatchObject({ status: 0, fault: "drop" });
    });

    it("cuts the body short", async () => {
      const { baseUrl } = await start({ faults: { rate: 1, kinds: ["truncate"] } });
      const res = await fetch(baseUrl + snapshotsPath());
      expect(res.status).toBe(200);
      await expect(res.text()).rejects.toThrow();
    });

    it("draws the same faults for the same seed", async () => {
      const statuses = async (seed: number) => {
        const { baseUrl } = await start({ seed, faults: { rate: 0.4, kinds: ["500", "503"] } });
        const out: number[] = [];
        for (let i = 0; i < 25; i++) out.push((await fetch(baseUrl + snapshotsPath())).status);
        await target?.stop();
        return out;
      };
      const first = await statuses(7);
      expect(await statuses(7)).toEqual(first);
      expect(new Set(first)).toEqual(new Set([200, 500, 503]));
      expect(await statuses(8)).not.toEqual(first);
    });

    it("delays replies by latencyMs", async () => {
      const { baseUrl, mock } = await start({ latencyMs: 80 });
      const started = performance.now();
      await (await fetch(baseUrl + snapshotsPath())).text();
      expect(performance.now() - started).toBeGreaterThanOrEqual(75);
      expect(mock.requests.last()?.durationMs).toBeGreaterThanOrEqual(75);
    });
  });

  describe(`${adapter.name}: store and forced responses`, () => {
    const extra: TenantSnapshot = {
      finishTime: "2030-01-01T12:02:00Z",
      id: "70c6c8a0aaaaaaaaaaaaaaaa",
      mongoDBVersion: "8.0.4",
      scheduledTime: "2030-01-01T12:00:00Z",
      startTime: "2030-01-01T12:01:00Z",
      status: "COMPLETED",
    };

    it("serves projects, clusters and snapshots changed at run time, and resets", async () => {
      const { baseUrl, mock } = await start();
      mock.store.addCluster(OTHER_GROUP, "M5-TEST");
      mock.store.putSnapshot(OTHER_GROUP, "M5-TEST", extra);
      let page = (await getJson(baseUrl + snapshotsPath(OTHER_GROUP, "M5-TEST"))).body;
      expect(page.results).toEqual([extra]);
      mock.store.updateSnapshot(OTHER_GROUP, "M5-TEST", extra.id, { status: "FAILED" });
      page = (await getJson(baseUrl + snapshotsPath(OTHER_GROUP, "M5-TEST"))).body;
      expect(page.results[0]?.status).toBe("FAILED");
      expect(mock.store.removeSnapshot(OTHER_GROUP, "M5-TEST", extra.id)).toBe(true);
      page = (await getJson(baseUrl + snapshotsPath(OTHER_GROUP, "M5-TEST"))).body;
      expect(page).toMatchObject({ results: [], totalCount: 0 });
      mock.store.putSnapshot(DEFAULT_GROUP_ID, "M2AWS", extra);
      page = (await getJson(baseUrl + snapshotsPath())).body;
      expect(page.results.at(-1)).toEqual(extra);
      expect(page.totalCount).toBe(31);
      mock.store.removeCluster(DEFAULT_GROUP_ID, "M2AWS");
      expect((await fetch(baseUrl + snapshotsPath())).status).toBe(404);
      mock.reset();
      expect((await getJson(baseUrl + snapshotsPath())).body.totalCount).toBe(30);
    });

    it("serves raw, invalid snapshots stored through the unsafe method, as they are", async () => {
      const { baseUrl, mock } = await start();
      mock.store.addCluster(OTHER_GROUP, "BROKEN");
      const raw = [
        {
          id: "5cc310ace5dc7ce369814bc9",
          status: "EXPLODED",
          mongoDBVersion: "4.2.7",
          scheduledTime: "2019-04-27T12:00:00Z",
        },
        { status: "COMPLETED", mongoDBVersion: "4.2.7", scheduledTime: "2019-04-26T12:00:00Z" },
        { id: 42, status: "COMPLETED", mongoDBVersion: 4.2, scheduledTime: "yesterday" },
      ];
      for (const value of raw) mock.store.unsafePutRawSnapshot(OTHER_GROUP, "BROKEN", value);
      const { body } = await getJson(baseUrl + snapshotsPath(OTHER_GROUP, "BROKEN"));
      // Served order: oldest scheduledTime first, an entry without a valid time last.
      expect(body.results).toEqual([raw[1], raw[0], raw[2]]);
    });

    it("forces the next replies to a given status and body, even an undocumented one", async () => {
      const { baseUrl, mock } = await start();
      mock.forceResponse({ status: 418, body: { teapot: true }, times: 2 });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(baseUrl + snapshotsPath())).status);
      expect(statuses).toEqual([418, 418, 200]);
      expect(DOCUMENTED_STATUS_CODES).not.toContain(418);
      mock.forceResponse({ status: 500 });
      const { res, body } = await getJson(baseUrl + snapshotsPath());
      expect(res.status).toBe(500);
      expect(body).toMatchObject({ error: 500, errorCode: "UNEXPECTED_ERROR" });
      expect(res.headers.get("x-error-code")).toBe("UNEXPECTED_ERROR");
      mock.forceResponse({ status: 401, times: 5 });
      mock.clearForcedResponses();
      expect((await fetch(baseUrl + snapshotsPath())).status).toBe(200);
    });
  });

  describe(`${adapter.name}: request log`, () => {
    it("records what was asked and answered, keeping only the newest entries", async () => {
      const clock = testClock();
      const { baseUrl, mock } = await start({ now: clock.now, requestLogSize: 3 });
      for (let i = 1; i <= 5; i++) await (await fetch(`${baseUrl}${snapshotsPath()}?pageNum=${i}`)).text();
      const log = mock.requests.list();
      expect(log).toHaveLength(3);
      expect(log.map((e) => new URL(e.url).searchParams.get("pageNum"))).toEqual(["3", "4", "5"]);
      expect(log[2]).toMatchObject({ method: "GET", status: 200, authenticated: true, timestamp: NOW });
      expect(mock.requests.last()).toEqual(log[2]);
      mock.requests.clear();
      expect(mock.requests.size).toBe(0);
    });
  });
}

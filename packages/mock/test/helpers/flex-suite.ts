// The Flex successor (API v2) on the mock, run through one adapter: FlexAWS's
// listing and snapshots, the cross-kind 400s as recorded, media types, and the
// cross-cutting layers (auth, rate limits, faults, envelope, HEAD) on v2 paths.
import type { TenantSnapshot, TenantSnapshotPage } from "@atlas-snapshots/types";
import { afterEach, describe, expect, it } from "vitest";
import {
  type AtlasMockOptions,
  DEFAULT_FLEX_CLUSTER_NAME,
  DEFAULT_GROUP_ID,
  DEFAULT_MOCK_CREDENTIALS,
  DEFAULT_MOCK_SERVICE_ACCOUNT,
} from "../../src/index.js";
import type { Adapter, Target } from "./adapters.js";
import { digestAuthorization, fetchNonce, targetOf } from "./digest-client.js";
import { FLEX_ACCEPT, flexPath, NOW, OTHER_GROUP, snapshotsPath } from "./fixtures.js";

/** As recorded on both Flex 200s. */
const FLEX_TYPE = "application/vnd.atlas.2024-11-13+json;charset=utf-8";
const FLEX = DEFAULT_FLEX_CLUSTER_NAME;

export function describeFlexBehaviour(adapter: Adapter): void {
  let target: Target | undefined;
  afterEach(async () => {
    await target?.stop();
    target = undefined;
  });

  /** Starts a mock (auth off, fixed clock unless told) and returns the origin both APIs hang off. */
  async function start(options: AtlasMockOptions = {}) {
    target = await adapter.start({ auth: "off", now: () => NOW, ...options });
    return { origin: new URL(target.baseUrl).origin, mock: target.mock };
  }

  /** GET with the versioned Accept unless `accept` says otherwise (null: no Accept at all). */
  async function get(url: string, accept: string | null = FLEX_ACCEPT, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (accept !== null) headers.set("accept", accept);
    const res = await fetch(url, { ...init, headers });
    const text = await res.text();
    return { res, text, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> & TenantSnapshotPage };
  }

  describe(`${adapter.name}: FlexAWS through the Flex API (v2)`, () => {
    it("lists the 8 retained snapshots, oldest first, as the versioned media type, not deprecated", async () => {
      const { origin } = await start();
      const { res, body } = await get(origin + flexPath());
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(FLEX_TYPE);
      expect(res.headers.get("deprecation")).toBeNull();
      expect(res.headers.get("sunset")).toBeNull();
      expect(res.headers.get("ratelimit-remaining")).toBe("3999");
      expect(body.totalCount).toBe(8);
      expect(body.results.map((s) => s.scheduledTime)).toEqual(
        [7, 8, 9, 10, 11, 12, 13, 14].map((d) => `2024-06-${String(d).padStart(2, "0")}T17:05:10Z`),
      );
      expect(body.links).toEqual([
        { href: `${origin}${flexPath()}?pageNum=1&itemsPerPage=100&includeCount=true`, rel: "self" },
      ]);
    });

    it("pages by next links that keep the other parameters, with count, past-the-end and includeCount=false", async () => {
      const { origin } = await start();
      const all = (await get(origin + flexPath())).body.results.map((s) => s.id);
      const seen: string[] = [];
      const sizes: number[] = [];
      let href: string | undefined = `${origin}${flexPath("?itemsPerPage=3&pretty=false")}`;
      while (href) {
        const { body } = await get(href);
        expect(body.totalCount).toBe(8);
        sizes.push(body.results.length);
        seen.push(...body.results.map((s) => s.id));
        href = body.links?.find((l) => l.rel === "next")?.href;
        if (href) expect(href).toMatch(/\?pageNum=\d&itemsPerPage=3&includeCount=true&pretty=false$/);
      }
      expect(sizes).toEqual([3, 3, 2]);
      expect(seen).toEqual(all);
      const past = await get(origin + flexPath("?pageNum=9"));
      expect({ results: past.body.results, totalCount: past.body.totalCount }).toEqual({ results: [], totalCount: 8 });
      const uncounted = await get(origin + flexPath("?includeCount=false&itemsPerPage=5"));
      expect(uncounted.body).not.toHaveProperty("totalCount");
      expect(uncounted.body.links?.[1]?.href).toMatch(/\?pageNum=2&itemsPerPage=5&includeCount=false$/);
    });

    it("indents with pretty=true and adds status with envelope=true, still as the versioned type", async () => {
      const { origin } = await start();
      const pretty = await get(origin + flexPath("?pretty=true"));
      expect(pretty.text).toContain('\n  "results": [');
      const enveloped = await get(origin + flexPath("?envelope=true"));
      expect(enveloped.res.headers.get("content-type")).toBe(FLEX_TYPE);
      expect(enveloped.body.status).toBe(200);
    });

    it("gets each listed snapshot by id, and wraps it with envelope=true", async () => {
      const { origin } = await start();
      const listed = (await get(origin + flexPath())).body.results;
      for (const snapshot of listed) {
        const { res, body } = await get(`${origin}${flexPath()}/${snapshot.id}`);
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe(FLEX_TYPE);
        expect(body as unknown as TenantSnapshot).toEqual(snapshot);
      }
      const first = listed[0] as TenantSnapshot;
      const wrapped = await get(`${origin}${flexPath()}/${first.id}?envelope=true`);
      expect(wrapped.body).toEqual({ status: 200, content: first });
    });

    it("answers an unknown snapshot, project or cluster with the same 404s as the M2/M5 API", async () => {
      const { origin } = await start();
      const snapshot = await get(`${origin}${flexPath()}/${"0".repeat(24)}`);
      expect(snapshot.res.status).toBe(404);
      expect(snapshot.res.headers.get("content-type")).toBe("application/json");
      expect(snapshot.res.headers.get("x-error-code")).toBe("RESOURCE_NOT_FOUND");
      expect(snapshot.body.parameters).toEqual(["0".repeat(24), FLEX, DEFAULT_GROUP_ID]);
      const group = await get(origin + flexPath("", OTHER_GROUP));
      expect(group.body).toMatchObject({ error: 404, errorCode: "GROUP_NOT_FOUND", parameters: [OTHER_GROUP] });
      const cluster = await get(origin + flexPath("", DEFAULT_GROUP_ID, "FlexGCP"));
      expect(cluster.text).toBe(
        `{"detail":"No cluster named FlexGCP exists in group ${DEFAULT_GROUP_ID}.","error":404,"errorCode":"CLUSTER_NOT_FOUND","parameters":["FlexGCP","${DEFAULT_GROUP_ID}"],"reason":"Not Found"}`,
      );
    });

    it("checks name and snapshotId with the spec's rules", async () => {
      const { origin } = await start();
      const badName = await get(origin + flexPath("", DEFAULT_GROUP_ID, "Flex_AWS"));
      expect(badName.res.status).toBe(400);
      expect(badName.body.parameters).toEqual(["name", "Flex_AWS"]);
      const badId = await get(`${origin}${flexPath()}/NOT-AN-ID`);
      expect(badId.res.status).toBe(400);
      expect((badId.body.parameters as string[])[0]).toBe("snapshotId");
    });
  });

  describe(`${adapter.name}: each API refuses the other kind of cluster, as recorded`, () => {
    it("the Flex API on M2AWS: 400 CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API, list and get alike", async () => {
      const { origin, mock } = await start();
      const tenantId = mock.store.listSnapshots(DEFAULT_GROUP_ID, "M2AWS")[1]?.id as string;
      for (const url of [
        origin + flexPath("", DEFAULT_GROUP_ID, "M2AWS"),
        `${origin}${flexPath("", DEFAULT_GROUP_ID, "M2AWS")}/${tenantId}`,
      ]) {
        const { res, text } = await get(url);
        expect(res.status).toBe(400);
        expect(res.headers.get("content-type")).toBe("application/json");
        expect(res.headers.get("x-error-code")).toBe("CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API");
        expect(res.headers.get("deprecation")).toBeNull();
        // Byte for byte the recorded body's shape and words, the cluster's name in place.
        expect(text).toBe(
          '{"detail":"Cannot use non-flex cluster M2AWS in the flex API.","error":400,"errorCode":"CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API","parameters":["M2AWS"],"reason":"Bad Request"}',
        );
      }
    });

    it("the M2/M5 API on FlexAWS: 400 CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API, with the deprecation headers", async () => {
      const { origin, mock } = await start();
      const flexId = mock.store.listSnapshots(DEFAULT_GROUP_ID, FLEX)[0]?.id as string;
      const base = `${origin}/api/atlas/v1.0`;
      for (const url of [
        base + snapshotsPath(DEFAULT_GROUP_ID, FLEX),
        `${base}${snapshotsPath(DEFAULT_GROUP_ID, FLEX)}/${flexId}`,
      ]) {
        const { res, text } = await get(url, "application/json");
        expect(res.status).toBe(400);
        expect(res.headers.get("content-type")).toBe("application/json");
        expect(res.headers.get("x-error-code")).toBe("CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API");
        expect(res.headers.get("sunset")).toBe("Thu, 22 Jan 2026 00:00:00 GMT");
        expect(text).toBe(
          '{"detail":"Flex cluster FlexAWS cannot be used in the Cluster API.","error":400,"errorCode":"CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API","parameters":["FlexAWS"],"reason":"Bad Request"}',
        );
      }
    });

    it("wraps a cross-kind 400 in the envelope when asked, as the operation's 200 type", async () => {
      const { origin } = await start();
      const { res, body } = await get(origin + flexPath("?envelope=true", DEFAULT_GROUP_ID, "M5AZURE"));
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(FLEX_TYPE);
      expect(body).toMatchObject({ status: 400, content: { errorCode: "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API" } });
    });

    it("follows a cluster's kind as the store changes: a Flex cluster added later is served by the Flex API only", async () => {
      const { origin, mock } = await start();
      mock.store.addCluster(OTHER_GROUP, "Flex2", "flex");
      expect((await get(origin + flexPath("", OTHER_GROUP, "Flex2"))).res.status).toBe(200);
      const tenant = await get(`${origin}/api/atlas/v1.0${snapshotsPath(OTHER_GROUP, "Flex2")}`, "application/json");
      expect(tenant.body.errorCode).toBe("CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API");
    });
  });

  describe(`${adapter.name}: the versioned Accept`, () => {
    it.each<[string, string | null, number]>([
      ["no Accept", null, 406],
      ["application/json", "application/json", 406],
      ["a wildcard", "*/*", 406],
      ["another version", "application/vnd.atlas.2023-01-01+json", 406],
      ["the version with q=0", `${FLEX_ACCEPT};q=0`, 406],
      ["the version among others", `application/json, ${FLEX_ACCEPT};q=0.9`, 200],
      ["the version with a charset", `${FLEX_ACCEPT};charset=utf-8`, 200],
    ])("%s gets %i", async (_name, accept, status) => {
      const { origin } = await start();
      const { res, text } = await get(origin + flexPath(), accept);
      expect(res.status).toBe(status);
      if (status === 406) {
        expect(res.headers.get("content-type")).toBe("application/json");
        expect(res.headers.get("x-error-code")).toBe("INVALID_VERSION_DATE");
        expect(text).toBe(
          '{"detail":"Invalid accept header or version date.","error":406,"errorCode":"INVALID_VERSION_DATE","parameters":[],"reason":"Not Acceptable"}',
        );
      }
    });

    it("leaves the v1.0 operations as they were: any Accept, or none, gets the page", async () => {
      const { origin } = await start();
      for (const accept of [null, "*/*", FLEX_ACCEPT]) {
        const { res } = await get(`${origin}/api/atlas/v1.0${snapshotsPath()}`, accept);
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe("application/json");
      }
    });
  });

  describe(`${adapter.name}: the cross-cutting layers on v2 paths`, () => {
    it("challenges without credentials as recorded and accepts a Digest answer", async () => {
      const { origin } = await start({ auth: "digest" });
      const url = origin + flexPath();
      const challenge = await get(url);
      expect(challenge.res.status).toBe(401);
      expect(challenge.res.headers.get("content-type")).toBe("application/json");
      expect(challenge.res.headers.get("x-error-code")).toBeNull();
      const nonce = await fetchNonce(url);
      const authorization = digestAuthorization({ ...DEFAULT_MOCK_CREDENTIALS, nonce, uri: targetOf(url) });
      const answered = await get(url, FLEX_ACCEPT, { headers: { authorization } });
      expect(answered.res.status).toBe(200);
      expect(answered.body.totalCount).toBe(8);
    });

    it("meets a CORS preflight with the challenge and no Access-Control headers, as on v1.0 (decision 0011)", async () => {
      const { origin } = await start({ auth: "digest" });
      const preflight = await fetch(origin + flexPath(), {
        method: "OPTIONS",
        headers: { origin: "https://app.example", "access-control-request-method": "GET" },
      });
      expect(preflight.status).toBe(401);
      expect([...preflight.headers.keys()].filter((name) => name.startsWith("access-control-"))).toEqual([]);
    });

    it("takes a service account's Bearer token", async () => {
      const { origin } = await start({ auth: "digest" });
      const { clientId, clientSecret } = DEFAULT_MOCK_SERVICE_ACCOUNT;
      const token = await fetch(`${origin}/api/oauth/token`, {
        method: "POST",
        headers: {
          authorization: `Basic ${btoa(`${clientId}:${clientSecret}`)}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: "grant_type=client_credentials",
      });
      const { access_token } = (await token.json()) as { access_token: string };
      const listed = await get(origin + flexPath(), FLEX_ACCEPT, {
        headers: { authorization: `Bearer ${access_token}` },
      });
      expect(listed.res.status).toBe(200);
      const refused = await get(origin + flexPath(), FLEX_ACCEPT, { headers: { authorization: "Bearer nope" } });
      expect(refused.res.status).toBe(401);
    });

    it("draws from the project's one token bucket for both APIs, and answers 429 on v2 as on v1.0", async () => {
      const { origin } = await start({ rateLimit: { capacity: 2, refillPerMinute: 1 } });
      expect((await get(`${origin}/api/atlas/v1.0${snapshotsPath()}`)).res.status).toBe(200);
      expect((await get(origin + flexPath())).res.status).toBe(200);
      const limited = await get(origin + flexPath());
      expect(limited.res.status).toBe(429);
      expect(limited.res.headers.get("content-type")).toBe("application/json");
      expect(limited.res.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(limited.body.errorCode).toBe("RATE_LIMITED_TOKEN_BUCKET");
    });

    it("injects faults on v2 paths too", async () => {
      const { origin, mock } = await start({ faults: { rate: 1, kinds: ["500"] } });
      const { res, body } = await get(origin + flexPath());
      expect(res.status).toBe(500);
      expect(body.errorCode).toBe("UNEXPECTED_ERROR");
      expect(mock.requests.last()?.fault).toBe("500");
    });

    it("answers HEAD as GET without a body, other methods with 405, unknown v2 paths with 404", async () => {
      const { origin } = await start();
      const head = await fetch(origin + flexPath(), { method: "HEAD", headers: { accept: FLEX_ACCEPT } });
      expect(head.status).toBe(200);
      expect(head.headers.get("content-type")).toBe(FLEX_TYPE);
      expect(await head.text()).toBe("");
      const post = await get(origin + flexPath(), FLEX_ACCEPT, { method: "POST", body: "{}" });
      expect(post.res.status).toBe(405);
      expect(post.res.headers.get("allow")).toBe("GET, HEAD");
      const unknown = await get(`${origin}/api/atlas/v2/groups/${DEFAULT_GROUP_ID}/flexClusters/${FLEX}`);
      expect(unknown.res.status).toBe(404);
      expect(unknown.body.errorCode).toBe("RESOURCE_NOT_FOUND");
      expect(unknown.res.headers.get("deprecation")).toBeNull();
    });
  });
}

import { createDigestFetch } from "@atlas-snapshots/client";
import { DEFAULT_MOCK_CREDENTIALS } from "@atlas-snapshots/mock";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeViolations } from "../src/verdict.js";
import {
  CLUSTER,
  GROUP,
  type MockBehindPrism,
  snapshotsPath,
  startMockBehindPrism,
} from "./helpers/mock-behind-prism.js";

const expectClean = (env: MockBehindPrism, atLeast = 1) => {
  expect(env.judged.verdicts.length).toBeGreaterThanOrEqual(atLeast);
  expect(describeViolations(env.judged.verdicts), "Prism found violations").toBe("");
};

describe("the mock's answers to a sweep generated from the spec's parameters", () => {
  let env: MockBehindPrism;
  beforeAll(async () => {
    env = await startMockBehindPrism({ snapshots: 240 });
  });
  afterAll(() => env?.stop());

  // Mostly valid values from each parameter's schema, sometimes ones Atlas must refuse with a 400.
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
  const validOrNot = (valid: fc.Arbitrary<string>, invalid: fc.Arbitrary<string>) =>
    fc.oneof({ weight: 9, arbitrary: valid }, { weight: 1, arbitrary: invalid });
  const boolish = validOrNot(fc.constantFrom("true", "false"), fc.constantFrom("TRUE", "1", "yes", ""));
  const query = fc.record({
    pageNum: maybe(validOrNot(fc.integer({ min: 1, max: 5 }).map(String), fc.constantFrom("0", "-1", "abc", "1.5"))),
    itemsPerPage: maybe(
      validOrNot(
        fc.integer({ min: 1, max: 500 }).map(String),
        fc.constantFrom("0", "501", "abc", "99999999999999999999"),
      ),
    ),
    includeCount: maybe(boolish),
    pretty: maybe(boolish),
    envelope: maybe(boolish),
  });
  const group = fc.constantFrom(
    GROUP,
    GROUP,
    GROUP,
    "5b69d0349b15c62cdfc38b79",
    "not-a-group-id",
    "5B69D0349B15C62CDFC38B78",
  );
  const cluster = fc.constantFrom(CLUSTER, CLUSTER, "M5AZURE", "NoSuchCluster", "-leading-hyphen", "under_score");

  it("finds no violation and no undocumented status", async () => {
    await fc.assert(
      fc.asyncProperty(group, cluster, query, async (g, c, q) => {
        const params = new URLSearchParams(
          Object.entries(q).filter((entry): entry is [string, string] => entry[1] !== undefined),
        );
        const response = await env.get(`${snapshotsPath(g, c)}?${params}`);
        await response.arrayBuffer();
      }),
      { numRuns: 150, seed: 20261128 },
    );
    const statuses = new Set(env.judged.verdicts.map((v) => v.status));
    // The sweep must reach the answers it claims to judge.
    expect([...statuses].sort()).toEqual([200, 400, 404]);
    expectClean(env, 150);
  });

  it.each([
    ["pretty=true", "?pretty=true"],
    ["envelope=true on a page", "?envelope=true"],
    ["envelope=true on an error", "?envelope=true&itemsPerPage=0"],
    ["a page past the end", "?pageNum=99"],
    ["includeCount=false", "?includeCount=false&itemsPerPage=7&pageNum=2"],
    ["the M5 cluster", ""],
  ])("conforms with %s", async (name, query) => {
    const path = name === "the M5 cluster" ? snapshotsPath(GROUP, "M5AZURE") : snapshotsPath();
    const before = env.judged.verdicts.length;
    const response = await env.get(`${path}${query}`);
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    expect(env.judged.verdicts.length).toBe(before + 1);
    expectClean(env);
  });
});

describe("the mock's answers for one snapshot", () => {
  let env: MockBehindPrism;
  beforeAll(async () => {
    env = await startMockBehindPrism({ snapshots: 5 });
  });
  afterAll(() => env?.stop());

  it.each([
    ["a listed snapshot", "", 200],
    ["a listed snapshot, pretty", "?pretty=true", 200],
    ["a listed snapshot, enveloped", "?envelope=true", 200],
    ["an unknown snapshot id", "unknown", 404],
    ["an unknown snapshot id, enveloped", "unknown?envelope=true", 200],
    ["a malformed snapshot id", "bad", 400],
    ["an unknown cluster", "cluster", 404],
  ])("conforms for %s", async (_name, variant, status) => {
    const listed = (await (await env.get(snapshotsPath())).json()) as { results: { id: string }[] };
    const id = listed.results[0]?.id as string;
    const path =
      variant === "unknown" || variant.startsWith("unknown?")
        ? `${snapshotsPath()}/${"0".repeat(24)}${variant.slice(7)}`
        : variant === "bad"
          ? `${snapshotsPath()}/${id.toUpperCase()}`
          : variant === "cluster"
            ? `${snapshotsPath(GROUP, "NoSuchCluster")}/${id}`
            : `${snapshotsPath()}/${id}${variant}`;
    const response = await env.get(path);
    expect(response.status).toBe(status);
    const body = (await response.json()) as Record<string, unknown>;
    if (status === 200 && !variant.startsWith("unknown")) {
      expect(variant.includes("envelope") ? (body.content as { id: string }).id : body.id).toBe(id);
    }
    if (variant.startsWith("unknown")) expect(JSON.stringify(body)).toContain('"errorCode":"RESOURCE_NOT_FOUND"');
    expectClean(env, 2);
  });
});

describe("the mock's documented error statuses", () => {
  it("a 401 Digest challenge conforms, and so do the 200 and the 403 after a real Digest exchange", async () => {
    const env = await startMockBehindPrism({
      auth: "digest",
      credentials: [
        DEFAULT_MOCK_CREDENTIALS,
        { publicKey: "other-project", privateKey: "other-private", groups: ["5b69d0349b15c62cdfc38b79"] },
      ],
    });
    try {
      // The Digest `uri` must be the upstream's request target, which the proxy forwards unchanged.
      const viaProxy = (input: Request | string | URL, init?: RequestInit) => {
        const request = new Request(input, init);
        const url = new URL(request.url);
        return env.judged(`${env.prism.url}${url.pathname}${url.search}`, request);
      };
      const login = (publicKey: string, privateKey: string) =>
        createDigestFetch({ username: publicKey, password: privateKey, fetch: viaProxy });
      const target = `${env.server.url}${snapshotsPath()}?itemsPerPage=3`;

      const ok = await login(DEFAULT_MOCK_CREDENTIALS.publicKey, DEFAULT_MOCK_CREDENTIALS.privateKey)(target);
      expect(ok.status).toBe(200);
      const forbidden = await login("other-project", "other-private")(target);
      expect(forbidden.status).toBe(403);
      expect(env.judged.verdicts.map((v) => v.status)).toEqual([401, 200, 401, 403]);
      expectClean(env, 4);
    } finally {
      await env.stop();
    }
  });

  it("a 429 from the token bucket conforms, with Retry-After and RateLimit headers", async () => {
    const env = await startMockBehindPrism({ rateLimit: { capacity: 2, refillPerMinute: 1 } });
    try {
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await env.get(snapshotsPath()));
      expect(answers.map((r) => r.status)).toEqual([200, 200, 429, 429]);
      expect(answers[2]?.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(answers[0]?.headers.get("ratelimit-remaining")).toBe("1");
      expectClean(env, 4);
    } finally {
      await env.stop();
    }
  });

  it.each([
    ["500", 500],
    ["503", 503],
  ] as const)("a %s fault conforms", async (kind, status) => {
    const env = await startMockBehindPrism({ faults: { rate: 1, kinds: [kind] } });
    try {
      const response = await env.get(snapshotsPath());
      expect(response.status).toBe(status);
      expectClean(env);
    } finally {
      await env.stop();
    }
  });
});

// The mock's answers judged by Prism (proxy mode), for every operation of the
// generated table: a sweep from each operation's parameter schemas, the
// variants that change a reply's shape, and the documented error statuses.
import { createDigestFetch } from "@atlas-snapshots/client";
import { DEFAULT_MOCK_CREDENTIALS } from "@atlas-snapshots/mock";
import { OPERATIONS, type OperationId } from "@atlas-snapshots/types";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeViolations } from "../src/verdict.js";
import { GROUP, type MockBehindPrism, startMockBehindPrism } from "./helpers/mock-behind-prism.js";
import {
  hasParameter,
  isVersioned,
  limitsOf,
  OPERATION_IDS,
  type PathValues,
  pathOf,
  queryParameters,
  servedTargets,
  statusesOf,
} from "./helpers/operations.js";

const OTHER_GROUP = "5b69d0349b15c62cdfc38b79";

const expectClean = (env: MockBehindPrism, atLeast = 1) => {
  expect(env.judged.verdicts.length).toBeGreaterThanOrEqual(atLeast);
  expect(describeViolations(env.judged.verdicts), "Prism found violations").toBe("");
};

/** What a client of the operation sends: its Accept from the table (a v2 operation's versioned type). */
const asClient = (id: OperationId): RequestInit => ({ headers: { accept: OPERATIONS[id].accept } });

describe("the mock's answers to a sweep generated from each operation's parameters", () => {
  let env: MockBehindPrism;
  let targets: Record<OperationId, Required<PathValues>>;
  beforeAll(async () => {
    env = await startMockBehindPrism({ snapshots: 240 });
    targets = await servedTargets(env.server.mock, GROUP);
  });
  afterAll(() => env?.stop());

  // Mostly valid values from each parameter's schema, sometimes ones Atlas must refuse with a 400.
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
  const validOrNot = (valid: fc.Arbitrary<string>, invalid: fc.Arbitrary<string>) =>
    fc.oneof({ weight: 9, arbitrary: valid }, { weight: 1, arbitrary: invalid });
  function queryArbitrary(id: OperationId) {
    const fields: Record<string, fc.Arbitrary<string | undefined>> = {};
    for (const { name, type } of queryParameters(id)) {
      if (type === "boolean") {
        fields[name] = maybe(validOrNot(fc.constantFrom("true", "false"), fc.constantFrom("TRUE", "1", "yes", "")));
      } else if (type === "integer") {
        const { minimum = 0, maximum } = limitsOf(id, name);
        const invalid = [String(minimum - 1), "abc", "1.5", "99999999999999999999"];
        if (maximum !== undefined) invalid.push(String(maximum + 1));
        const valid = fc.integer({ min: minimum, max: maximum ?? minimum + 4 }).map(String);
        fields[name] = maybe(validOrNot(valid, fc.constantFrom(...invalid)));
      }
    }
    return fc.record(fields);
  }

  it.each(OPERATION_IDS)("%s: no violation and no undocumented status", async (id) => {
    const target = targets[id];
    const store = env.server.mock.store;
    const clusters = store.listClusters(GROUP);
    const group = fc.constantFrom(GROUP, GROUP, GROUP, OTHER_GROUP, "not-a-group-id", GROUP.toUpperCase());
    // The served cluster most often; every other cluster of the project (another kind: its API's 400); bad names.
    const cluster = fc.oneof(
      { weight: 3, arbitrary: fc.constant(target.cluster) },
      { weight: 2, arbitrary: fc.constantFrom(...clusters, "NoSuchCluster", "-leading-hyphen", "under_score") },
    );
    const otherIds = clusters.flatMap((c) =>
      store
        .listSnapshots(GROUP, c)
        .slice(0, 1)
        .map((s) => s.id),
    );
    const snapshotId = fc.oneof(
      { weight: 3, arbitrary: fc.constant(target.snapshotId) },
      { weight: 2, arbitrary: fc.constantFrom(...otherIds, "0".repeat(24), target.snapshotId.toUpperCase()) },
    );
    // A v2 operation answers only an Accept naming its version; now and then a client forgets it.
    const accept = fc.oneof(
      { weight: 9, arbitrary: fc.constant(OPERATIONS[id].accept) },
      { weight: 1, arbitrary: fc.constant("application/json") },
    );
    const before = env.judged.verdicts.length;
    await fc.assert(
      fc.asyncProperty(group, cluster, snapshotId, queryArbitrary(id), accept, async (g, c, s, q, a) => {
        const params = new URLSearchParams(
          Object.entries(q).filter((entry): entry is [string, string] => entry[1] !== undefined),
        );
        const path = pathOf(id, { groupId: g, cluster: c, snapshotId: s }, `?${params}`);
        const response = await env.send(path, { headers: { accept: a } });
        await response.arrayBuffer();
      }),
      { numRuns: 120, seed: 20261128 },
    );
    const verdicts = env.judged.verdicts.slice(before);
    const statuses = new Set(verdicts.map((v) => v.status));
    // The sweep must reach the answers it claims to judge.
    const reached = [200, 400, 404, ...(isVersioned(id) ? [406] : [])];
    expect([...statuses].sort()).toEqual(reached.sort());
    expect(describeViolations(verdicts), "Prism found violations").toBe("");
  });
});

describe("the mock's answers in each shape an operation has", () => {
  let env: MockBehindPrism;
  let targets: Record<OperationId, Required<PathValues>>;
  beforeAll(async () => {
    env = await startMockBehindPrism({ snapshots: 30 });
    targets = await servedTargets(env.server.mock, GROUP);
  });
  afterAll(() => env?.stop());

  // Each variant applies to the operations that have what it needs; the query is built from the table.
  const variants: [
    name: string,
    applies: (id: OperationId) => boolean,
    change: (v: PathValues) => PathValues,
    query: string,
    status: number,
  ][] = [
    ["as it is", () => true, (v) => v, "", 200],
    ["pretty=true", (id) => hasParameter(id, "pretty"), (v) => v, "?pretty=true", 200],
    ["envelope=true", (id) => hasParameter(id, "envelope"), (v) => v, "?envelope=true", 200],
    [
      "envelope=true on an error",
      (id) => hasParameter(id, "envelope"),
      (v) => ({ ...v, cluster: "NoSuchCluster" }),
      "?envelope=true",
      200,
    ],
    ["a page past the end", (id) => hasParameter(id, "pageNum"), (v) => v, "?pageNum=99", 200],
    [
      "includeCount=false",
      (id) => hasParameter(id, "includeCount"),
      (v) => v,
      "?includeCount=false&itemsPerPage=7&pageNum=2",
      200,
    ],
    [
      "an unknown snapshot id",
      (id) => hasParameter(id, "snapshotId"),
      (v) => ({ ...v, snapshotId: "0".repeat(24) }),
      "",
      404,
    ],
    [
      "a malformed snapshot id",
      (id) => hasParameter(id, "snapshotId"),
      (v) => ({ ...v, snapshotId: v.snapshotId?.toUpperCase() }),
      "",
      400,
    ],
    ["an unknown cluster", () => true, (v) => ({ ...v, cluster: "NoSuchCluster" }), "", 404],
    ["an unknown project", () => true, (v) => ({ ...v, groupId: OTHER_GROUP }), "", 404],
  ];
  const cases = OPERATION_IDS.flatMap((id) =>
    variants
      .filter(([, applies]) => applies(id))
      .map(([name, , change, query, status]) => [id, name, change, query, status] as const),
  );

  it.each(cases)("%s conforms with %s", async (id, _name, change, query, status) => {
    const before = env.judged.verdicts.length;
    const response = await env.send(pathOf(id, change(targets[id]), query), asClient(id));
    expect(response.status).toBe(status);
    await response.arrayBuffer();
    expect(env.judged.verdicts.length).toBe(before + 1);
    expectClean(env);
  });

  it.each(OPERATION_IDS)(
    "%s answers a cluster it does not serve (the other kind) with a conforming 400",
    async (id) => {
      const store = env.server.mock.store;
      const other = store
        .listClusters(GROUP)
        .find((c) => store.clusterKind(GROUP, c) !== store.clusterKind(GROUP, targets[id].cluster));
      expect(other, "the default data has clusters of both kinds").toBeDefined();
      const response = await env.send(pathOf(id, { ...targets[id], cluster: other as string }), asClient(id));
      expect(response.status).toBe(400);
      expect((await response.json()) as object).toMatchObject({ errorCode: expect.stringMatching(/^CANNOT_USE_/) });
      expectClean(env);
    },
  );
});

describe("the mock's documented error statuses, on every operation", () => {
  it("a 401 Digest challenge conforms, and so do the 200 and the 403 after a real Digest exchange", async () => {
    const env = await startMockBehindPrism({
      auth: "digest",
      credentials: [
        DEFAULT_MOCK_CREDENTIALS,
        { publicKey: "other-project", privateKey: "other-private", groups: [OTHER_GROUP] },
      ],
    });
    try {
      const targets = await servedTargets(env.server.mock, GROUP);
      for (const id of OPERATION_IDS) {
        // The Digest `uri` must be the upstream's request target, which the proxy forwards unchanged.
        const viaProxy = (input: Request | string | URL, init?: RequestInit) => {
          const request = new Request(input, init);
          const url = new URL(request.url);
          return env.judged(`${env.prism.url}${url.pathname}${url.search}`, request);
        };
        const login = (publicKey: string, privateKey: string) =>
          createDigestFetch({ username: publicKey, password: privateKey, fetch: viaProxy });
        const target = `${new URL(env.server.url).origin}${pathOf(id, targets[id])}`;
        const before = env.judged.verdicts.length;
        const ok = await login(DEFAULT_MOCK_CREDENTIALS.publicKey, DEFAULT_MOCK_CREDENTIALS.privateKey)(
          target,
          asClient(id),
        );
        expect(ok.status, id).toBe(200);
        const forbidden = await login("other-project", "other-private")(target, asClient(id));
        expect(forbidden.status, id).toBe(403);
        expect(env.judged.verdicts.slice(before).map((v) => v.status)).toEqual([401, 200, 401, 403]);
      }
      expectClean(env, 4 * OPERATION_IDS.length);
    } finally {
      await env.stop();
    }
  });

  it("a 429 from the token bucket conforms, with Retry-After and RateLimit headers", async () => {
    const env = await startMockBehindPrism({ rateLimit: { capacity: 2 * OPERATION_IDS.length, refillPerMinute: 1 } });
    try {
      const targets = await servedTargets(env.server.mock, GROUP);
      const answers = [];
      for (const id of [...OPERATION_IDS, ...OPERATION_IDS, ...OPERATION_IDS]) {
        answers.push([id, await env.send(pathOf(id, targets[id]), asClient(id))] as const);
      }
      const n = OPERATION_IDS.length;
      expect(answers.map(([, r]) => r.status)).toEqual([...Array(2 * n).fill(200), ...Array(n).fill(429)]);
      for (const [, response] of answers.slice(2 * n)) expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(answers[0]?.[1].headers.get("ratelimit-remaining")).toBe(String(2 * n - 1));
      expectClean(env, 3 * n);
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
      const targets = await servedTargets(env.server.mock, GROUP);
      for (const id of OPERATION_IDS) {
        expect(statusesOf(id), `${id} documents ${status}`).toContain(status);
        const response = await env.send(pathOf(id, targets[id]), asClient(id));
        expect(response.status).toBe(status);
        await response.arrayBuffer();
      }
      expectClean(env, OPERATION_IDS.length);
    } finally {
      await env.stop();
    }
  });
});

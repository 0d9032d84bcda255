import { AtlasApiError } from "@atlas-snapshots/client";
import { describe, expect, it } from "vitest";
import {
  type ApiKind,
  discoverApiKind,
  FLEX_CLUSTER_IN_CLUSTER_API,
  NON_FLEX_CLUSTER_IN_FLEX_API,
  saysFlexCluster,
} from "../src/api-kind.js";
import { describeFailure } from "../src/describe-failure.js";

/** Atlas's recorded bodies (spec/fidelity/recordings/400-CANNOT_USE_*.http), for cluster FlexAWS / M2AWS. */
const flexRefused = () =>
  AtlasApiError.from({
    status: 400,
    body: {
      detail: "Flex cluster FlexAWS cannot be used in the Cluster API.",
      error: 400,
      errorCode: FLEX_CLUSTER_IN_CLUSTER_API,
      parameters: ["FlexAWS"],
      reason: "Bad Request",
    },
  });
const nonFlexRefused = () =>
  AtlasApiError.from({
    status: 400,
    body: {
      detail: "Cannot use non-flex cluster M2AWS in the flex API.",
      error: 400,
      errorCode: NON_FLEX_CLUSTER_IN_FLEX_API,
      parameters: ["M2AWS"],
      reason: "Bad Request",
    },
  });
const apiError = (status: number, errorCode?: string, headers?: Record<string, string>) =>
  AtlasApiError.from({ status, body: errorCode ? { error: status, errorCode } : { error: status }, headers });

/** A cluster of one kind behind both APIs, answering the other API as Atlas does; counts calls by API. */
function fakeAtlas(cluster: ApiKind) {
  const calls: ApiKind[] = [];
  const call = async (kind: ApiKind) => {
    calls.push(kind);
    if (kind !== cluster) throw kind === "tenant" ? flexRefused() : nonFlexRefused();
    return `${kind} answer`;
  };
  async function* stream(kind: ApiKind) {
    calls.push(kind);
    if (kind !== cluster) throw kind === "tenant" ? flexRefused() : nonFlexRefused();
    yield `${kind} 1`;
    yield `${kind} 2`;
  }
  return { calls, call, stream };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe("saysFlexCluster: what switches discovery to the Flex API", () => {
  it("is Atlas's 400 CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API, from the body or the X-Error-Code header", () => {
    expect(saysFlexCluster(flexRefused())).toBe(true);
    expect(saysFlexCluster(apiError(400, undefined, { "X-Error-Code": FLEX_CLUSTER_IN_CLUSTER_API }))).toBe(true);
  });

  it.each([
    ["another 400", apiError(400, "INVALID_QUERY_PARAMETER")],
    ["the reverse refusal", nonFlexRefused()],
    ["an unknown cluster (404)", apiError(404, "CLUSTER_NOT_FOUND")],
    ["a 404 without a code", apiError(404)],
    ["410 VERSION_GONE (defined, never recorded here)", apiError(410, "VERSION_GONE")],
    ["the code on another status", apiError(409, FLEX_CLUSTER_IN_CLUSTER_API)],
    ["a plain error with the code in its message", new Error(FLEX_CLUSTER_IN_CLUSTER_API)],
  ])("is not %s", (_name, error) => {
    expect(saysFlexCluster(error)).toBe(false);
  });
});

describe("discoverApiKind", () => {
  it("asks the tenant API, and stays there, for an M2/M5 cluster: nothing is said", async () => {
    const atlas = fakeAtlas("tenant");
    const notices: string[] = [];
    const discovery = discoverApiKind({ onFlex: () => notices.push("flex") });
    expect(discovery.kind).toBeUndefined();
    expect(await discovery.run(atlas.call)).toBe("tenant answer");
    expect(await collect(discovery.stream(atlas.stream))).toEqual(["tenant 1", "tenant 2"]);
    expect(discovery.kind).toBe("tenant");
    expect(atlas.calls).toEqual(["tenant", "tenant"]);
    expect(notices).toEqual([]);
  });

  it("moves a Flex cluster to the Flex API on the tenant API's refusal, says so once, and never asks the tenant API again", async () => {
    const atlas = fakeAtlas("flex");
    let notices = 0;
    const discovery = discoverApiKind({ onFlex: () => notices++ });
    expect(await collect(discovery.stream(atlas.stream))).toEqual(["flex 1", "flex 2"]);
    expect(discovery.kind).toBe("flex");
    // Later calls (watch's next looks, other pages) go straight to the Flex API.
    for (let i = 0; i < 5; i++) expect(await collect(discovery.stream(atlas.stream))).toEqual(["flex 1", "flex 2"]);
    expect(await discovery.run(atlas.call)).toBe("flex answer");
    expect(atlas.calls).toEqual(["tenant", "flex", "flex", "flex", "flex", "flex", "flex", "flex"]);
    expect(notices).toBe(1);
  });

  it("finds out on a single call as well (describe, --page)", async () => {
    const atlas = fakeAtlas("flex");
    let notices = 0;
    const discovery = discoverApiKind({ onFlex: () => notices++ });
    expect(await discovery.run(atlas.call)).toBe("flex answer");
    expect(atlas.calls).toEqual(["tenant", "flex"]);
    expect(notices).toBe(1);
  });

  it.each(["tenant", "flex"] as const)(
    "--api %s asks that API only, and the other kind of cluster is Atlas's refusal, thrown",
    async (forced) => {
      const other = forced === "tenant" ? "flex" : "tenant";
      const right = fakeAtlas(forced);
      let notices = 0;
      const discovery = discoverApiKind({ forced, onFlex: () => notices++ });
      expect(discovery.kind).toBe(forced);
      expect(await discovery.run(right.call)).toBe(`${forced} answer`);
      expect(right.calls).toEqual([forced]);

      const wrong = fakeAtlas(other);
      const code = forced === "tenant" ? FLEX_CLUSTER_IN_CLUSTER_API : NON_FLEX_CLUSTER_IN_FLEX_API;
      await expect(discovery.run(wrong.call)).rejects.toMatchObject({ status: 400, errorCode: code });
      await expect(collect(discovery.stream(wrong.stream))).rejects.toMatchObject({ status: 400, errorCode: code });
      expect(wrong.calls).toEqual([forced, forced]);
      expect(notices).toBe(0);
    },
  );

  it("passes any other error on and leaves the question open", async () => {
    const discovery = discoverApiKind({ onFlex: () => {} });
    const calls: ApiKind[] = [];
    const notFound = apiError(404, "CLUSTER_NOT_FOUND");
    await expect(
      discovery.run(async (kind) => {
        calls.push(kind);
        throw notFound;
      }),
    ).rejects.toBe(notFound);
    expect(calls).toEqual(["tenant"]);
    expect(discovery.kind).toBeUndefined();
  });

  it("does not switch once the tenant stream has yielded: a later refusal is an error, not a second listing", async () => {
    const discovery = discoverApiKind({ onFlex: () => {} });
    const opened: ApiKind[] = [];
    async function* halfway(kind: ApiKind) {
      opened.push(kind);
      yield "first";
      throw flexRefused();
    }
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const item of discovery.stream(halfway)) seen.push(item);
      })(),
    ).rejects.toMatchObject({ errorCode: FLEX_CLUSTER_IN_CLUSTER_API });
    expect(seen).toEqual(["first"]);
    expect(opened).toEqual(["tenant"]);
  });
});

describe("a wrong --api, as describeFailure reports it", () => {
  it.each([
    [nonFlexRefused(), /Cannot use non-flex cluster M2AWS in the flex API/, /not a Flex cluster: use --api tenant/],
    [flexRefused(), /Flex cluster FlexAWS cannot be used in the Cluster API/, /is a Flex cluster: use --api flex/],
  ])("exits 7 with Atlas's code and detail, and a hint naming the fix", (error, detail, hint) => {
    const failure = describeFailure(error);
    expect(failure.code).toBe(7);
    expect(failure.message).toMatch(/^Atlas answered 400 CANNOT_USE_/);
    expect(failure.message).toMatch(detail);
    expect(failure.hint).toMatch(hint);
  });
});

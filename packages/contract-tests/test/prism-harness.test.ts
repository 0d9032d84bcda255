import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { judgingFetch } from "../src/judging-fetch.js";
import { type RunningPrism, startPrism } from "../src/prism-process.js";
import { derivePrismSpec, documentedStatuses, specFile, writePrismSpec } from "../src/prism-spec.js";

const path = "/api/atlas/v1.0/groups/5b69d0349b15c62cdfc38b78/clusters/M2AWS/backup/tenant/snapshots";
const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("the spec Prism judges against", () => {
  it("is the spec itself with only the security requirement dropped and the base path moved into the paths", () => {
    const original = parse(readFileSync(specFile, "utf8"));
    const derived = derivePrismSpec(readFileSync(specFile, "utf8"));
    expect(original.security).toEqual([{ DigestAuth: [] }, { ServiceAccounts: [] }]);
    expect(derived.security).toBeUndefined();
    delete original.security;
    const base = new URL(original.servers[0].url).pathname;
    expect(base).toBe("/api/atlas/v1.0");
    // Each path under its own server's base path when it has one (the Flex operations: API v2), else the document's.
    const moved = Object.entries(original.paths as Record<string, { servers?: { url: string }[] }>).map(
      ([path, { servers, ...item }]) => [(servers ? new URL(servers[0]?.url ?? "").pathname : base) + path, item],
    );
    expect(moved.map(([path]) => path)).toContain(
      "/api/atlas/v2/groups/{groupId}/flexClusters/{name}/backup/snapshots",
    );
    original.paths = Object.fromEntries(moved);
    delete original.servers;
    expect(derived).toEqual(original);
  });
});

describe("the Prism harness", () => {
  let prism: RunningPrism;
  const documented = documentedStatuses();
  beforeAll(async () => {
    prism = await startPrism({ mode: "mock", specFile: writePrismSpec() });
  });
  afterAll(() => prism?.stop());

  it("serves the spec's seed example and finds nothing wrong with a valid request", async () => {
    const judged = judgingFetch("client-to-spec", documented);
    const response = await judged(`${prism.url}${path}?pageNum=1&itemsPerPage=100&includeCount=true`);
    const body = await response.json();
    expect(body.results[0].id).toBe("5cc310ace5dc7ce369814bc8");
    expect(judged.verdicts).toEqual([expect.objectContaining({ status: 200, violations: [] })]);
  });

  it("reports an out-of-range parameter, naming it", async () => {
    const judged = judgingFetch("client-to-spec", documented, fetch, { control: true });
    await judged(`${prism.url}${path}?itemsPerPage=501`);
    const [verdict] = judged.verdicts;
    expect(verdict?.violations.map((v) => v.location.toLowerCase())).toContain("request.query.itemsperpage");
  });

  it("counts an undocumented status as a violation", async () => {
    const judged = judgingFetch("client-to-spec", documented, fetch, { control: true });
    await judged(`${prism.url}${path}`, { headers: { Prefer: "code=418" } });
    expect(judged.verdicts[0]?.violations.length).toBeGreaterThan(0);
  });

  it("stops Prism and leaves no process behind", async () => {
    const other = await startPrism({ mode: "mock", specFile: writePrismSpec() });
    expect(isAlive(other.pid)).toBe(true);
    await other.stop();
    expect(isAlive(other.pid)).toBe(false);
  });

  it("fails to start with Prism's own words when the spec is broken, and cleans up", async () => {
    const broken = writePrismSpec();
    writeFileSync(broken, "{ not json");
    await expect(startPrism({ mode: "mock", specFile: broken, startTimeoutMs: 15_000 })).rejects.toThrow(/Prism/);
  });
});

import { startMockServer } from "@atlas-snapshots/mock/server";
import { describe, expect, it } from "vitest";
import { GROUP, KEYS_ENV, PRIVATE_KEY, PUBLIC_KEY, target } from "./helpers/fixture.js";
import { runCli } from "./helpers/run-cli.js";
import { history } from "./helpers/snapshot-data.js";

// Issue 8: under injected faults, `list --all` prints every snapshot exactly once, or fails
// loudly with a non-zero exit and no list at all; never a silent short list.
const HUGE = history(8, 3000);
const ALL_IDS = HUGE.map((s) => s.id);
const outcomes: { code: number | null; faults: number }[] = [];

/** The mock server holding HUGE, with 20% faults of every kind, reproducible by seed. */
const faultyServer = (seed: number) =>
  startMockServer({
    credentials: [{ publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY }],
    data: { groups: [{ id: GROUP, clusters: [{ name: "Huge", snapshots: HUGE }] }] },
    rateLimit: false,
    seed,
    faults: { rate: 0.2, retryAfterSeconds: 0 },
  });

/** `list` of the whole huge cluster, 100 a page, in the given output format. */
const listHuge = (server: { url: string }, output: string, retries: number) =>
  runCli(
    ["list", ...target(server, "Huge"), "--items-per-page", "100", "-o", output, "--retries", String(retries)],
    KEYS_ENV,
  );

describe("list --all under 20% injected faults (500, 503, 429, dropped, truncated)", () => {
  it.each([
    // [seed, retries]: few retries make failures likely, more make success likely; both outcomes are checked.
    [1, 4],
    [2, 4],
    [3, 0],
    [4, 1],
    [5, 4],
    [6, 0],
  ])("seed %i, --retries %i: all 3000 once, in order, or a failure with nothing printed", async (seed, retries) => {
    const server = await faultyServer(seed);
    try {
      const { code, stdout, stderr } = await listHuge(server, "json", retries);
      const faults = server.mock.requests.list().filter((entry) => entry.fault).length;
      if (code === 0) {
        expect(JSON.parse(stdout).map((s: { id: string }) => s.id)).toEqual(ALL_IDS);
        expect(stderr).toBe("");
      } else {
        expect([5, 6]).toContain(code);
        expect(stdout).toBe("");
        expect(stderr).toMatch(/^atlas-snapshots: (Atlas answered (429|500|503)|Could not reach)/);
      }
      outcomes.push({ code, faults });
    } finally {
      await server.close();
    }
  });

  it.each([
    [7, 0],
    [8, 4],
  ])("ndjson, seed %i, --retries %i: all 3000 in order, or a prefix and a loud INCOMPLETE", async (seed, retries) => {
    const server = await faultyServer(seed);
    try {
      const { code, stdout, stderr } = await listHuge(server, "ndjson", retries);
      const streamed = stdout
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line).id);
      outcomes.push({ code, faults: server.mock.requests.list().filter((entry) => entry.fault).length });
      if (code === 0) {
        expect(streamed).toEqual(ALL_IDS);
      } else {
        expect(streamed).toEqual(ALL_IDS.slice(0, streamed.length));
        expect(streamed.length).toBeLessThan(ALL_IDS.length);
        expect(stderr).toContain(
          `the list is INCOMPLETE: ${streamed.length} snapshots were printed before this failure`,
        );
      }
    } finally {
      await server.close();
    }
  });

  it("really injected faults, and saw both outcomes", () => {
    expect(outcomes).toHaveLength(8);
    expect(outcomes.reduce((sum, o) => sum + o.faults, 0)).toBeGreaterThan(5);
    expect(outcomes.some((o) => o.code === 0)).toBe(true);
    expect(outcomes.some((o) => o.code !== 0)).toBe(true);
  });
});

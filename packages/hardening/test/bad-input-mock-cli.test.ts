// Bad flags to atlas-mock-server (the built binary): exit 2 with a message
// naming the flag, and no server left listening.
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mockServerBin } from "./helpers/paths.js";
import { runNode } from "./helpers/run-node.js";

// [name, { given: argv, want: what the message names }]
const CASES: [string, { given: string[]; want: { names: string | RegExp; code?: number } }][] = [
  ["--port 70000", { given: ["--port", "70000"], want: { names: "--port" } }],
  ["--port abc", { given: ["--port", "abc"], want: { names: "--port" } }],
  ["--port -1", { given: ["--port=-1"], want: { names: "--port" } }],
  ["--fault-rate 2", { given: ["--fault-rate", "2"], want: { names: "--fault-rate" } }],
  ["--fault-rate NaN", { given: ["--fault-rate", "NaN"], want: { names: "--fault-rate" } }],
  ["--fault-kinds boom", { given: ["--fault-kinds", "500,boom"], want: { names: "--fault-kinds" } }],
  ["--latency -5", { given: ["--latency=-5"], want: { names: "--latency" } }],
  ["--latency 50-10", { given: ["--latency", "50-10"], want: { names: "--latency" } }],
  ["--latency of 10 days", { given: ["--latency", "864000000"], want: { names: "--latency" } }],
  ["--rate-limit 0/5", { given: ["--rate-limit", "0/5"], want: { names: "--rate-limit" } }],
  ["--rate-limit fast", { given: ["--rate-limit", "fast"], want: { names: "--rate-limit" } }],
  ["--snapshots 1e9", { given: ["--snapshots", "1e9"], want: { names: "--snapshots" } }],
  ["--snapshots 2000000", { given: ["--snapshots", "2000000"], want: { names: "--snapshots" } }],
  ["--seed -1", { given: ["--seed=-1"], want: { names: "--seed" } }],
  ["--host empty", { given: ["--host", ""], want: { names: "--host" } }],
  ["--public-key without --private-key", { given: ["--public-key", "abc"], want: { names: "--private-key" } }],
  ["--private-key empty", { given: ["--public-key", "abc", "--private-key", ""], want: { names: "--private-key" } }],
  ["--data empty", { given: ["--data", ""], want: { names: "--data" } }],
  ["--data a directory", { given: ["--data", "/"], want: { names: "--data" } }],
  ["an unknown flag", { given: ["--bogus"], want: { names: "--bogus" } }],
  ["a positional argument", { given: ["serve"], want: { names: "serve" } }],
];

describe("bad flags to atlas-mock-server", () => {
  it.concurrent.each(CASES)("%s", async (_name, { given, want }) => {
    const run = await runNode(mockServerBin(), given, { timeoutMs: 120_000 });
    expect({ code: run.code, listening: /listening/.test(run.stdout) }, run.stderr).toEqual({
      code: want.code ?? 2,
      listening: false,
    });
    const [first = ""] = run.stderr.split("\n");
    expect(first).toMatch(/^atlas-mock-server: /);
    expect(first).toMatch(want.names);
    expect(run.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  });

  describe("a port already in use", () => {
    const blocker = createServer();
    let port = 0;
    beforeAll(async () => {
      await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
      port = (blocker.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

    it("exits non-zero with a message naming the port", async () => {
      const run = await runNode(mockServerBin(), ["--port", String(port)], { timeoutMs: 120_000 });
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(new RegExp(`port.*in use|${port}`));
      expect(run.stderr).toMatch(String(port));
    });
  });
});

import { spawn } from "node:child_process";
import type { MockServer } from "@atlas-snapshots/mock/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CLUSTERS, GROUP, KEYS_ENV, startTestServer, target } from "./helpers/fixture.js";
import { BIN, runCli } from "./helpers/run-cli.js";

let server: MockServer;
beforeEach(async () => {
  server = await startTestServer(); // fresh data per test: they change snapshots
});
afterEach(() => server?.close());

// The served order is oldest first: the latest is the one scheduled last.
const mixedNewest = [...CLUSTERS.Mixed].sort((a, b) => a.scheduledTime.localeCompare(b.scheduledTime)).at(-1) as {
  id: string;
};

describe("watch", () => {
  it("waits while the latest snapshot runs, then exits as check does once it completes", async () => {
    const child = spawn(process.execPath, [BIN, "watch", ...target(server, "Mixed"), "--interval", "100ms"], {
      env: { PATH: process.env.PATH, ...KEYS_ENV },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    // Once watch has seen it RUNNING (it says so on stderr), Atlas finishes the snapshot.
    while (!stderr.includes(`latest snapshot ${mixedNewest.id} is RUNNING`)) {
      if (child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    server.mock.store.updateSnapshot(GROUP, "Mixed", mixedNewest.id, {
      status: "COMPLETED",
      finishTime: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    });
    expect(await exited).toBe(0);
    expect(stdout).toMatch(new RegExp(`^OK: Mixed: latest snapshot ${mixedNewest.id} .* is COMPLETED`));
  });

  it("gives up after --timeout with check's exit code 1 and the reason", async () => {
    const result = await runCli(
      ["watch", ...target(server, "Queued"), "--interval", "200ms", "--timeout", "1"],
      KEYS_ENV,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^FAIL: Queued: gave up after 1s: latest snapshot .* is still QUEUED/);
    expect(result.stderr).toMatch(/Waiting: latest snapshot .* is QUEUED/);
  });

  it.each([
    ["Fresh", 0, /^OK: Fresh: /],
    ["Failed", 1, /^FAIL: Failed: latest snapshot .* is FAILED/],
    ["Stale", 1, /^FAIL: Stale: stale: /],
    ["Empty", 1, /^FAIL: Empty: no snapshots/],
  ] as const)("a latest snapshot already settled (%s) is judged at once", async (cluster, code, line) => {
    const result = await runCli(["watch", ...target(server, cluster)], KEYS_ENV);
    expect(result.code).toBe(code);
    expect(result.stdout).toMatch(line);
  });

  it("takes check's errors too: an unknown cluster exits 4", async () => {
    const result = await runCli(["watch", ...target(server, "NoSuchCluster")], KEYS_ENV);
    expect(result.code).toBe(4);
  });
});

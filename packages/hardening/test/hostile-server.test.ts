// The hostile-server section: a real loopback HTTP server that lies (pages that
// ignore pageNum, empty middle pages, promises the data never keeps), sends
// huge, endless and gzip-bomb bodies, trickles a body under GC pressure, and
// puts terminal escape sequences in fields and error text. The client and the
// CLI must answer each with a typed error or safe output, never a short list,
// a hang or a raw byte on the terminal.
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type HostileServer, startHostileServer, trickle } from "./helpers/hostile-server.js";
import { runNode } from "./helpers/run-node.js";

const servers: HostileServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(...args: Parameters<typeof startHostileServer>): Promise<HostileServer> {
  const server = await startHostileServer(...args);
  servers.push(server);
  return server;
}

describe("trickled bodies under GC pressure", () => {
  it("still time out after major garbage collections during the body read", { timeout: 60_000 }, async () => {
    const server = await serve(trickle(100));
    // The child is killed after 45 s: a hang shows as no outcome at all, not as a slow one.
    const run = await runNode(join(import.meta.dirname, "fixtures/timeout-under-gc.mjs"), [server.url, "1000"], {
      timeoutMs: 45_000,
    });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout || "{}")).toEqual({ outcome: "rejected", name: "AtlasTimeoutError", junk: true });
  });
});

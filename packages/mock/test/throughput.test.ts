// How many requests per second the HTTP server answers on loopback. The figure
// is printed (and quoted in the README); the assertion is a loose floor only.
import { Agent, get } from "node:http";
import { describe, expect, it } from "vitest";
import { DEFAULT_MOCK_CREDENTIALS } from "../src/index.js";
import { startMockServer } from "../src/server.js";
import { digestAuthorization, fetchNonce } from "./helpers/digest-client.js";
import { snapshotsPath } from "./helpers/fixtures.js";

type Headers = Record<string, string>;

async function measure(
  label: string,
  options: Parameters<typeof startMockServer>[0],
  headersFor: (url: string) => Promise<() => Headers> = async () => () => ({}),
  total = 10_000,
) {
  const server = await startMockServer({ ...options, rateLimit: false });
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const path = new URL(server.url).pathname + snapshotsPath();
  const nextHeaders = await headersFor(server.url + snapshotsPath());
  const one = () =>
    new Promise<number>((resolve, reject) => {
      get({ host: "127.0.0.1", port: server.port, path, agent, headers: nextHeaders() }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      }).on("error", reject);
    });
  let sent = 0;
  let ok = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (sent < total) {
        sent++;
        if ((await one()) === 200) ok++;
      }
    }),
  );
  const rps = Math.round(total / ((performance.now() - started) / 1000));
  agent.destroy();
  await server.close();
  console.log(`[throughput] ${label}: ${rps} requests/s (${total} requests, 32 keep-alive connections)`);
  return { rps, ok };
}

describe("HTTP server throughput", () => {
  it("answers thousands of requests per second (30-snapshot pages, auth off)", async () => {
    const { rps, ok } = await measure("auth off", { auth: "off" });
    expect(ok).toBe(10_000);
    expect(rps).toBeGreaterThan(500);
  });

  it("holds up with Digest verified on every request (one nonce, rising nc)", async () => {
    const digest = async (url: string) => {
      const nonce = await fetchNonce(url);
      const uri = new URL(url).pathname;
      let nc = 0;
      return () => ({ Authorization: digestAuthorization({ ...DEFAULT_MOCK_CREDENTIALS, nonce, uri, nc: ++nc }) });
    };
    const { rps, ok } = await measure("Digest MD5", { nonceTtlMs: 600_000 }, digest);
    expect(ok).toBe(10_000);
    expect(rps).toBeGreaterThan(500);
  });
});

// Many requests over a pool of keep-alive connections: every reply is a whole,
// well-formed page, none is lost, and the server still serves afterwards. How
// fast it answers is measured by `pnpm bench`, never asserted here: a loaded
// machine must not fail a correct server.
import { Agent, get } from "node:http";
import { describe, expect, it } from "vitest";
import { DEFAULT_MOCK_CREDENTIALS } from "../src/index.js";
import { startMockServer } from "../src/server.js";
import { digestAuthorization, fetchNonce } from "./helpers/digest-client.js";
import { snapshotsPath } from "./helpers/fixtures.js";

type Headers = Record<string, string>;
const CONNECTIONS = 32;
const TOTAL = 4_000;

interface Reply {
  status: number;
  body: string;
}

async function drive(
  options: Parameters<typeof startMockServer>[0],
  headersFor: (url: string) => Promise<() => Headers> = async () => () => ({}),
) {
  const server = await startMockServer({ ...options, rateLimit: false });
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const path = new URL(server.url).pathname + snapshotsPath();
  const nextHeaders = await headersFor(server.url + snapshotsPath());
  const one = () =>
    new Promise<Reply>((resolve, reject) => {
      get({ host: "127.0.0.1", port: server.port, path, agent, headers: nextHeaders() }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      }).on("error", reject);
    });
  const replies: Reply[] = [];
  let sent = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (sent < TOTAL) {
        sent++;
        replies.push(await one());
      }
    }),
  );
  agent.destroy();
  const after = await fetch(server.url + snapshotsPath(), { headers: nextHeaders() });
  await server.close();
  return { replies, after: after.status };
}

function expectWholePages(replies: Reply[]) {
  expect(replies).toHaveLength(TOTAL);
  const statuses = new Map<number, number>();
  for (const { status } of replies) statuses.set(status, (statuses.get(status) ?? 0) + 1);
  expect(Object.fromEntries(statuses)).toEqual({ 200: TOTAL });
  // Every body parses and is the same first page: nothing cut short or mixed up.
  const first = replies[0]?.body;
  expect((JSON.parse(first ?? "") as { results: unknown[] }).results.length).toBeGreaterThan(0);
  expect(replies.filter((r) => r.body !== first)).toEqual([]);
}

describe(`HTTP server under ${TOTAL} requests on ${CONNECTIONS} keep-alive connections`, () => {
  it("answers every one with a whole page, auth off", async () => {
    const { replies, after } = await drive({ auth: "off" });
    expectWholePages(replies);
    expect(after).toBe(200);
  }, 180_000);

  it("answers every one with a whole page with Digest verified on each (one nonce, rising nc)", async () => {
    const digest = async (url: string) => {
      const nonce = await fetchNonce(url);
      const uri = new URL(url).pathname;
      let nc = 0;
      return () => ({ Authorization: digestAuthorization({ ...DEFAULT_MOCK_CREDENTIALS, nonce, uri, nc: ++nc }) });
    };
    const { replies, after } = await drive({ nonceTtlMs: 600_000 }, digest);
    expectWholePages(replies);
    expect(after).toBe(200);
  }, 180_000);
});

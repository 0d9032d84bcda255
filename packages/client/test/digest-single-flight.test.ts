// One challenge for many concurrent calls, also after a failed first contact:
// request counts, never timing. (After an expired nonce, calls already sent
// each get their own stale 401, which no client can avoid; calls that start
// later use the new nonce at once: digest-fetch.test.ts.)
import { describe, expect, it } from "vitest";
import { createDigestFetch } from "../src/digest.js";
import { createDigestServer } from "./helpers/digest-server.js";
import { SNAPSHOTS_URL } from "./helpers/snapshots.js";

const alice = { username: "alice", password: "s3cret" };
const CALLS = 200;
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe("single-flight challenges", () => {
  it("costs about one request per call when the first contact fails (not two per waiting call)", async () => {
    const server = createDigestServer({ qop: "auth" });
    let attempts = 0;
    const fetch = createDigestFetch({
      ...alice,
      fetch: async (input, init) => {
        // The very first attempt dies on the way (a reset), after the others queued behind it.
        if (++attempts === 1) {
          await turns(3);
          throw new TypeError("fetch failed");
        }
        return server.fetch(input, init);
      },
    });
    const results = await Promise.allSettled(Array.from({ length: CALLS }, () => fetch(SNAPSHOTS_URL)));
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
    expect(results.filter((r) => r.status === "fulfilled" && r.value.status === 200)).toHaveLength(CALLS - 1);
    // One challenge, then one request per remaining call: 1 + 199 = 200 (it was 398).
    expect(server.state.requests).toHaveLength(CALLS);
  });
});

describe("a 401 after a redirect to another origin", () => {
  it("says so, instead of blaming the keys", async () => {
    const fetch = createDigestFetch({
      ...alice,
      fetch: async () => {
        const response = new Response("{}", {
          status: 401,
          headers: { "www-authenticate": 'Digest realm="x", nonce="n", qop="auth"' },
        });
        Object.defineProperty(response, "redirected", { value: true });
        return Object.defineProperty(response, "url", { value: "https://elsewhere.test/login" });
      },
    });
    const error = await fetch(SNAPSHOTS_URL).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/redirected to https:\/\/elsewhere\.test/);
    expect((error as Error).message).not.toMatch(/check publicKey and privateKey/);
  });
});

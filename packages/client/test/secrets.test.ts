import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createDigestFetch } from "../src/digest.js";
import { type AtlasClientOptions, createAtlasClient, type Logger } from "../src/index.js";
import { createDigestServer, type DigestServerOptions } from "./helpers/digest-server.js";
import { BASE_URL, CLUSTER, GROUP_ID, SNAPSHOTS_URL } from "./helpers/snapshots.js";

const PUBLIC_KEY = "pub-alice";
const PRIVATE_KEY = "priv-5ecr3t-7c1e0a94-b2d8-4f0e-9b1a-CANARY";
const target = { groupId: GROUP_ID, clusterName: CLUSTER };

/** Every form the key could take in text: as is, JSON-escaped, URL-encoded, base64, or a long piece of it. */
function findKey(text: string): string | undefined {
  const forms = [
    PRIVATE_KEY,
    encodeURIComponent(PRIVATE_KEY),
    btoa(PRIVATE_KEY),
    PRIVATE_KEY.slice(5, 20),
    PRIVATE_KEY.slice(-20),
  ];
  return forms.find((form) => text.includes(form));
}

/** All the ways an error or object gets turned into text by people and tools. */
function renderings(value: unknown): string[] {
  const out = [inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true })];
  try {
    out.push(JSON.stringify(value) ?? "");
  } catch (error) {
    out.push(String(error));
  }
  if (value instanceof Error)
    out.push(String(value), value.message, value.stack ?? "", inspect(value.cause, { depth: 10 }));
  return out;
}

function leaks(value: unknown): string[] {
  return renderings(value).filter((text) => findKey(text) !== undefined);
}

const logged: string[] = [];
const logger: Logger = Object.fromEntries(
  (["debug", "info", "warn", "error"] as const).map((level) => [
    level,
    (...args: unknown[]) => logged.push(`${level} ${inspect(args, { depth: 10 })} ${JSON.stringify(args)}`),
  ]),
);

function client(fetch: AtlasClientOptions["fetch"], options: Partial<AtlasClientOptions> = {}) {
  return createAtlasClient({
    publicKey: PUBLIC_KEY,
    privateKey: PRIVATE_KEY,
    baseUrl: BASE_URL,
    fetch,
    logger,
    maxRetries: 1,
    retry: { baseDelayMs: 1, maxDelayMs: 1 },
    ...options,
  });
}

function server(options: DigestServerOptions = {}) {
  return createDigestServer({ users: { [PUBLIC_KEY]: PRIVATE_KEY }, qop: "auth", ...options });
}

/** A server that verifies Digest, then answers `status` with an Atlas error body. */
function failingWith(status: number, headers: Record<string, string> = {}) {
  return server({
    handler: () =>
      Response.json(
        { error: status, errorCode: `CODE_${status}`, detail: `detail ${status}`, parameters: [GROUP_ID] },
        { status, headers },
      ),
  });
}

async function caught(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("the private key never leaks", () => {
  it("the search would catch a leak (the test can fail)", () => {
    expect(leaks({ headers: { authorization: `Basic ${btoa(PRIVATE_KEY)}` } })).not.toEqual([]);
    expect(leaks(new Error(`bad key ${PRIVATE_KEY}`))).not.toEqual([]);
    expect(leaks(Object.assign(new Error("quiet"), { options: { privateKey: PRIVATE_KEY } }))).not.toEqual([]);
    expect(leaks(new Error("quiet", { cause: { password: PRIVATE_KEY } }))).not.toEqual([]);
    expect(findKey(`...${PRIVATE_KEY.slice(0, 30)}...`)).toBeDefined();
    expect(leaks(new Error("fine"))).toEqual([]);
  });

  it("in any error, on every error path, in the client object and in any log line", async () => {
    const errors: unknown[] = [];
    const push = async (run: () => unknown) => errors.push(await caught(run));

    for (const status of [400, 401, 403, 404, 409, 429, 500, 502, 503, 504]) {
      await push(() => client(failingWith(status, { "retry-after": "0" }).fetch).listTenantSnapshots(target));
    }
    // Wrong keys (the key is right here but the server knows another), a stale loop.
    const other = createDigestServer({ users: { [PUBLIC_KEY]: "something-else" }, qop: "auth" });
    await push(() => client(other.fetch).listTenantSnapshots(target));
    const stale = server();
    await push(() => client(stale.alwaysStale()).listTenantSnapshots(target));
    // Connection error and timeout after credentials were computed.
    const s1 = server();
    let n1 = 0;
    await push(() =>
      client(async (input, init) => {
        if (n1++ === 0) return s1.fetch(input, init);
        throw new TypeError("fetch failed", { cause: new Error("ECONNRESET") });
      }).listTenantSnapshots(target),
    );
    const s2 = server();
    let n2 = 0;
    await push(() =>
      client(
        (input, init) => {
          const request = new Request(input, init);
          if (n2++ === 0) return s2.fetch(request);
          return new Promise((_, reject) =>
            request.signal.addEventListener("abort", () => reject(request.signal.reason)),
          );
        },
        { timeoutMs: 20 },
      ).listTenantSnapshots(target),
    );
    // Abort from the caller during a request and during a backoff.
    const s3 = failingWith(503, { "retry-after": "5" });
    await push(() => client(s3.fetch).listTenantSnapshots({ ...target, signal: AbortSignal.timeout(30) }));
    // Validation, including of the options that hold the key.
    await push(() => client(server().fetch).listTenantSnapshots({ ...target, groupId: "nope" }));
    await push(() => createAtlasClient({ publicKey: "", privateKey: PRIVATE_KEY }));
    await push(() => createAtlasClient({ publicKey: PUBLIC_KEY, privateKey: 42 as unknown as string }));
    // Envelope, paging, and the bare Digest wrapper.
    const s4 = server({
      handler: () => Response.json({ status: 404, content: { error: 404, errorCode: "GROUP_NOT_FOUND" } }),
    });
    await push(() => client(s4.fetch).listTenantSnapshots({ ...target, envelope: true }));
    let page = 0;
    const s5 = server({
      handler: () =>
        ++page === 1
          ? Response.json({ results: [{ id: "a".repeat(24) }], totalCount: 300 })
          : Response.json({ error: 500, errorCode: "UNEXPECTED_ERROR" }, { status: 500 }),
    });
    await push(() => client(s5.fetch).listAllTenantSnapshots({ ...target, itemsPerPage: 1 }));
    await push(async () => {
      const r = await createDigestFetch({ username: PUBLIC_KEY, password: PRIVATE_KEY, fetch: other.fetch, logger })(
        SNAPSHOTS_URL,
      );
      return r;
    });

    // Every path was really taken.
    const names = new Set(errors.map((e) => (e as Error).name));
    for (const name of [
      "AtlasBadRequestError",
      "AtlasAuthenticationError",
      "AtlasPermissionError",
      "AtlasNotFoundError",
      "AtlasApiError",
      "AtlasRateLimitError",
      "AtlasServerError",
      "AtlasConnectionError",
      "AtlasTimeoutError",
      "AtlasValidationError",
      "TimeoutError",
    ]) {
      expect(names, name).toContain(name);
    }
    expect(logged.some((line) => line.startsWith("warn"))).toBe(true);
    expect(logged.some((line) => line.startsWith("debug"))).toBe(true);
    // The credentials were used: Digest answers were accepted by a verifying server.
    expect(s5.state.requests.length).toBeGreaterThan(1);
    expect(s5.state.refusals).toEqual([]);

    for (const error of errors) expect(leaks(error), inspect(error)).toEqual([]);
    expect(logged.filter((line) => findKey(line))).toEqual([]);
    const atlas = client(server().fetch);
    await atlas.listTenantSnapshots(target);
    expect(leaks(atlas)).toEqual([]);
    expect(leaks(createDigestFetch({ username: PUBLIC_KEY, password: PRIVATE_KEY }))).toEqual([]);
    // Digest never sends the key itself.
    expect(s5.state.requests.map((r) => r.headers.get("authorization") ?? "").filter((h) => findKey(h))).toEqual([]);
  });
});

import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  AtlasApiError,
  type AtlasClientOptions,
  AtlasConnectionError,
  AtlasRateLimitError,
  AtlasServerError,
  AtlasTimeoutError,
  createAtlasClient,
} from "../src/index.js";
import { hangingFetch, type Step, scriptedFetch } from "./helpers/scripted-fetch.js";
import { BASE_URL, CLUSTER, GROUP_ID } from "./helpers/snapshots.js";

const target = { groupId: GROUP_ID, clusterName: CLUSTER };
const fast = { baseDelayMs: 1, maxDelayMs: 2 };

function client(fetch: AtlasClientOptions["fetch"], options: Partial<AtlasClientOptions> = {}) {
  return createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: BASE_URL, fetch, retry: fast, ...options });
}

afterEach(() => {
  vi.useRealTimers();
});

describe("retries", () => {
  it.each([408, 429, 500, 502, 503, 504])("retries %i and then succeeds", async (status) => {
    const fetch = scriptedFetch(status, 200);
    const page = await client(fetch).listTenantSnapshots(target);
    expect(page).toEqual({ results: [], totalCount: 0 });
    expect(fetch.calls).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 409, 501])("does not retry %i", async (status) => {
    const fetch = scriptedFetch(status, 200);
    const error = await client(fetch)
      .listTenantSnapshots(target)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasApiError);
    expect(error).toMatchObject({ status, errorCode: `E${status}` });
    expect(fetch.calls).toHaveLength(1);
  });

  it.each([0, 1, 2, 5])("makes 1 + maxRetries (%i) attempts, then throws the last error", async (maxRetries) => {
    const fetch = scriptedFetch(503);
    const error = await client(fetch, { maxRetries })
      .listTenantSnapshots(target)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasServerError);
    expect(fetch.calls).toHaveLength(1 + maxRetries);
  });

  it("retries 2 times by default", async () => {
    const fetch = scriptedFetch(500);
    await expect(client(fetch).listTenantSnapshots(target)).rejects.toBeInstanceOf(AtlasServerError);
    expect(fetch.calls).toHaveLength(3);
  });

  it("retries connection errors and then throws AtlasConnectionError with the cause", async () => {
    const cause = new TypeError("fetch failed");
    const recovering = scriptedFetch(cause, cause, 200);
    await expect(client(recovering).listTenantSnapshots(target)).resolves.toBeDefined();
    expect(recovering.calls).toHaveLength(3);

    const failing = scriptedFetch(cause);
    const error = await client(failing)
      .listTenantSnapshots(target)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasConnectionError);
    expect((error as Error).cause).toBe(cause);
    expect((error as Error).message).toMatch(
      /Could not reach https:\/\/atlas\.test for GET \/api\/atlas.*fetch failed/,
    );
    expect(failing.calls).toHaveLength(3);
  });

  it("backs off exponentially with jitter, capped, and logs each retry", async () => {
    const warnings: Record<string, unknown>[] = [];
    const fetch = scriptedFetch(503);
    const atlas = client(fetch, {
      maxRetries: 4,
      retry: { baseDelayMs: 8, maxDelayMs: 20 },
      logger: { warn: (_m, meta) => warnings.push(meta ?? {}) },
    });
    await expect(atlas.listTenantSnapshots(target)).rejects.toBeInstanceOf(AtlasServerError);
    // Besides the retries, the logger hears once that the endpoint is deprecated.
    const delays = warnings.filter((w) => "delayMs" in w).map((w) => w.delayMs as number);
    expect(delays).toHaveLength(4);
    expect(warnings.filter((w) => "successor" in w)).toHaveLength(1);
    // 8, 16, 32→20, 64→20, each minus up to 25% jitter.
    [8, 16, 20, 20].forEach((max, i) => {
      expect(delays[i]).toBeGreaterThanOrEqual(max * 0.75);
      expect(delays[i]).toBeLessThanOrEqual(max);
    });
  });

  it("waits Retry-After seconds", async () => {
    vi.useFakeTimers();
    const fetch = scriptedFetch({ status: 429, headers: { "retry-after": "3" } }, 200);
    const result = client(fetch).listTenantSnapshots(target);
    await vi.advanceTimersByTimeAsync(2_900);
    expect(fetch.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(fetch.calls).toHaveLength(2);
    await expect(result).resolves.toBeDefined();
  });

  it("waits until a Retry-After HTTP date", async () => {
    vi.useFakeTimers({ now: Date.UTC(2025, 0, 1, 12, 0, 0) });
    const at = new Date(Date.UTC(2025, 0, 1, 12, 0, 5)).toUTCString();
    const fetch = scriptedFetch({ status: 503, headers: { "retry-after": at } }, 200);
    const result = client(fetch).listTenantSnapshots(target);
    await vi.advanceTimersByTimeAsync(4_900);
    expect(fetch.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(fetch.calls).toHaveLength(2);
    await expect(result).resolves.toBeDefined();
  });

  it("caps Retry-After at maxRetryAfterMs", async () => {
    vi.useFakeTimers();
    const fetch = scriptedFetch({ status: 429, headers: { "retry-after": "3600" } }, 200);
    const result = client(fetch, { retry: { ...fast, maxRetryAfterMs: 1_000 } }).listTenantSnapshots(target);
    await vi.advanceTimersByTimeAsync(1_001);
    expect(fetch.calls).toHaveLength(2);
    await expect(result).resolves.toBeDefined();
  });

  it("reports retryAfter (ms) on the AtlasRateLimitError once retries run out", async () => {
    const fetch = scriptedFetch({
      status: 429,
      headers: { "retry-after": "0" },
      body: { error: 429, errorCode: "RATE_LIMITED" },
    });
    const error = await client(fetch, { maxRetries: 1 })
      .listTenantSnapshots(target)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasRateLimitError);
    expect(error).toMatchObject({ retryAfter: 0, errorCode: "RATE_LIMITED" });
    expect(fetch.calls).toHaveLength(2);
  });
});

describe("timeouts and aborts", () => {
  it("throws AtlasTimeoutError after timeoutMs, retrying first", async () => {
    const fetch = hangingFetch();
    const error = await client(fetch, { timeoutMs: 20, maxRetries: 1 })
      .listTenantSnapshots(target)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasTimeoutError);
    expect(error).toBeInstanceOf(AtlasConnectionError);
    expect((error as Error).message).toMatch(/No answer within 20 ms/);
    expect(fetch.calls).toHaveLength(2);
  });

  it("times out a body that never finishes", async () => {
    const fetch = scriptedFetch(
      (request) =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"results":['));
              request.signal.addEventListener("abort", () => controller.error(request.signal.reason));
            },
          }),
        ),
    );
    const error = await client(fetch, { timeoutMs: 30, maxRetries: 0 })
      .listTenantSnapshots(target)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasTimeoutError);
  });

  it.each<
    [string, (c: AbortController) => Partial<AtlasClientOptions>, (c: AbortController) => AbortSignal | undefined]
  >([
    ["the client's signal", (c) => ({ signal: c.signal }), () => undefined],
    ["the call's signal", () => ({}), (c) => c.signal],
  ])("aborts a request in flight with %s, without retrying", async (_, clientOptions, callSignal) => {
    const controller = new AbortController();
    const fetch = hangingFetch();
    const result = client(fetch, clientOptions(controller)).listTenantSnapshots({
      ...target,
      signal: callSignal(controller),
    });
    setTimeout(() => controller.abort(), 10);
    const error = await result.catch((e: unknown) => e);
    expect((error as Error).name).toBe("AbortError");
    expect(fetch.calls).toHaveLength(1);
  });

  it.each<
    [string, (c: AbortController) => Partial<AtlasClientOptions>, (c: AbortController) => AbortSignal | undefined]
  >([
    ["the client's signal", (c) => ({ signal: c.signal }), () => undefined],
    ["the call's signal", () => ({}), (c) => c.signal],
    ["the call's signal beside the client's", () => ({ signal: new AbortController().signal }), (c) => c.signal],
  ])("aborts during a backoff sleep with %s", async (_, clientOptions, callSignal) => {
    // The clock is fake and never reaches the end of the 30 s backoff: only the
    // abort can settle the call, so a sleep that ignored it would hang this test.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const controller = new AbortController();
    const fetch = scriptedFetch({ status: 503, headers: { "retry-after": "30" } }, 200);
    const result = client(fetch, clientOptions(controller))
      .listTenantSnapshots({ ...target, signal: callSignal(controller) })
      .then(
        () => "resolved",
        (error: unknown) => error,
      );
    await vi.advanceTimersByTimeAsync(1_000); // one second into the backoff
    expect(fetch.calls).toHaveLength(1);
    controller.abort(new Error("stop now"));
    expect(await result).toMatchObject({ message: "stop now" });
    expect(fetch.calls).toHaveLength(1);
  });

  it("leaves no listener on the client's signal after calls, retries and timeouts", async () => {
    const controller = new AbortController();
    const atlas = client(scriptedFetch(503, 200, 200), { signal: controller.signal });
    await atlas.listTenantSnapshots(target);
    await atlas.listTenantSnapshots(target);
    await expect(
      client(hangingFetch(), { signal: controller.signal, timeoutMs: 5, maxRetries: 0 }).listTenantSnapshots(target),
    ).rejects.toBeInstanceOf(AtlasTimeoutError);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("sends nothing when the signal is already aborted", async () => {
    const fetch = scriptedFetch(200);
    await expect(client(fetch, { signal: AbortSignal.abort() }).listTenantSnapshots(target)).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(fetch.calls).toHaveLength(0);
  });

  it("aborts paging with the call's signal", async () => {
    const controller = new AbortController();
    const fetch = hangingFetch();
    const atlas = client(fetch);
    const all = atlas.listAllTenantSnapshots({ ...target, signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(all).rejects.toMatchObject({ name: "AbortError" });
  });
});

// Steps used above must be valid; a typo in the helper would make every test pass vacuously.
it("scriptedFetch plays its steps in order", async () => {
  const steps: Step[] = [503, 200];
  const fetch = scriptedFetch(...steps);
  expect((await fetch("https://x.test/")).status).toBe(503);
  expect((await fetch("https://x.test/")).status).toBe(200);
  expect((await fetch("https://x.test/")).status).toBe(200);
});

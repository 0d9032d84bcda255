// The body read: capped (counted as it streams, so an endless body stops) and
// cut by the attempt's own signal, even when the fetch below ignores it.
import { describe, expect, it } from "vitest";
import {
  AtlasResponseTooLargeError,
  AtlasTimeoutError,
  AtlasValidationError,
  createAtlasClient,
  type FetchLike,
} from "../src/index.js";
import { BASE_URL, CLUSTER, GROUP_ID } from "./helpers/snapshots.js";

const target = { groupId: GROUP_ID, clusterName: CLUSTER };
const MiB = 1024 * 1024;

/** A 200 whose body starts a page and then streams `chunk` forever (or until cancelled). */
function endlessFetch(state: { pulled: number; cancelled: boolean }): FetchLike {
  const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
  return async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"results":[],"padding":"'));
        },
        pull(controller) {
          state.pulled += chunk.byteLength;
          controller.enqueue(chunk);
        },
        cancel() {
          state.cancelled = true;
        },
      }),
      { status: 200, headers: { "content-type": "application/json" } },
    );
}

/** A 200 whose body sends one byte and then nothing, and which ignores every abort signal. */
const stalledFetch: FetchLike = async () =>
  new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("{"));
      },
    }),
    { status: 200 },
  );

const client = (fetch: FetchLike, extra: object = {}) =>
  createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: BASE_URL, fetch, maxRetries: 0, ...extra });

describe("maxResponseBytes", () => {
  it("stops an endless body at the default cap (4 MiB) with AtlasResponseTooLargeError naming the option", async () => {
    const state = { pulled: 0, cancelled: false };
    const error = await client(endlessFetch(state))
      .listTenantSnapshots(target)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasResponseTooLargeError);
    expect(error).toMatchObject({ maxBytes: 4 * MiB });
    expect((error as Error).message).toMatch(/larger than 4194304 bytes \(the client's maxResponseBytes\)/);
    expect((error as Error).message).toContain("raise maxResponseBytes");
    expect((error as Error).message).toContain(`GET /api/atlas/v1.0/groups/${GROUP_ID}/clusters/${CLUSTER}`);
    // Stopped while streaming: the stream was cancelled, not read to the end (it has none).
    expect(state.cancelled).toBe(true);
  });

  it("takes a smaller or larger cap: a body just under it passes, one byte over fails", async () => {
    const body = JSON.stringify({ results: [], padding: "x".repeat(1000) });
    const fetch: FetchLike = async () => new Response(body, { status: 200 });
    await expect(client(fetch, { maxResponseBytes: body.length }).listTenantSnapshots(target)).resolves.toMatchObject({
      results: [],
    });
    await expect(client(fetch, { maxResponseBytes: body.length - 1 }).listTenantSnapshots(target)).rejects.toThrow(
      AtlasResponseTooLargeError,
    );
  });

  it("is not retried: the same reply would be as large again", async () => {
    let calls = 0;
    const fetch: FetchLike = async () => {
      calls++;
      return new Response("x".repeat(100), { status: 503 });
    };
    await expect(
      client(fetch, { maxResponseBytes: 10, maxRetries: 3, retry: { baseDelayMs: 1 } }).listTenantSnapshots(target),
    ).rejects.toThrow(AtlasResponseTooLargeError);
    expect(calls).toBe(4); // the 503s are retried as usual; the last one's body is too large
  });

  it.each([0, -1, 1.5, "4MiB", Number.NaN])("refuses maxResponseBytes %s before any request", (value) => {
    expect(() => client(stalledFetch, { maxResponseBytes: value })).toThrow(AtlasValidationError);
    expect(() => client(stalledFetch, { maxResponseBytes: value })).toThrow(/maxResponseBytes.*whole number of bytes/);
  });
});

describe("the body read under the attempt's signal", () => {
  it("times out a stalled body even when the fetch below ignores every signal", { timeout: 30_000 }, async () => {
    await expect(client(stalledFetch, { timeoutMs: 50 }).listTenantSnapshots(target)).rejects.toThrow(
      AtlasTimeoutError,
    );
  });

  it("aborts a stalled body with the caller's signal", { timeout: 30_000 }, async () => {
    const controller = new AbortController();
    const call = client(stalledFetch).listTenantSnapshots({ ...target, signal: controller.signal });
    setTimeout(() => controller.abort(new Error("stop")), 20);
    await expect(call).rejects.toThrow("stop");
  });
});

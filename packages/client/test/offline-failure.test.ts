// No reply may mean the network is gone, and then a browser cannot load a chunk either:
// retries, backoff and the connection error must need nothing loaded lazily. errors.ts
// (loaded on the first failure that comes with a reply) is made unloadable here, as it
// would be for a page that went offline mid-listing.
import { describe, expect, it, vi } from "vitest";
import { AtlasConnectionError, AtlasTimeoutError } from "../src/atlas-error.js";
import { createAtlasClient } from "../src/create-atlas-client.js";
import { hangingFetch, scriptedFetch } from "./helpers/scripted-fetch.js";
import { BASE_URL, CLUSTER, GROUP_ID } from "./helpers/snapshots.js";

vi.mock("../src/errors.js", () => {
  throw new Error("offline: errors.js cannot be loaded");
});

const target = { groupId: GROUP_ID, clusterName: CLUSTER };
const fast = { baseDelayMs: 1, maxDelayMs: 2 };

describe("failures without a reply, with nothing more loadable", () => {
  it("retries a connection error, then throws AtlasConnectionError, the deprecation notice staying out of it", async () => {
    const warnings: string[] = [];
    const fetch = scriptedFetch(new TypeError("fetch failed"));
    const atlas = createAtlasClient({
      publicKey: "p",
      privateKey: "k",
      baseUrl: BASE_URL,
      fetch,
      maxRetries: 2,
      retry: fast,
      logger: { warn: (message) => warnings.push(message) },
    });
    const error = await atlas.listTenantSnapshots(target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasConnectionError);
    expect((error as Error).message).toContain("fetch failed");
    expect(fetch.calls).toHaveLength(3);
    expect(warnings.filter((w) => w.startsWith("Retrying"))).toHaveLength(2);
  });

  it("retries a timeout, then throws AtlasTimeoutError", async () => {
    const fetch = hangingFetch();
    const atlas = createAtlasClient({
      publicKey: "p",
      privateKey: "k",
      baseUrl: BASE_URL,
      fetch,
      maxRetries: 1,
      timeoutMs: 20,
      retry: fast,
    });
    await expect(atlas.listTenantSnapshots(target)).rejects.toBeInstanceOf(AtlasTimeoutError);
    expect(fetch.calls).toHaveLength(2);
  });

  it("would fail on a failure with a reply: errors.ts really is unloadable here", async () => {
    const atlas = createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: BASE_URL, fetch: scriptedFetch(404) });
    await expect(atlas.listTenantSnapshots(target)).rejects.toThrow(/error when mocking a module/);
  });
});

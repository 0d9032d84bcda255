// atlas.GET checks its path and its query each on its own, and refuses names
// the operation does not have: nothing is sent for either.
import { SNAPSHOTS_PATH } from "@atlas-snapshots/types";
import { describe, expect, it } from "vitest";
import { AtlasValidationError, createAtlasClient } from "../src/index.js";
import { scriptedFetch } from "./helpers/scripted-fetch.js";
import { BASE_URL, GROUP_ID } from "./helpers/snapshots.js";

function setup() {
  const fetch = scriptedFetch(200);
  const atlas = createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: BASE_URL, fetch });
  return { fetch, atlas };
}

describe("atlas.GET validation", () => {
  it("refuses a bad path value even when the query repeats its name with a good one", async () => {
    const { fetch, atlas } = setup();
    const call = atlas.GET(SNAPSHOTS_PATH, {
      // biome-ignore lint/suspicious/noExplicitAny: the attack does not type-check
      params: { path: { groupId: "..", clusterName: "M2AWS" }, query: { groupId: GROUP_ID } as any },
    });
    await expect(call).rejects.toThrow(AtlasValidationError);
    await expect(call).rejects.toThrow(/groupId/);
    expect(fetch.calls).toHaveLength(0);
  });

  it.each([
    [{ "x&y": "1=2" }, "x&y"],
    [{ groupId: GROUP_ID }, "groupId"],
    [{ constructor: "1" }, "constructor"],
  ])("refuses the unknown query key in %j (openapi-fetch would send it unencoded)", async (query, name) => {
    const { fetch, atlas } = setup();
    const call = atlas.GET(SNAPSHOTS_PATH, {
      // biome-ignore lint/suspicious/noExplicitAny: unknown keys do not type-check
      params: { path: { groupId: GROUP_ID, clusterName: "M2AWS" }, query: query as any },
    });
    await expect(call).rejects.toMatchObject({ name: "AtlasValidationError", argument: name });
    expect(fetch.calls).toHaveLength(0);
  });

  it("still sends a valid call with every known query parameter", async () => {
    const { fetch, atlas } = setup();
    const { response } = await atlas.GET(SNAPSHOTS_PATH, {
      params: {
        path: { groupId: GROUP_ID, clusterName: "M2AWS" },
        query: { pageNum: 2, itemsPerPage: 5, includeCount: false, pretty: true, envelope: false },
      },
    });
    expect(response.status).toBe(200);
    expect(fetch.calls).toHaveLength(1);
  });
});

describe("timeoutMs rule", () => {
  it("states the real range, so a value that is too long is not reported as too small", () => {
    expect(() => createAtlasClient({ publicKey: "p", privateKey: "k", timeoutMs: 2_160_000_000 })).toThrow(
      /Invalid timeoutMs 2160000000: must be a whole number of milliseconds from 1 to 2147483647/,
    );
  });
});

describe("baseUrl with user:password@", () => {
  it("is refused before any request, and the message never echoes the credentials", () => {
    const error = (() => {
      try {
        createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: "https://alice:hunter2secret@atlas.test/api" });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(AtlasValidationError);
    expect(error?.message).toMatch(/baseUrl.*without user:password@/);
    expect(JSON.stringify(error)).not.toContain("hunter2secret");
    expect(error?.message).not.toContain("hunter2secret");
    expect(error?.message).not.toContain("alice");
  });
});

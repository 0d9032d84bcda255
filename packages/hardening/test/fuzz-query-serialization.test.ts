// Generated valid parameters go out as a URL whose path and parsed query equal the inputs.
import { createAtlasClient } from "@atlas-snapshots/client";
import { ITEMS_PER_PAGE_MAX, SNAPSHOTS_PATH } from "@atlas-snapshots/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recordingFetch } from "./helpers/recording-fetch.js";

const SEEDS = [3, 77, 31337];
const params = fc.record(
  {
    groupId: fc.stringMatching(/^[a-f0-9]{24}$/),
    clusterName: fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9-]{0,63}$/),
    pageNum: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.constant(Number.MAX_SAFE_INTEGER)),
    itemsPerPage: fc.integer({ min: 1, max: ITEMS_PER_PAGE_MAX }),
    includeCount: fc.boolean(),
    pretty: fc.boolean(),
    envelope: fc.boolean(),
  },
  { requiredKeys: ["groupId", "clusterName"] },
);
const baseUrl = fc.constantFrom(
  "https://cloud.mongodb.com/api/atlas/v1.0",
  "https://cloud.mongodb.com/api/atlas/v1.0/",
  "http://127.0.0.1:8080/api/atlas/v1.0",
  "http://[::1]:9/prefix/with%20space",
  "https://cloud.mongodb.com",
  "http://127.0.0.1:8080/",
);

const QUERY_KEYS = ["pageNum", "itemsPerPage", "includeCount", "pretty", "envelope"] as const;

/** The base URL names a host (and maybe a path in front); the old form already ends in the API's base path. */
function expectedPath(base: string, groupId: string, clusterName: string): string {
  const path = new URL(base).pathname.replace(/\/$/, "");
  const basePath = path.endsWith("/api/atlas/v1.0") ? path : `${path}/api/atlas/v1.0`;
  return basePath + SNAPSHOTS_PATH.replace("{groupId}", groupId).replace("{clusterName}", clusterName);
}

function queryOf(url: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of new URL(url).searchParams) {
    out[k] ??= [];
    out[k].push(v);
  }
  return out;
}

describe("query serialization", () => {
  for (const seed of SEEDS) {
    it(`listTenantSnapshots sends exactly the given parameters (seed ${seed})`, async () => {
      await fc.assert(
        fc.asyncProperty(baseUrl, params, async (base, p) => {
          const recorder = recordingFetch();
          const atlas = createAtlasClient({
            publicKey: "pub",
            privateKey: "priv",
            baseUrl: base,
            fetch: recorder.fetch,
          });
          await atlas.listTenantSnapshots(p);
          expect(recorder.requests).toHaveLength(1);
          const url = (recorder.requests[0] as Request).url;
          expect(new URL(url).pathname).toBe(expectedPath(base, p.groupId, p.clusterName));
          const want: Record<string, string[]> = {};
          for (const key of QUERY_KEYS) if (p[key] !== undefined) want[key] = [String(p[key])];
          expect(queryOf(url)).toEqual(want);
        }),
        { seed, numRuns: 150 },
      );
    });

    it(`atlas.GET sends the same URL as listTenantSnapshots (seed ${seed})`, async () => {
      await fc.assert(
        fc.asyncProperty(params, async ({ groupId, clusterName, ...query }) => {
          const recorder = recordingFetch();
          const atlas = createAtlasClient({ publicKey: "pub", privateKey: "priv", fetch: recorder.fetch });
          await atlas.GET(SNAPSHOTS_PATH, { params: { path: { groupId, clusterName }, query } });
          await atlas.listTenantSnapshots({ groupId, clusterName, ...query });
          const [viaGet, viaHelper] = recorder.requests.map((r) => r.url);
          expect(viaGet).toBe(viaHelper);
        }),
        { seed, numRuns: 100 },
      );
    });
  }
});

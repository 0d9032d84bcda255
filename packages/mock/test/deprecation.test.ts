// Deprecation and Sunset per operation, from the spec: the headers an operation's table entry
// gives, and none for an operation the spec does not mark deprecated (the table is replaced
// here by one where getSharedClusterBackup is not deprecated, as the Flex operations will be).
import { describe, expect, it, vi } from "vitest";
import { createAtlasCore } from "../src/atlas-mock.js";
import { deprecationHeaders } from "../src/deprecation.js";
import { DEFAULT_GROUP_ID, SEED_EXAMPLE_SNAPSHOT } from "../src/index.js";

vi.mock("@atlas-snapshots/types", async (importOriginal) => {
  const types = await importOriginal<typeof import("@atlas-snapshots/types")>();
  const { getSharedClusterBackup } = types.OPERATIONS;
  return {
    ...types,
    OPERATIONS: { ...types.OPERATIONS, getSharedClusterBackup: { ...getSharedClusterBackup, deprecation: null } },
  };
});

const BASE = "https://cloud.mongodb.com/api/atlas/v1.0";
const LIST = `${BASE}/groups/${DEFAULT_GROUP_ID}/clusters/M2AWS/backup/tenant/snapshots`;

describe("deprecation headers", () => {
  it("are Deprecation and Sunset for a deprecated operation, Deprecation alone without x-sunset, none otherwise", () => {
    expect(deprecationHeaders({ sunset: "2026-01-22" })).toEqual({
      Deprecation: "Sat, 1 Feb 2025 00:00:00 GMT",
      Sunset: "Thu, 22 Jan 2026 00:00:00 GMT",
    });
    expect(deprecationHeaders({ sunset: null })).toEqual({ Deprecation: "Sat, 1 Feb 2025 00:00:00 GMT" });
    expect(deprecationHeaders(null)).toEqual({});
  });

  it("are sent per operation: none for an operation the spec does not mark deprecated", async () => {
    const mock = createAtlasCore({ auth: "off" });
    const list = await mock.handle(new Request(LIST));
    const one = await mock.handle(new Request(`${LIST}/${SEED_EXAMPLE_SNAPSHOT.id}`));
    const missing = await mock.handle(new Request(`${LIST}/${"0".repeat(24)}`));
    expect([list.status, one.status, missing.status]).toEqual([200, 200, 404]);
    expect(list.headers.get("deprecation")).toBe("Sat, 1 Feb 2025 00:00:00 GMT");
    expect(list.headers.get("sunset")).toBe("Thu, 22 Jan 2026 00:00:00 GMT");
    for (const res of [one, missing]) {
      expect(res.headers.get("deprecation")).toBeNull();
      expect(res.headers.get("sunset")).toBeNull();
    }
  });
});

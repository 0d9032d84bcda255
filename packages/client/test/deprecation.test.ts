// The client tells its logger, once per client, that the endpoint is deprecated.
import { OPERATIONS, SUCCESSOR, SUNSET_DATE } from "@atlas-snapshots/types";
import { describe, expect, it } from "vitest";
import { AtlasAuthenticationError, createAtlasClient, type Logger } from "../src/index.js";
import { scriptedFetch } from "./helpers/scripted-fetch.js";
import { BASE_URL, CLUSTER, GROUP_ID } from "./helpers/snapshots.js";

const target = { groupId: GROUP_ID, clusterName: CLUSTER };

function recordingLogger() {
  const warnings: { message: string; meta?: Record<string, unknown> }[] = [];
  const logger: Logger = { warn: (message, meta) => warnings.push({ message, meta }) };
  return { logger, warnings };
}

describe("the deprecation notice", () => {
  it("warns once per client, naming the sunset date from the Sunset header and the successor", async () => {
    const { logger, warnings } = recordingLogger();
    const fetch = scriptedFetch({
      status: 200,
      headers: { Deprecation: "Mon, 5 Aug 2024 00:00:00 GMT", Sunset: "Thu, 1 Jul 2027 00:00:00 GMT" },
      body: { results: [], totalCount: 0 },
    });
    const atlas = createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: BASE_URL, fetch, logger });
    await atlas.listTenantSnapshots(target);
    await atlas.listTenantSnapshots(target);
    await atlas.GET("/groups/{groupId}/clusters/{clusterName}/backup/tenant/snapshots", {
      params: { path: target },
    });
    expect(fetch.calls).toHaveLength(3);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain("deprecated");
    expect(warnings[0]?.message).toContain("2027-07-01");
    expect(warnings[0]?.message).toContain(SUCCESSOR);
    expect(warnings[0]?.meta).toMatchObject({
      sunset: "2027-07-01",
      sunsetFrom: "Sunset header",
      deprecation: "2024-08-05",
    });

    // Another client warns again: the notice is per client, not per process.
    const second = recordingLogger();
    const other = createAtlasClient({
      publicKey: "p",
      privateKey: "k",
      baseUrl: BASE_URL,
      fetch,
      logger: second.logger,
    });
    await other.listTenantSnapshots(target);
    expect(second.warnings).toHaveLength(1);
  });

  it("warns with the spec's sunset date when the reply carries no Sunset, errors included", async () => {
    const { logger, warnings } = recordingLogger();
    const fetch = scriptedFetch({ status: 404, body: { error: 404, errorCode: "GROUP_NOT_FOUND" } });
    const atlas = createAtlasClient({
      publicKey: "p",
      privateKey: "k",
      baseUrl: BASE_URL,
      fetch,
      logger,
      maxRetries: 0,
    });
    await expect(atlas.listTenantSnapshots(target)).rejects.toMatchObject({ status: 404 });
    expect(SUNSET_DATE).toBe("2026-01-22");
    expect(warnings).toEqual([
      expect.objectContaining({ meta: expect.objectContaining({ sunset: SUNSET_DATE, sunsetFrom: "spec" }) }),
    ]);
    expect(warnings[0]?.message).toContain(`sunsets on ${SUNSET_DATE}`);
  });

  it("warns too when the only reply is a refused Digest challenge", async () => {
    const { logger, warnings } = recordingLogger();
    const challenge =
      'Digest realm="MMS Public API", domain="", nonce="cqb42OksBJ8Mc7PHPckeu70AJ7SJudc6", algorithm=MD5, qop="auth", stale=false';
    const fetch = scriptedFetch({
      status: 401,
      headers: { "WWW-Authenticate": challenge },
      body: { error: 401, reason: "Unauthorized", detail: "You are not authorized for this resource." },
    });
    const atlas = createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: BASE_URL, fetch, logger });
    await expect(atlas.listTenantSnapshots(target)).rejects.toBeInstanceOf(AtlasAuthenticationError);
    expect(warnings.filter((w) => w.message.includes("deprecated"))).toHaveLength(1);
  });

  it("warns once per deprecated operation, each naming its own path, sunset and successor", async () => {
    const { logger, warnings } = recordingLogger();
    const snapshotId = "5cc310ace5dc7ce369814bc8";
    const fetch = scriptedFetch((request) =>
      Response.json(request.url.includes(snapshotId) ? { id: snapshotId } : { results: [], totalCount: 0 }),
    );
    const atlas = createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: BASE_URL, fetch, logger });
    await atlas.listTenantSnapshots(target);
    await atlas.getTenantSnapshot({ ...target, snapshotId });
    await atlas.listTenantSnapshots(target);
    await atlas.getTenantSnapshot({ ...target, snapshotId });
    expect(fetch.calls).toHaveLength(4);
    const list = OPERATIONS.listSharedClusterBackups;
    const get = OPERATIONS.getSharedClusterBackup;
    expect(warnings.map((w) => w.meta?.operationId)).toEqual(["listSharedClusterBackups", "getSharedClusterBackup"]);
    for (const [warning, op] of [
      [warnings[0], list],
      [warnings[1], get],
    ] as const) {
      expect(warning?.message).toContain(`deprecated ${op.method} ${op.path} (`);
      expect(warning?.message).toContain(`sunsets on ${op.deprecation.sunset}`);
      expect(warning?.meta).toMatchObject({ sunset: op.deprecation.sunset, successor: op.deprecation.successor });
    }
    // Each names its own successor, never the other's.
    expect(get.deprecation.successor).not.toBe(list.deprecation.successor);
    expect(warnings[0]?.message).toContain(`Its successor is ${list.deprecation.successor}.`);
    expect(warnings[1]?.message).toContain(`Its successor is ${get.deprecation.successor}.`);
  });

  it("stays quiet without a logger and never touches the reply", async () => {
    const fetch = scriptedFetch({ status: 200, headers: { Sunset: "not a date" }, body: { results: [{ id: "a" }] } });
    const atlas = createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: BASE_URL, fetch });
    await expect(atlas.listTenantSnapshots(target)).resolves.toEqual({ results: [{ id: "a" }] });
  });
});

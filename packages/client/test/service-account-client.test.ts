// createAtlasClient with a service account: the whole client (retries, paging,
// errors) over OAuth 2.0 client credentials, against a loopback token endpoint.
import { afterEach, describe, expect, it } from "vitest";
import { AtlasAuthenticationError, AtlasValidationError, createAtlasClient } from "../src/index.js";
import { startOAuthServer } from "./helpers/oauth-server.js";
import { CLUSTER, GROUP_ID } from "./helpers/snapshots.js";

const clientId = "mdb_sa_id_0123456789abcdef01234567";
const clientSecret = "mdb_sa_sk_client-level-secret";
const target = { groupId: GROUP_ID, clusterName: CLUSTER };

let server: Awaited<ReturnType<typeof startOAuthServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("createAtlasClient({ clientId, clientSecret })", () => {
  it("lists with one token request however many calls run at once, each with Bearer", async () => {
    server = await startOAuthServer({ clientId, clientSecret });
    const atlas = createAtlasClient({ clientId, clientSecret, baseUrl: server.url });
    const pages = await Promise.all(Array.from({ length: 20 }, () => atlas.listTenantSnapshots(target)));
    expect(pages.map((p) => p.totalCount)).toEqual(Array(20).fill(0));
    expect(server.tokenRequests).toHaveLength(1);
    expect(server.apiRequests).toHaveLength(20);
    expect(server.apiRequests.every((r) => r.authorization?.startsWith("Bearer "))).toBe(true);
    expect(server.apiRequests[0]?.path).toMatch(/^\/api\/atlas\/v1\.0\/groups\/[0-9a-f]{24}\/clusters\//);
  });

  it("throws AtlasAuthenticationError for a wrong secret and never shows it", async () => {
    server = await startOAuthServer({ clientId, clientSecret: "the-right-one" });
    const atlas = createAtlasClient({ clientId, clientSecret, baseUrl: server.url, maxRetries: 0 });
    const error = await atlas.listTenantSnapshots(target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasAuthenticationError);
    expect(`${String(error)} ${JSON.stringify(error)} ${JSON.stringify(atlas)}`).not.toContain(clientSecret);
    expect(server.apiRequests).toHaveLength(0);
  });

  it.each<[string, Record<string, string>, string]>([
    ["both pairs", { publicKey: "p", privateKey: "k", clientId, clientSecret }, "credentials"],
    ["neither pair", {}, "credentials"],
    ["a client ID alone", { clientId }, "clientSecret"],
    ["a client secret alone", { clientSecret }, "clientId"],
    ["a public key alone", { publicKey: "p" }, "privateKey"],
    ["an empty secret", { clientId, clientSecret: "" }, "clientSecret"],
  ])("refuses %s with a clear error that never shows a secret", (_name, given, argument) => {
    let thrown: unknown;
    try {
      createAtlasClient(given);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AtlasValidationError);
    expect(thrown).toMatchObject({ argument });
    expect(`${String(thrown)} ${JSON.stringify(thrown)}`).not.toContain(clientSecret);
  });
});

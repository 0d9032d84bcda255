// The behaviour suite through the node:http server, plus what only a real
// socket shows: curl's own Digest, raw bytes, broken requests, closing.
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_GROUP_ID, DEFAULT_MOCK_CREDENTIALS } from "../src/index.js";
import { type MockServer, startMockServer } from "../src/server.js";
import { httpServerAdapter } from "./helpers/adapters.js";
import { describeAtlasBehaviour } from "./helpers/behaviour-suite.js";
import { snapshotsPath } from "./helpers/fixtures.js";
import { describeFlexBehaviour } from "./helpers/flex-suite.js";
import { curl, rawRequest } from "./helpers/raw-http.js";

describeAtlasBehaviour(httpServerAdapter);
describeFlexBehaviour(httpServerAdapter);

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The seed document's example request, pointed at the server, exactly as the seed writes it. */
function seedCurl(url: string, publicKey: string, privateKey: string) {
  return curl([
    "--user",
    `${publicKey}:${privateKey}`,
    "--digest",
    "--include",
    "--header",
    "Accept: application/json",
    "--request",
    "GET",
    `${url}/groups/5b69d0349b15c62cdfc38b78/clusters/M2AWS/backup/tenant/snapshots`,
  ]);
}

describe("HTTP server with curl as the Digest client", () => {
  it("answers the seed's curl example: a 401 challenge, then 200 with the seed's example snapshot", async () => {
    server = await startMockServer();
    const { publicKey, privateKey } = DEFAULT_MOCK_CREDENTIALS;
    const { code, stdout } = await seedCurl(server.url, publicKey, privateKey);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^HTTP\/1\.1 401 Unauthorized\r\n/);
    expect(stdout).toMatch(
      /\r\nWWW-Authenticate: Digest realm="MMS Public API", domain="", nonce="[0-9a-f]{32}", algorithm=MD5, qop="auth", stale=false\r\n/,
    );
    expect(stdout).toContain("HTTP/1.1 200 OK\r\n");
    const body = JSON.parse(stdout.slice(stdout.lastIndexOf("\r\n\r\n") + 4));
    expect(body.results.map((s: { id: string }) => s.id)).toContain("5cc310ace5dc7ce369814bc8");
    expect(server.mock.requests.list().map((e) => [e.status, e.authenticated])).toEqual([
      [401, false],
      [200, true],
    ]);
  });

  it("refuses curl with a wrong private key", async () => {
    server = await startMockServer();
    const { code, stdout } = await seedCurl(server.url, DEFAULT_MOCK_CREDENTIALS.publicKey, "not-the-key");
    expect(code).toBe(0);
    expect(stdout.match(/HTTP\/1\.1 401 Unauthorized/g)).toHaveLength(2);
    expect(stdout).not.toContain("200 OK");
    // Atlas's challenge body, as recorded: no errorCode.
    expect(stdout).toContain('"detail" : "You are not authorized for this resource."');
    expect(stdout).not.toContain("errorCode");
  });

  it("accepts keys given as options, and only those", async () => {
    server = await startMockServer({ credentials: [{ publicKey: "abcdefgh", privateKey: "0a1b2c3d-key" }] });
    expect((await seedCurl(server.url, "abcdefgh", "0a1b2c3d-key")).stdout).toContain("200 OK");
    const { publicKey, privateKey } = DEFAULT_MOCK_CREDENTIALS;
    expect((await seedCurl(server.url, publicKey, privateKey)).stdout).not.toContain("200 OK");
  });

  it("cuts a truncated body short of its Content-Length (curl exit 18)", async () => {
    server = await startMockServer({ auth: "off", faults: { rate: 1, kinds: ["truncate"] } });
    const { code } = await curl(["--silent", "--output", "/dev/null", server.url + snapshotsPath()]);
    expect(code).toBe(18);
  });

  it("drops the connection without a byte (curl exit 52)", async () => {
    server = await startMockServer({ auth: "off", faults: { rate: 1, kinds: ["drop"] } });
    const { code } = await curl(["--silent", "--output", "/dev/null", server.url + snapshotsPath()]);
    expect(code).toBe(52);
  });
});

describe("HTTP server sockets", () => {
  it("builds links from the Host the client asked for", async () => {
    server = await startMockServer({ auth: "off" });
    const path = new URL(server.url).pathname + snapshotsPath(undefined, undefined, "?itemsPerPage=5");
    const body = await new Promise<string>((resolve, reject) => {
      const req = httpRequest({ port: server?.port, host: "127.0.0.1", path, headers: { Host: "proxy.example:8443" } });
      req.on("response", (res) => {
        let text = "";
        res.on("data", (c) => {
          text += c;
        });
        res.on("end", () => resolve(text));
      });
      req.on("error", reject);
      req.end();
    });
    expect(JSON.parse(body).links[1].href).toBe(
      `http://proxy.example:8443/api/atlas/v1.0${snapshotsPath()}?pageNum=2&itemsPerPage=5&includeCount=true`,
    );
  });

  it("falls back to the listening address when the Host header is not a host", async () => {
    server = await startMockServer({ auth: "off" });
    const path = `${new URL(server.url).pathname}${snapshotsPath()}?itemsPerPage=5`;
    const reply = await rawRequest(
      server.port,
      `GET ${path} HTTP/1.1\r\nHost: evil/../x?\r\nConnection: close\r\n\r\n`,
    );
    expect(reply).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(reply).toContain(`"href":"${server.url}${snapshotsPath()}?pageNum=2&itemsPerPage=5&includeCount=true"`);
  });

  it("answers absurdly large headers with 431 and keeps serving", async () => {
    server = await startMockServer({ auth: "off" });
    const path = new URL(server.url).pathname + snapshotsPath();
    const huge = await rawRequest(
      server.port,
      `GET ${path} HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
    );
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    expect(huge).toContain('"error":431');
    const ok = await rawRequest(server.port, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(ok).toMatch(/^HTTP\/1\.1 200 OK/);
  });

  it("answers a request that is not HTTP with 400 and keeps serving", async () => {
    server = await startMockServer({ auth: "off" });
    const garbage = await rawRequest(server.port, "\u0000\u0001 nonsense \r\n\r\n");
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    const oversizedAuth = await rawRequest(
      server.port,
      `GET ${new URL(server.url).pathname}${snapshotsPath()} HTTP/1.1\r\nHost: x\r\nAuthorization: Digest ${"x".repeat(9000)}\r\nConnection: close\r\n\r\n`,
    );
    expect(oversizedAuth).toMatch(/^HTTP\/1\.1 200 /); // auth is off: the header is ignored, not a crash
    expect((await fetch(server.url + snapshotsPath())).status).toBe(200);
  });

  it("reads an absolute-form request target, as proxies send", async () => {
    server = await startMockServer({ auth: "off" });
    const reply = await rawRequest(
      server.port,
      `GET ${server.url}${snapshotsPath(DEFAULT_GROUP_ID, "M2GCP")} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    );
    expect(reply).toMatch(/^HTTP\/1\.1 404 /);
    expect(reply).toContain('"errorCode":"CLUSTER_NOT_FOUND"');
  });

  it("keeps serving through a burst of faults and bad requests", async () => {
    server = await startMockServer({ auth: "off", faults: { rate: 0.3 }, rateLimit: false });
    const urls = [snapshotsPath(), snapshotsPath("bad"), `${snapshotsPath()}?pageNum=%ZZ`, "/nowhere"];
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        fetch(server?.url + (urls[i % urls.length] as string)).then((r) => r.text()),
      ),
    );
    expect(results.some((r) => r.status === "rejected")).toBe(true);
    // Faults stay on, so the next request may fail; the server must still be there to answer it.
    const next = await fetch(server.url + snapshotsPath()).then(
      (r) => r.status,
      () => 0,
    );
    expect([0, 200, 429, 500, 503]).toContain(next);
    const log = server.mock.requests.list();
    expect(log).toHaveLength(201);
  });

  it("closes with idle keep-alive and half-sent requests open, and frees the port", async () => {
    server = await startMockServer({ auth: "off" });
    const { url, port } = server;
    await (await fetch(url + snapshotsPath())).text(); // leaves a keep-alive socket in fetch's pool
    // A request whose headers never end: Node would wait 60 s (headersTimeout) for it,
    // so close() only settles within this test's timeout if it cuts the connection.
    const halfSent = connect(port, "127.0.0.1");
    const closedByServer = new Promise<void>((resolve) => halfSent.once("close", () => resolve()));
    halfSent.on("error", () => {});
    await new Promise<void>((resolve) => halfSent.once("connect", () => resolve()));
    halfSent.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    await server.close();
    server = undefined;
    await closedByServer;
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  }, 30_000);

  it("serves a given mock, so one store backs both the server and msw", async () => {
    server = await startMockServer({ auth: "off" });
    const again = await startMockServer({ mock: server.mock });
    server.mock.store.removeCluster(DEFAULT_GROUP_ID, "M2AWS");
    expect((await fetch(again.url + snapshotsPath())).status).toBe(404);
    await again.close();
  });
});

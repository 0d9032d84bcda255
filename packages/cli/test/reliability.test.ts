// Issue 12 in the CLI: hostile bytes from the server never reach the terminal, a
// listing that breaks its promises fails loudly, a gone reader keeps the verdict,
// a refused option leaves no mock running, and messages say the right thing.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { GROUP, KEYS_ENV, target } from "./helpers/fixture.js";
import { closedPort, startPageServer } from "./helpers/page-server.js";
import { BIN, runCli } from "./helpers/run-cli.js";

const HOSTILE = "\u001b]52;c;ZWNobyBwd25lZA==\u0007\u001b[1A\u009b2J";
/** Any control character but the line breaks each format uses. */
const controlsBut = (allowed: string) => new RegExp(`[^\\P{Cc}${allowed}]`, "u");

const hostileSnapshot = {
  id: "5cc310ace5dc7ce369814bc8",
  status: `COMPLETED${HOSTILE}`,
  mongoDBVersion: `8.0${HOSTILE}`,
  scheduledTime: "2025-01-01T00:00:00Z",
};

async function withPages<T>(
  reply: Parameters<typeof startPageServer>[0],
  run: (server: { url: string }) => Promise<T>,
): Promise<T> {
  const server = await startPageServer(reply);
  try {
    return await run(server);
  } finally {
    await server.close();
  }
}

describe("escape sequences from the server", () => {
  it.each([
    ["table", "\\n"],
    ["csv", "\\r\\n"],
    ["json", "\\n"],
    ["ndjson", "\\n"],
  ])("never reach the terminal in -o %s output", async (output, allowed) => {
    const result = await withPages(
      () => ({ status: 200, body: { results: [hostileSnapshot], totalCount: 1, links: [] } }),
      (server) => runCli(["list", ...target(server, "M2AWS"), "-o", output], KEYS_ENV),
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("8.0");
    expect(result.stdout).not.toMatch(controlsBut(allowed));
    expect(result.stderr).not.toMatch(controlsBut("\\n"));
  });

  it("never reach the terminal through an error message, and long server text is cut", async () => {
    const result = await withPages(
      () => ({
        status: 404,
        body: { error: 404, errorCode: `CLUSTER_NOT_FOUND${HOSTILE}`, detail: `gone${HOSTILE}${"z".repeat(5000)}` },
      }),
      (server) => runCli(["list", ...target(server, "M2AWS")], KEYS_ENV),
    );
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("\\x1b]52;c;");
    expect(result.stderr).not.toMatch(controlsBut("\\n"));
    expect(result.stderr.length).toBeLessThan(2000);
  });
});

describe("a listing that breaks the server's promises", () => {
  it("exits non-zero with a clear message and prints no list when the server ignores pageNum", async () => {
    const page = {
      results: Array.from({ length: 100 }, (_, i) => ({
        ...hostileSnapshot,
        status: "COMPLETED",
        mongoDBVersion: "8.0.4",
        id: i.toString(16).padStart(24, "0"),
      })),
      totalCount: 1000,
      links: [{ rel: "next", href: "http://127.0.0.1/next" }],
    };
    const result = await withPages(
      () => ({ status: 200, body: page }),
      (server) => runCli(["list", ...target(server, "M2AWS"), "-o", "json"], KEYS_ENV),
    );
    expect(result.code).toBe(6);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/listing is incomplete: page 2 only repeated snapshots/);
    expect(result.stderr).toMatch(/100 snapshots arrived of the 1000 that totalCount promised/);
  });
});

/** Runs the CLI with stdout or stderr closed from the start (a reader that went away). */
function runWithClosed(stream: "stdout" | "stderr", args: string[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child[stream].destroy();
    const other = stream === "stdout" ? child.stderr : child.stdout;
    other.resume();
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe("a reader that went away", () => {
  const failingCheck = [
    "check",
    "--mock",
    "--group",
    "5b69d0349b15c62cdfc38b78",
    "--cluster",
    "M2AWS",
    "--max-age",
    "1s",
  ];
  it("keeps a failing check's exit code 1 when stdout is a closed pipe", { timeout: 40_000 }, async () => {
    expect(await runWithClosed("stdout", failingCheck)).toBe(1);
  });
  it("keeps a failing check's exit code 1 when stderr is a closed pipe", { timeout: 40_000 }, async () => {
    expect(await runWithClosed("stderr", failingCheck)).toBe(1);
  });
});

describe("option and message fixes", () => {
  it("refuses --timeout 25d in the flag's own words and exits, even with --mock", { timeout: 40_000 }, async () => {
    const result = await Promise.race([
      runCli(["list", "--mock", "--timeout", "25d"]),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("the CLI did not exit")), 30_000)),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--timeout "25d" is too long; the longest is 24d 20h/);
    expect(result.stderr).not.toContain("timeoutMs");
  });

  it("does not garble messages with a one- or two-character private key", async () => {
    const port = await closedPort();
    const result = await runCli(
      [
        "list",
        "--base-url",
        `http://127.0.0.1:${port}/api/atlas/v1.0`,
        "--group",
        GROUP,
        "--cluster",
        "M2AWS",
        "--retries",
        "0",
      ],
      { MONGODB_ATLAS_PUBLIC_API_KEY: "pub", MONGODB_ATLAS_PRIVATE_API_KEY: "ck" },
    );
    expect(result.code).toBe(6);
    expect(result.stderr).toContain("/backup/tenant/snapshots");
    expect(result.stderr).not.toContain("[redacted]");
  });

  it("refuses a base URL with user:password@ (exit 2) without echoing the password", async () => {
    const result = await runCli(
      [
        "list",
        "--base-url",
        "https://user:s3cretpassw0rd@127.0.0.1:9/api/atlas/v1.0",
        "--group",
        GROUP,
        "--cluster",
        "M2AWS",
      ],
      KEYS_ENV,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/without user:password@/);
    expect(result.stderr).not.toContain("s3cretpassw0rd");
  });

  it("shows a base URL that is not http(s) with no part of a password holding @ (the client's one rule)", async () => {
    const result = await runCli(
      ["list", "--base-url", "ftp://user:s3cr@tpassw0rd@127.0.0.1:9/", "--group", GROUP, "--cluster", "M2AWS"],
      KEYS_ENV,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--base-url "ftp://[redacted]@127.0.0.1:9/" must be an absolute http(s) URL');
    expect(result.stderr).not.toMatch(/s3cr|tpassw0rd/);
  });
});

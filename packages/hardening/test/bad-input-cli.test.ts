// Bad command-line flags to atlas-snapshots (the built binary, as a
// subprocess): exit 2 with a message naming the flag, nothing on stdout, and
// no request sent. The mock the tool points at still serves afterwards.
import { DEFAULT_MOCK_CREDENTIALS } from "@atlas-snapshots/mock";
import { type MockServer, startMockServer } from "@atlas-snapshots/mock/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliBin } from "./helpers/paths.js";
import { runNode } from "./helpers/run-node.js";
import { CLUSTER, GROUP } from "./helpers/seed-data.js";

interface Given {
  /** Arguments after `list` (or the whole command line when `command` is false). */
  args: string[];
  command?: "list" | "check" | false;
  /** Leave out the default --group/--cluster/--base-url. */
  bare?: boolean;
}
interface Want {
  /** The flag (or other input) the message must name. */
  names: string | RegExp;
  code?: number;
}

const huge = "x".repeat(100_000);

// [name, { given, want }]
const CASES: [string, { given: Given; want: Want }][] = [
  ["--items-per-page 0", { given: { args: ["--items-per-page", "0"] }, want: { names: "--items-per-page" } }],
  ["--items-per-page 501", { given: { args: ["--items-per-page", "501"] }, want: { names: "--items-per-page" } }],
  ["--items-per-page abc", { given: { args: ["--items-per-page", "abc"] }, want: { names: "--items-per-page" } }],
  ["--items-per-page 1e3", { given: { args: ["--items-per-page", "1e3"] }, want: { names: "--items-per-page" } }],
  ["--items-per-page -5", { given: { args: ["--items-per-page=-5"] }, want: { names: "--items-per-page" } }],
  ["--page 0", { given: { args: ["--page", "0"] }, want: { names: "--page" } }],
  ["--page 1.5", { given: { args: ["--page", "1.5"] }, want: { names: "--page" } }],
  ["--page with 30 digits", { given: { args: ["--page", "9".repeat(30)] }, want: { names: "--page" } }],
  ["--all and --page together", { given: { args: ["--all", "--page", "2"] }, want: { names: /--all.*--page/ } }],
  ["--concurrency 0", { given: { args: ["--concurrency", "0"] }, want: { names: "--concurrency" } }],
  ["--concurrency 10000", { given: { args: ["--concurrency", "10000"] }, want: { names: "--concurrency" } }],
  ["--retries -1", { given: { args: ["--retries=-1"] }, want: { names: "--retries" } }],
  ["--retries 1000", { given: { args: ["--retries", "1000"] }, want: { names: "--retries" } }],
  ["--timeout soon", { given: { args: ["--timeout", "soon"] }, want: { names: "--timeout" } }],
  ["--timeout 0s", { given: { args: ["--timeout", "0s"] }, want: { names: "--timeout" } }],
  ["--output xml", { given: { args: ["--output", "xml"] }, want: { names: "--output" } }],
  ["--status DONE", { given: { args: ["--status", "DONE"] }, want: { names: "--status" } }],
  ["--since yesterday", { given: { args: ["--since", "yesterday"] }, want: { names: "--since" } }],
  ["--since 2024-02-30", { given: { args: ["--since", "2024-02-30"] }, want: { names: "--since" } }],
  [
    "--group in upper case",
    { given: { args: ["--group", GROUP.toUpperCase(), "--cluster", CLUSTER], bare: true }, want: { names: "--group" } },
  ],
  [
    "--group '..'",
    { given: { args: ["--group", "..", "--cluster", CLUSTER], bare: true }, want: { names: "--group" } },
  ],
  [
    "--cluster with '/' and '..'",
    { given: { args: ["--group", GROUP, "--cluster", "M2AWS/../admin"], bare: true }, want: { names: "--cluster" } },
  ],
  [
    "--cluster percent-encoded",
    { given: { args: ["--group", GROUP, "--cluster", "M2%2FAWS"], bare: true }, want: { names: "--cluster" } },
  ],
  [
    "--cluster in unicode",
    { given: { args: ["--group", GROUP, "--cluster", "クラスター"], bare: true }, want: { names: "--cluster" } },
  ],
  [
    "--cluster empty",
    { given: { args: ["--group", GROUP, "--cluster", ""], bare: true }, want: { names: "--cluster" } },
  ],
  [
    "--cluster of 100 KB",
    { given: { args: ["--group", GROUP, "--cluster", huge], bare: true }, want: { names: "--cluster" } },
  ],
  ["--group missing", { given: { args: ["--cluster", CLUSTER], bare: true }, want: { names: "--group" } }],
  [
    "--group without a value",
    { given: { args: ["--cluster", CLUSTER, "--group"], bare: true }, want: { names: "--group" } },
  ],
  [
    "--base-url ftp://",
    {
      given: { args: ["--group", GROUP, "--cluster", CLUSTER, "--base-url", "ftp://example.com"], bare: true },
      want: { names: "--base-url" },
    },
  ],
  [
    "--base-url not a URL",
    {
      given: { args: ["--group", GROUP, "--cluster", CLUSTER, "--base-url", "cloud.mongodb.com"], bare: true },
      want: { names: "--base-url" },
    },
  ],
  [
    "--mock and --base-url together",
    {
      given: { args: ["--mock", "--base-url", "http://127.0.0.1:9"], bare: true },
      want: { names: /--mock.*--base-url/ },
    },
  ],
  ["an unknown flag", { given: { args: ["--bogus"] }, want: { names: "--bogus" } }],
  ["--all=yes (a boolean with a value)", { given: { args: ["--all=yes"] }, want: { names: "--all" } }],
  [
    "check --max-age forever",
    { given: { args: ["--max-age", "forever"], command: "check" }, want: { names: "--max-age" } },
  ],
  ["check --max-age 0h", { given: { args: ["--max-age", "0h"], command: "check" }, want: { names: "--max-age" } }],
  [
    "check --output json (a list-only flag)",
    { given: { args: ["--output", "json"], command: "check" }, want: { names: "--output" } },
  ],
  ["an unknown command", { given: { args: ["delete", "--all"], command: false }, want: { names: "delete" } }],
  [
    "--mock-data a missing file",
    { given: { args: ["--mock-data", "/nonexistent/atlas.json"], bare: true }, want: { names: "--mock-data" } },
  ],
];

let server: MockServer;
const { publicKey, privateKey } = DEFAULT_MOCK_CREDENTIALS;
const env = { MONGODB_ATLAS_PUBLIC_API_KEY: publicKey, MONGODB_ATLAS_PRIVATE_API_KEY: privateKey };
beforeAll(async () => {
  server = await startMockServer({});
});
afterAll(async () => {
  await server?.close();
});

function argv(given: Given): string[] {
  if (given.command === false) return given.args;
  const target = given.bare ? [] : ["--group", GROUP, "--cluster", CLUSTER, "--base-url", server.url];
  return [given.command ?? "list", ...target, ...given.args];
}

describe("bad flags to atlas-snapshots", () => {
  it("has a good control: the same setup lists the seed's cluster", async () => {
    const run = await runNode(cliBin(), argv({ args: ["--output", "json"] }), { env });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).length).toBeGreaterThan(0);
    server.mock.requests.clear();
  });

  it.concurrent.each(CASES)("%s", async (_name, { given, want }) => {
    const run = await runNode(cliBin(), argv(given), { env });
    expect({ code: run.code, stdout: run.stdout }, run.stderr).toEqual({ code: want.code ?? 2, stdout: "" });
    const [first = ""] = run.stderr.split("\n");
    expect(first).toMatch(/^atlas-snapshots: /);
    expect(first).toMatch(want.names);
    expect(run.stderr.length, "a message short enough to read").toBeLessThan(2_000);
    expect(run.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/); // no stack trace
  });

  it("sent nothing for any of them", () => {
    expect(server.mock.requests.list()).toEqual([]);
  });
});

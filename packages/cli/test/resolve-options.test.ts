import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../src/command-line/parse.js";
import { GLOBAL_OPTIONS } from "../src/commands/options.js";
import { COMMANDS } from "../src/commands/registry.js";
import { pageSize, resolveCheckOptions, resolveListOptions } from "../src/resolve-options.js";
import type { Terminal } from "../src/terminal.js";
import { UsageError } from "../src/usage-error.js";

const GROUP = "5b69d0349b15c62cdfc38b78";
// Only what resolution reads: an environment without any Atlas settings or profile, and a secret list.
const KEYS = { MONGODB_ATLAS_PUBLIC_API_KEY: "p", MONGODB_ATLAS_PRIVATE_API_KEY: "s" };
const terminal = { env: { HOME: "/nonexistent-home", ...KEYS }, protect() {} } as unknown as Terminal;
const values = (args: string[]) => parseCommandLine(args, COMMANDS, GLOBAL_OPTIONS).values;
const list = (...args: string[]) => resolveListOptions(values(["list", ...args]), terminal);
const check = (...args: string[]) => resolveCheckOptions(values(["check", ...args]), terminal);

describe("resolveListOptions", () => {
  it("reads every list option", async () => {
    const options = await list(
      ...[
        "-g",
        GROUP,
        "-c",
        "M2AWS",
        "--page",
        "2",
        "--items-per-page",
        "50",
        "-s",
        "failed,Running",
        "--status",
        "FAILED",
      ],
      ...["--since", "2024-05-01", "-o", "CSV", "--concurrency", "3", "--retries", "0", "--timeout", "5s", "-v"],
    );
    expect(options).toMatchObject({
      groupId: GROUP,
      clusterName: "M2AWS",
      pageNum: 2,
      itemsPerPage: 50,
      statuses: ["FAILED", "RUNNING"],
      sinceMs: Date.UTC(2024, 4, 1),
      output: "csv",
      concurrency: 3,
      retries: 0,
      timeoutMs: 5000,
      verbose: true,
      mock: false,
    });
  });

  it("defaults --group and --cluster to the reference example with --mock", async () => {
    expect(await list("--mock")).toMatchObject({
      groupId: GROUP,
      clusterName: "M2AWS",
      mock: true,
      output: "table",
      retries: 2,
    });
  });

  it("treats --mock-data as --mock", async () => {
    expect(await list("--mock-data", "data.json")).toMatchObject({ mock: true, mockDataFile: "data.json" });
  });

  it("picks the page size: the maximum for every page, the API default for --page", async () => {
    expect(pageSize(await list("--mock"))).toBe(500);
    expect(pageSize(await list("--mock", "--page", "3"))).toBe(100);
    expect(pageSize(await list("--mock", "--items-per-page", "7"))).toBe(7);
  });

  it.each([
    ["missing --group", [], /missing the project id: give --projectId ID/],
    ["missing --cluster", ["-g", GROUP], /missing --clusterName NAME/],
    [
      "group not hex",
      ["-g", "not-a-group", "-c", "x"],
      /--group "not-a-group" must be 24 lowercase hexadecimal characters/,
    ],
    ["group upper case", ["-g", GROUP.toUpperCase(), "-c", "x"], /--group/],
    ["cluster with slash", ["-g", GROUP, "-c", "a/b"], /--cluster "a\/b"/],
    ["cluster with dots", ["-g", GROUP, "-c", ".."], /--cluster/],
    ["cluster unicode", ["-g", GROUP, "-c", "clüster"], /--cluster/],
    ["cluster percent-encoded", ["-g", GROUP, "-c", "a%2Fb"], /--cluster/],
    ["cluster too long", ["-g", GROUP, "-c", "a".repeat(65)], /at most 64/],
    ["items-per-page 0", ["--mock", "--items-per-page", "0"], /--items-per-page "0" must be an integer from 1 to 500/],
    ["items-per-page 501", ["--mock", "--items-per-page", "501"], /--items-per-page/],
    ["items-per-page abc", ["--mock", "--items-per-page", "abc"], /--items-per-page/],
    ["items-per-page float", ["--mock", "--items-per-page", "2.5"], /--items-per-page/],
    ["items-per-page exponent", ["--mock", "--items-per-page", "1e2"], /--items-per-page/],
    ["page 0", ["--mock", "--page", "0"], /--page "0" must be an integer >= 1/],
    ["page negative", ["--mock", "--page=-1"], /--page/],
    ["page absurd", ["--mock", "--page", "99999999999999999999"], /--page/],
    ["both --all and --page", ["--mock", "--all", "--page", "1"], /either --all or --page/],
    [
      "bad output",
      ["--mock", "-o", "xml"],
      /--output "xml" is not an output format of atlas-snapshots; use table, json, json-raw, ndjson, csv/,
    ],
    ["bad status", ["--mock", "-s", "DONE"], /--status "DONE" is not a snapshot status/],
    ["empty status", ["--mock", "-s", ""], /--status "" is not/],
    ["bad since", ["--mock", "--since", "last week"], /--since/],
    ["concurrency 0", ["--mock", "--concurrency", "0"], /--concurrency "0" must be an integer from 1 to 32/],
    ["retries 11", ["--mock", "--retries", "11"], /--retries/],
    ["timeout with an unknown unit", ["--mock", "--timeout", "30y"], /--timeout "30y" is not a duration/],
    ["json-raw with a filter", ["--mock", "-o", "json-raw", "-s", "failed"], /-o json-raw prints one page/],
    ["mock and base-url", ["--mock", "--base-url", "http://x"], /either --mock or --base-url/],
    ["base-url not a URL", ["-g", GROUP, "-c", "x", "--base-url", "localhost:1"], /--base-url "localhost:1"/],
  ])("refuses %s", async (_name, args, message) => {
    await expect(list(...args)).rejects.toThrow(UsageError);
    await expect(list(...args)).rejects.toThrow(message);
  });

  it("reads --timeout in ms and bare seconds", async () => {
    expect((await list("--mock", "--timeout", "1500ms")).timeoutMs).toBe(1500);
    expect((await list("--mock", "--timeout", "30")).timeoutMs).toBe(30_000);
    expect((await list("--mock", "--timeout", "1m30s250ms")).timeoutMs).toBe(90_250);
  });

  it("passes --base-url on as given (a trailing slash dropped): the host alone, or with a path", async () => {
    const base = async (url: string) =>
      (await resolveListOptions(values(["list", "-g", GROUP, "-c", "x", "--base-url", url]), terminal)).baseUrl;
    // Passed on for the client, whose baseUrl is the host (it adds each operation's base path).
    expect(await base("https://cloud.mongodb.com")).toBe("https://cloud.mongodb.com");
    expect(await base("https://cloud.mongodb.com/")).toBe("https://cloud.mongodb.com");
    expect(await base("http://127.0.0.1:8080/api/atlas/v1.0/")).toBe("http://127.0.0.1:8080/api/atlas/v1.0");
    expect(await base("http://127.0.0.1:8080/proxy/atlas")).toBe("http://127.0.0.1:8080/proxy/atlas");
  });
});

describe("resolveCheckOptions", () => {
  it("defaults --max-age to 26h", async () => {
    expect((await check("--mock")).maxAgeMs).toBe(26 * 3_600_000);
  });

  it.each([
    ["an unknown unit", "26y", /--max-age "26y" is not a duration/],
    ["zero", "0s", /--max-age "0s" must be longer than zero/],
    ["words", "a day", /--max-age/],
  ])("refuses --max-age %s", async (_name, value, message) => {
    await expect(check("--mock", "--max-age", value)).rejects.toThrow(message);
  });
});

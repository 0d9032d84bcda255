import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../src/parse-command-line.js";
import { pageSize, resolveCheckOptions, resolveListOptions } from "../src/resolve-options.js";
import { UsageError } from "../src/usage-error.js";

const GROUP = "5b69d0349b15c62cdfc38b78";
const list = (...args: string[]) => resolveListOptions(parseCommandLine(["list", ...args]).values);
const check = (...args: string[]) => resolveCheckOptions(parseCommandLine(["check", ...args]).values);

describe("resolveListOptions", () => {
  it("reads every list option", () => {
    const options = list(
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

  it("defaults --group and --cluster to the reference example with --mock", () => {
    expect(list("--mock")).toMatchObject({
      groupId: GROUP,
      clusterName: "M2AWS",
      mock: true,
      output: "table",
      retries: 2,
    });
  });

  it("treats --mock-data as --mock", () => {
    expect(list("--mock-data", "data.json")).toMatchObject({ mock: true, mockDataFile: "data.json" });
  });

  it("picks the page size: the maximum for every page, the API default for --page", () => {
    expect(pageSize(list("--mock"))).toBe(500);
    expect(pageSize(list("--mock", "--page", "3"))).toBe(100);
    expect(pageSize(list("--mock", "--items-per-page", "7"))).toBe(7);
  });

  it.each([
    ["missing --group", [], /missing --group/],
    ["missing --cluster", ["-g", GROUP], /missing --cluster/],
    ["group not hex", ["-g", "not-a-group", "-c", "x"], /--group "not-a-group" must be a project id/],
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
    ["bad output", ["--mock", "-o", "xml"], /--output "xml" is not a format; use table, json, ndjson, csv/],
    ["bad status", ["--mock", "-s", "DONE"], /--status "DONE" is not a snapshot status/],
    ["empty status", ["--mock", "-s", ""], /--status "" is not/],
    ["bad since", ["--mock", "--since", "last week"], /--since/],
    ["concurrency 0", ["--mock", "--concurrency", "0"], /--concurrency "0" must be an integer from 1 to 32/],
    ["retries 11", ["--mock", "--retries", "11"], /--retries/],
    ["timeout without unit", ["--mock", "--timeout", "30"], /--timeout "30" is not a duration/],
    ["mock and base-url", ["--mock", "--base-url", "http://x"], /either --mock or --base-url/],
    ["base-url not a URL", ["-g", GROUP, "-c", "x", "--base-url", "localhost:1"], /--base-url "localhost:1"/],
  ])("refuses %s", (_name, args, message) => {
    expect(() => list(...args)).toThrow(UsageError);
    expect(() => list(...args)).toThrow(message);
  });
});

describe("resolveCheckOptions", () => {
  it("defaults --max-age to 26h", () => {
    expect(check("--mock").maxAgeMs).toBe(26 * 3_600_000);
  });

  it.each([
    ["no unit", "26", /--max-age "26" is not a duration/],
    ["zero", "0s", /--max-age "0s" must be longer than zero/],
    ["words", "a day", /--max-age/],
  ])("refuses --max-age %s", (_name, value, message) => {
    expect(() => check("--mock", "--max-age", value)).toThrow(message);
  });
});

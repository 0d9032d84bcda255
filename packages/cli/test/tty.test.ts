import { execFileSync, spawn } from "node:child_process";
import type { MockServer } from "@atlas-snapshots/mock/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KEYS_ENV, startTestServer, target } from "./helpers/fixture.js";
import { ANSI, BIN } from "./helpers/run-cli.js";

// util-linux `script` gives the tool a real terminal (stdout and stderr both), so colour
// and the progress line can be tested end to end. Without it, the unit tests still cover colour.
const hasScript = (() => {
  try {
    execFileSync("script", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** Carriage return, then erase the line: how the progress line redraws and clears. */
const CLEAR_LINE = "\r\x1b[2K";

const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

/** Runs the binary on a pseudo-terminal; returns the terminal's output (stdout and stderr merged). */
function runOnTerminal(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, BIN, ...args].map(quote).join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["-qec", command, "/dev/null"], {
      env: { PATH: process.env.PATH, TERM: "xterm", ...KEYS_ENV, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

let server: MockServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe.skipIf(!hasScript)("on a terminal", () => {
  it("colours statuses in the table", async () => {
    const { code, output } = await runOnTerminal(["list", ...target(server, "Mixed")]);
    expect(code).toBe(0);
    expect(output).toContain("\x1b[32mCOMPLETED\x1b[39m");
    expect(output).toContain("\x1b[31mFAILED\x1b[39m");
    expect(output).toContain("\x1b[33mRUNNING\x1b[39m");
  });

  it("colours the check verdict", async () => {
    const { code, output } = await runOnTerminal(["check", ...target(server, "Fresh")]);
    expect(code).toBe(0);
    expect(output).toContain("\x1b[32mOK\x1b[39m: Fresh:");
  });

  it("NO_COLOR turns colour off", async () => {
    const { code, output } = await runOnTerminal(["list", ...target(server, "Mixed")], { NO_COLOR: "1" });
    expect(code).toBe(0);
    expect(output).toContain("COMPLETED");
    expect(output).not.toMatch(ANSI);
  });

  it("shows a progress line while several pages load, and erases it", async () => {
    const { code, output } = await runOnTerminal([
      "list",
      ...target(server, "Big"),
      "--items-per-page",
      "100",
      "-o",
      "csv",
    ]);
    expect(code).toBe(0);
    expect(output).toContain(`${CLEAR_LINE}Loading snapshots of Big: `);
    // Erased before the data: the last draw is followed by a clear, and the csv comes after.
    const lastDraw = output.lastIndexOf(" so far...") + " so far...".length;
    expect(output.slice(lastDraw).startsWith(CLEAR_LINE)).toBe(true);
    expect(output.indexOf("id,status,")).toBeGreaterThan(lastDraw);
  });

  it("shows no progress line for a single page", async () => {
    const { output } = await runOnTerminal(["list", ...target(server, "Mixed"), "-o", "csv"]);
    expect(output).not.toContain("Loading snapshots");
  });
});

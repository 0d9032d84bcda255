import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../src/commands/registry.js";
import { runCli } from "./helpers/run-cli.js";

const EXIT_CODE_LINES = [
  /^ {2}0 {2}success/m,
  /^ {2}1 {2}check failed/m,
  /^ {2}2 {2}usage error/m,
  /^ {2}3 {2}authentication/m,
  /^ {2}4 {2}project, cluster or snapshot not found/m,
  /^ {2}5 {2}rate limited/m,
  /^ {2}6 {2}network error, timeout, or Atlas server error/m,
  /^ {2}7 {2}unexpected error/m,
];

describe("help and version", () => {
  it.each([["--help"], ["-h"], ["help"]])(
    "%s prints the overview with commands, credentials and exit codes",
    async (flag) => {
      const { code, stdout, stderr } = await runCli([flag]);
      expect(code).toBe(0);
      expect(stderr).toBe("");
      expect(stdout).toMatch(/^atlas-snapshots: list and check/);
      expect(stdout).toMatch(/^ {2}list {4}/m);
      expect(stdout).toMatch(/^ {2}check {3}/m);
      expect(stdout).toContain("MONGODB_ATLAS_PUBLIC_API_KEY");
      expect(stdout).toContain("MONGODB_ATLAS_PRIVATE_API_KEY");
      for (const line of EXIT_CODE_LINES) expect(stdout).toMatch(line);
    },
  );

  it.each([
    ["list", ["list", "--help"]],
    ["list", ["help", "list"]],
    ["check", ["check", "-h"]],
    ["check", ["help", "check"]],
    ["watch", ["watch", "--help"]],
    ["describe", ["describe", "--help"]],
  ] as const)(
    "%s help documents its usage line, exactly the options it takes and the exit codes",
    async (name, args) => {
      const { code, stdout } = await runCli(args);
      expect(code).toBe(0);
      expect(stdout.startsWith(`Usage: atlas-snapshots ${name} `)).toBe(true);
      const command = COMMANDS.find((c) => c.name === name);
      const own = new Set(command?.options.map((o) => o.name));
      expect(own.size).toBeGreaterThan(0);
      for (const option of own) expect(stdout).toMatch(new RegExp(`^ +(-\\w, )?--${option}\\b`, "m"));
      // Options of other commands are not listed: check --help shows no --status, --output or --interval.
      const foreign = COMMANDS.flatMap((c) => c.options.map((o) => o.name)).filter((o) => !own.has(o));
      expect(foreign.length).toBeGreaterThan(0);
      for (const option of foreign) expect(stdout).not.toMatch(new RegExp(`^ +(-\\w, )?--${option}\\b`, "m"));
      for (const line of EXIT_CODE_LINES) expect(stdout).toMatch(line);
    },
  );

  it("--version prints the package version", async () => {
    const { version } = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
    const { code, stdout } = await runCli(["--version"]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${version}\n`);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Failing,
  KEYS_ENV,
  PRIVATE_KEY,
  SCENARIOS,
  startFailing,
  WRONG_PRIVATE_KEY,
} from "./helpers/error-scenarios.js";
import { target } from "./helpers/fixture.js";
import { runCli } from "./helpers/run-cli.js";

let failing: Failing;
beforeAll(async () => {
  failing = await startFailing();
});
afterAll(() => failing?.close());

/** The whole key and its distinctive middle, in case something prints a slice of it. */
const NEEDLES = [PRIVATE_KEY, WRONG_PRIVATE_KEY, "PRIVATE-7f3a9c1e", "WRONG-private-4b1d"];

function expectNoKey(output: string): void {
  for (const needle of NEEDLES) expect(output).not.toContain(needle);
}

describe("the private key is never printed", () => {
  it.each(Object.entries(SCENARIOS))("%s, plain and with --verbose", async (_name, scenario) => {
    for (const verbose of [[], ["--verbose"]]) {
      const { stdout, stderr, code } = await runCli([...scenario.args(failing), ...verbose], scenario.env ?? KEYS_ENV);
      expect(code).toBe(scenario.code);
      expectNoKey(stdout + stderr);
    }
  });

  it("--verbose on success shows the client's events, without the key", async () => {
    const { stdout, stderr, code } = await runCli(["list", ...target(failing.ok, "Fresh"), "--verbose"], KEYS_ENV);
    expect(code).toBe(0);
    expect(stderr).toMatch(/atlas-snapshots: debug: /);
    expectNoKey(stdout + stderr);
  });

  it.each([
    ["as an extra argument", ["list", "--mock", PRIVATE_KEY], 2, /unexpected argument "\[redacted\]"/],
    // A valid cluster name: the mock's 404 names it, redacted.
    ["as a --cluster value", ["list", "--mock", "--cluster", PRIVATE_KEY], 4, /clusters\/\[redacted\]\/backup/],
    ["as a --group value", ["list", "--group", PRIVATE_KEY, "--cluster", "x"], 2, /--group "\[redacted\]"/],
    [
      "as a --base-url",
      ["check", "-g", "0123456789abcdef01234567", "-c", "x", "--base-url", PRIVATE_KEY],
      2,
      /--base-url "\[redacted\]"/,
    ],
  ])("a key pasted %s is redacted", async (_name, args, exitCode, message) => {
    const { stdout, stderr, code } = await runCli(args, KEYS_ENV);
    expect(code).toBe(exitCode);
    expect(stderr).toMatch(message);
    expectNoKey(stdout + stderr);
  });

  it("a key set with surrounding whitespace is used trimmed and redacted in every form", async () => {
    const env = { ...KEYS_ENV, MONGODB_ATLAS_PRIVATE_API_KEY: ` ${PRIVATE_KEY}\n` };
    const ok = await runCli(["list", ...target(failing.ok, "Fresh"), "-o", "json"], env);
    expect(ok.code).toBe(0);
    const refused = await runCli(["list", "--mock", `x${PRIVATE_KEY}`], env);
    expect(refused.code).toBe(2);
    expectNoKey(refused.stdout + refused.stderr);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Failing, KEYS_ENV, SCENARIOS, startFailing } from "./helpers/error-scenarios.js";
import { runCli } from "./helpers/run-cli.js";

let failing: Failing;
beforeAll(async () => {
  failing = await startFailing();
});
afterAll(() => failing?.close());

describe("exit codes and messages", () => {
  it.each(Object.entries(SCENARIOS))("%s", async (_name, scenario) => {
    const result = await runCli(scenario.args(failing), scenario.env ?? KEYS_ENV);
    expect(result.stderr).toMatch(scenario.stderr);
    expect(result.code).toBe(scenario.code);
    if (scenario.stdout) scenario.stdout(result.stdout);
    else expect(result.stdout).toBe("");
  });
});

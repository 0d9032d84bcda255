import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../src/parse-command-line.js";

describe("parseCommandLine", () => {
  it("finds the command, the options given and the rest", () => {
    const line = parseCommandLine(["--mock", "list", "-o", "json", "extra"]);
    expect(line).toMatchObject({ command: "list", rest: ["extra"], given: ["mock", "output"] });
    expect(line.values.output).toBe("json");
  });

  it("collects repeated --status", () => {
    expect(parseCommandLine(["list", "-s", "a", "--status", "b"]).values.status).toEqual(["a", "b"]);
  });

  it.each([
    ["unknown long option", ["list", "--bogus"], "unknown option --bogus"],
    ["unknown option with a value, value not echoed", ["list", "--secret=hunter2"], "unknown option --secret"],
    ["unknown short option", ["list", "-x"], "unknown option -x"],
    ["string option without value", ["list", "--group"], "option --group needs a value"],
    ["short option without value", ["list", "-g"], "option --group needs a value"],
    ["option swallowed by the next option", ["list", "--cluster", "--mock"], "option --cluster needs a value"],
    ["boolean with value", ["list", "--mock=yes"], "option --mock takes no value"],
  ])("%s", (_name, args, message) => {
    let thrown: unknown;
    try {
      parseCommandLine(args);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ name: "UsageError", message });
    expect(String((thrown as Error).message)).not.toContain("hunter2");
  });
});

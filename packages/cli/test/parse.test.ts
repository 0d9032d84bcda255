import { describe, expect, it } from "vitest";
import type { CommandSpec } from "../src/command-line/declare.js";
import { parseCommandLine } from "../src/command-line/parse.js";
import { closest } from "../src/command-line/suggest.js";
import { GLOBAL_OPTIONS } from "../src/commands/options.js";
import { COMMANDS } from "../src/commands/registry.js";

const parse = (args: string[]) => parseCommandLine(args, COMMANDS, GLOBAL_OPTIONS);

function usageError(args: string[]): Error {
  try {
    parse(args);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`no error for ${args.join(" ")}`);
}

describe("parseCommandLine, from the commands' declarations", () => {
  it("finds the command, its values and its positionals; options go before or after it", () => {
    const line = parse(["--mock", "list", "-o", "json", "--projectId=5b69d0349b15c62cdfc38b78"]);
    expect(line.command?.name).toBe("list");
    expect(line.values).toMatchObject({ mock: true, output: "json", group: "5b69d0349b15c62cdfc38b78" });
    expect(parse(["completion", "fish"]).positionals).toEqual(["fish"]);
  });

  it("reads the Atlas CLI's names as the same options", () => {
    expect(parse(["list", "--projectId", "a", "--clusterName", "b"]).values).toMatchObject({
      group: "a",
      cluster: "b",
    });
    expect(parse(["list", "-g", "a", "-cb"]).values).toMatchObject({ group: "a", cluster: "b" });
  });

  it("collects repeated --status", () => {
    expect(parse(["list", "-s", "a", "--status", "b"]).values.status).toEqual(["a", "b"]);
  });

  it.each([
    ["unknown long option", ["list", "--bogus"], "unknown option --bogus for list"],
    ["unknown option with a value, value not echoed", ["list", "--secret=hunter2"], "unknown option --secret for list"],
    ["unknown short option", ["list", "-x"], "unknown option -x for list"],
    ["string option without value", ["list", "--group"], "option --group needs a value"],
    ["short option without value", ["list", "-g"], "option --group needs a value"],
    ["option swallowed by the next option", ["list", "--cluster", "--mock"], "option --cluster needs a value"],
    ["boolean with value", ["list", "--mock=yes"], "option --mock takes no value"],
    ["misspelt option", ["list", "--statsu", "x"], "unknown option --statsu for list; did you mean --status?"],
    [
      "Atlas CLI name in the wrong case",
      ["list", "--projectid", "x"],
      "unknown option --projectid for list; did you mean --projectId?",
    ],
    [
      "another command's option",
      ["list", "--max-age", "1h"],
      "option --max-age is not an option of list (it belongs to check, watch)",
    ],
    [
      "list's option on check",
      ["check", "--status", "x"],
      "option --status is not an option of check (it belongs to list)",
    ],
    ["misspelt command", ["chek"], 'unknown command "chek"; did you mean check?'],
    [
      "unknown command",
      ["frobnicate"],
      'unknown command "frobnicate"; use one of list, describe, check, watch, completion, help',
    ],
  ])("%s", (_name, args, message) => {
    const error = usageError(args);
    expect(error).toMatchObject({ name: "UsageError", message });
    expect(error.message).not.toContain("hunter2");
  });

  it("declares each option name with one type in every command, so parsing before the command is known is sound", () => {
    const types = new Map<string, string>();
    for (const option of [...GLOBAL_OPTIONS, ...COMMANDS.flatMap((c: CommandSpec) => c.options)]) {
      for (const name of [option.name, ...(option.aliases ?? [])]) {
        expect(types.get(name) ?? option.type, name).toBe(option.type);
        types.set(name, option.type);
      }
    }
  });
});

describe("closest (did you mean)", () => {
  it("suggests near misses, swaps and unique prefixes, and nothing for far-off words", () => {
    expect(closest("lsit", ["list", "check"])).toBe("list");
    expect(closest("wach", ["list", "watch"])).toBe("watch");
    expect(closest("compl", ["completion", "check"])).toBe("completion");
    expect(closest("zzz", ["list", "check"])).toBeUndefined();
  });
});

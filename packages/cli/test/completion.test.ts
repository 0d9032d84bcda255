import { execFileSync, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../src/commands/registry.js";
import { runCli } from "./helpers/run-cli.js";

const optionsOf = (name: string) =>
  (COMMANDS.find((c) => c.name === name)?.options ?? []).flatMap((o) => [
    `--${o.name}`,
    ...(o.aliases ?? []).map((a) => `--${a}`),
  ]);

const hasBash = spawnSync("bash", ["--version"]).status === 0;

/** Runs bash's completion function for the words typed so far, as bash would on TAB. */
function complete(script: string, words: string[]): string[] {
  const program = `${script}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")})
COMP_CWORD=${words.length - 1}
_atlas_snapshots
printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync("bash", ["--norc", "--noprofile", "-c", program], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean);
}

describe("completion", () => {
  it.each([["bash"], ["zsh"], ["fish"]])(
    "completion %s names every command and each command's options",
    async (shell) => {
      const { code, stdout } = await runCli(["completion", shell]);
      expect(code).toBe(0);
      for (const command of COMMANDS) expect(stdout).toContain(command.name);
      for (const option of optionsOf("list"))
        expect(stdout).toContain(shell === "fish" ? `-l ${option.slice(2)}` : option);
    },
  );

  it("refuses a shell it does not know, and a missing one", async () => {
    expect((await runCli(["completion", "powershell"])).code).toBe(2);
    expect((await runCli(["completion"])).code).toBe(2);
  });

  it.runIf(hasBash)("bash completes commands, only the command's own options, and option values", async () => {
    const script = (await runCli(["completion", "bash"])).stdout;
    expect(complete(script, ["atlas-snapshots", "wa"])).toEqual(["watch"]);
    const checkOptions = complete(script, ["atlas-snapshots", "check", "--"]);
    expect(checkOptions).toEqual(expect.arrayContaining(["--max-age", "--projectId", "--clusterName", "--profile"]));
    expect(checkOptions).not.toContain("--status");
    expect(checkOptions).not.toContain("--output");
    expect(complete(script, ["atlas-snapshots", "list", "-o", "js"])).toEqual(["json", "json-raw"]);
    expect(complete(script, ["atlas-snapshots", "list", "--status", "R"])).toEqual(["RUNNING"]);
    expect(complete(script, ["atlas-snapshots", "completion", "f"])).toEqual(["fish"]);
  });
});

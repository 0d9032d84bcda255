import { inspect } from "node:util";
import packageJson from "../package.json" with { type: "json" };
import { type CommandSpec, flagValue } from "./command-line/declare.js";
import { commandHelp, topUsage, usageLine } from "./command-line/help.js";
import { parseCommandLine } from "./command-line/parse.js";
import { GLOBAL_OPTIONS } from "./commands/options.js";
import { COMMANDS, overview } from "./commands/registry.js";
import { describeFailure } from "./describe-failure.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import type { Terminal } from "./terminal.js";
import { UsageError } from "./usage-error.js";

export const VERSION = packageJson.version;

/** Runs the tool; never throws: every failure becomes a message on stderr and an exit code. */
export async function main(args: readonly string[], terminal: Terminal): Promise<ExitCode> {
  // Known before parsing, so a malformed option still gets its command's usage line.
  let command: CommandSpec | undefined = COMMANDS.find((c) => args.includes(c.name));
  let verbose = args.includes("--verbose") || args.includes("-v");
  try {
    const line = parseCommandLine(args, COMMANDS, GLOBAL_OPTIONS);
    command = line.command;
    verbose = flagValue(line.values, "verbose");
    if (flagValue(line.values, "version")) return print(terminal, `${VERSION}\n`);
    if (!command) {
      if (flagValue(line.values, "help")) return print(terminal, `${overview()}\n`);
      throw new UsageError(`missing command: one of ${COMMANDS.map((c) => c.name).join(", ")}`);
    }
    if (flagValue(line.values, "help")) return print(terminal, `${commandHelp(command, GLOBAL_OPTIONS)}\n`);
    const { min, max } = command.positionals ?? { min: 0, max: 0 };
    if (line.positionals.length > max) {
      throw new UsageError(`unexpected argument ${JSON.stringify(line.positionals[max]?.slice(0, 80))}`);
    }
    if (line.positionals.length < min) throw new UsageError(`${command.name} needs an argument`);
    return await command.run({ values: line.values, positionals: line.positionals, terminal });
  } catch (error) {
    return report(error, command, verbose, terminal);
  }
}

async function print(terminal: Terminal, text: string): Promise<ExitCode> {
  await terminal.out(text);
  return EXIT.ok;
}

/** `atlas-snapshots: <message>`, the usage line for usage errors, a hint; details with --verbose. */
function report(error: unknown, command: CommandSpec | undefined, verbose: boolean, terminal: Terminal): ExitCode {
  const { code, message, hint } = describeFailure(error);
  terminal.err(`atlas-snapshots: ${message}`);
  if (error instanceof UsageError && error.showUsage) terminal.err(command ? usageLine(command) : topUsage(COMMANDS));
  if (hint) terminal.err(`hint: ${hint}`);
  // inspect shows the stack, the cause chain and the error's fields; terminal.err redacts the key.
  if (verbose && !(error instanceof UsageError)) terminal.err(inspect(error, { depth: 4, colors: false }));
  return code;
}

import { inspect } from "node:util";
import packageJson from "../package.json" with { type: "json" };
import { runCheck } from "./commands/check.js";
import { runList } from "./commands/list.js";
import { describeFailure } from "./describe-failure.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import { COMMAND_HELP, TOP_HELP, TOP_USAGE, USAGE } from "./help-text.js";
import { COMMAND_OPTIONS, COMMANDS, type CommandName, parseCommandLine } from "./parse-command-line.js";
import { resolveCheckOptions, resolveListOptions } from "./resolve-options.js";
import type { Terminal } from "./terminal.js";
import { UsageError } from "./usage-error.js";

export const VERSION = packageJson.version;

const isCommand = (name: string | undefined): name is CommandName => COMMANDS.includes(name as CommandName);

/** Runs the tool; never throws: every failure becomes a message on stderr and an exit code. */
export async function main(args: readonly string[], terminal: Terminal): Promise<ExitCode> {
  // Known before parsing, so a malformed option still gets its command's usage line.
  let command: string | undefined = args.find((arg) => isCommand(arg));
  let verbose = args.includes("--verbose") || args.includes("-v");
  try {
    const line = parseCommandLine(args);
    command = line.command;
    verbose = line.values.verbose === true;
    if (line.values.version) return print(terminal, `${VERSION}\n`);
    if (command === "help") {
      const [topic, ...extra] = line.rest;
      if (extra.length > 0 || (topic !== undefined && !isCommand(topic))) {
        throw new UsageError(`help takes one of ${COMMANDS.join(", ")}`);
      }
      return print(terminal, `${topic ? COMMAND_HELP[topic] : TOP_HELP}\n`);
    }
    if (command === undefined) {
      if (line.values.help) return print(terminal, `${TOP_HELP}\n`);
      throw new UsageError(`missing command: ${COMMANDS.join(" or ")}`);
    }
    if (!isCommand(command))
      throw new UsageError(`unknown command ${JSON.stringify(command)}; use ${COMMANDS.join(" or ")}`);
    if (line.values.help) return print(terminal, `${COMMAND_HELP[command]}\n`);
    const foreign = line.given.find((name) => !COMMAND_OPTIONS[command as CommandName].includes(name));
    if (foreign) throw new UsageError(`unknown option --${foreign} for ${command}`);
    if (line.rest.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(line.rest[0])}`);
    return command === "list"
      ? await runList(resolveListOptions(line.values), terminal)
      : await runCheck(resolveCheckOptions(line.values), terminal);
  } catch (error) {
    return report(error, isCommand(command) ? command : undefined, verbose, terminal);
  }
}

async function print(terminal: Terminal, text: string): Promise<ExitCode> {
  await terminal.out(text);
  return EXIT.ok;
}

/** `atlas-snapshots: <message>`, the usage line for usage errors, a hint; details with --verbose. */
function report(error: unknown, command: CommandName | undefined, verbose: boolean, terminal: Terminal): ExitCode {
  const { code, message, hint } = describeFailure(error);
  terminal.err(`atlas-snapshots: ${message}`);
  if (error instanceof UsageError && error.showUsage) terminal.err(command ? USAGE[command] : TOP_USAGE);
  if (hint) terminal.err(`hint: ${hint}`);
  // inspect shows the stack, the cause chain and the error's fields; terminal.err redacts the key.
  if (verbose && !(error instanceof UsageError)) terminal.err(inspect(error, { depth: 4, colors: false }));
  return code;
}

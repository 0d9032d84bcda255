import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "./usage-error.js";

/** Every option the tool knows; which command takes which is in COMMAND_OPTIONS. */
export const OPTIONS = {
  group: { type: "string", short: "g" },
  cluster: { type: "string", short: "c" },
  all: { type: "boolean" },
  page: { type: "string" },
  "items-per-page": { type: "string" },
  status: { type: "string", multiple: true, short: "s" },
  since: { type: "string" },
  output: { type: "string", short: "o" },
  "max-age": { type: "string" },
  "base-url": { type: "string" },
  mock: { type: "boolean" },
  "mock-data": { type: "string" },
  concurrency: { type: "string" },
  retries: { type: "string" },
  timeout: { type: "string" },
  verbose: { type: "boolean", short: "v" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "V" },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;

export type OptionName = keyof typeof OPTIONS;
export type CommandName = "list" | "check";
export const COMMANDS: readonly CommandName[] = ["list", "check"];

const CONNECTION: OptionName[] = [
  "group",
  "cluster",
  "base-url",
  "mock",
  "mock-data",
  "items-per-page",
  "concurrency",
  "retries",
  "timeout",
  "verbose",
  "help",
];

export const COMMAND_OPTIONS: Record<CommandName, readonly OptionName[]> = {
  list: [...CONNECTION, "all", "page", "status", "since", "output"],
  check: [...CONNECTION, "max-age"],
};

const CONFIG = { options: OPTIONS, allowPositionals: true, strict: true, tokens: true } as const;
type Parsed = ReturnType<typeof parseArgs<typeof CONFIG>>;
export type ParsedValues = Parsed["values"];

export interface CommandLine {
  /** `list`, `check`, `help`, or whatever else was typed first (main rejects it). */
  command?: string;
  /** Positionals after the command. */
  rest: string[];
  values: ParsedValues;
  /** Long names of the options given, in order. */
  given: OptionName[];
}

/** Parses argv strictly; throws UsageError with a plain message for unknown or malformed options. */
export function parseCommandLine(args: readonly string[]): CommandLine {
  let parsed: Parsed;
  try {
    parsed = parseArgs({ ...CONFIG, args: [...args] });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  const given = parsed.tokens.flatMap((token) => (token.kind === "option" ? [token.name as OptionName] : []));
  const [command, ...rest] = parsed.positionals;
  return { command, rest, values: parsed.values, given };
}

/** Node's messages are long and suggest `--` tricks; say what is wrong in a few words. */
function describeParseError(error: unknown): string {
  const { code, message = "" } = (error ?? {}) as { code?: string; message?: string };
  // Only the option's name: a value typed after "=" could be a secret.
  const name = /'(-[^'\s=,]+)'/.exec(message)?.[1] ?? "option";
  const long = /--[\w-]+/.exec(message)?.[0] ?? name;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${name}`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    return /does not take an argument/.test(message) ? `option ${long} takes no value` : `option ${long} needs a value`;
  }
  return "could not read the command line";
}

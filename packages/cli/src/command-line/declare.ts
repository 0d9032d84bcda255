import type { ExitCode } from "../exit-codes.js";
import type { Terminal } from "../terminal.js";

/** Where an option appears in a command's help. */
export type Section =
  | "What to list"
  | "What to print"
  | "What to check"
  | "Watching"
  | "Where to read from"
  | "Paging and network"
  | "General";

/**
 * One option, declared once: the parser, the help text, "did you mean" and the
 * shell completions are all read from this.
 */
export interface OptionSpec {
  /** The long name (`--group`), and the key of its value. */
  name: string;
  /** Other long names accepted for it, e.g. the Atlas CLI's `projectId`. */
  aliases?: readonly string[];
  short?: string;
  type: "string" | "boolean";
  /** Repeatable; values collect into an array. */
  multiple?: boolean;
  /** The value's name in help, e.g. `ID`. */
  placeholder?: string;
  /** Help text; `\n` starts a new help line. */
  description: string;
  /** Shown as `(default ...)`. */
  defaultText?: string;
  /** Environment variable read when the option is not given. */
  env?: string;
  /** Allowed values, offered by completion. */
  choices?: readonly string[];
  section: Section;
}

/** Parsed option values by long name: a string, strings for a repeatable option, or `true`. */
export type OptionValues = Readonly<Record<string, string | readonly string[] | true | undefined>>;

export interface CommandInput {
  values: OptionValues;
  positionals: readonly string[];
  terminal: Terminal;
}

/** One command, declared once. */
export interface CommandSpec {
  name: string;
  /** One line for the overview. */
  summary: string;
  /** After `Usage: atlas-snapshots NAME `. */
  usage: string;
  /** Paragraphs printed under the usage line. */
  description: string;
  options: readonly OptionSpec[];
  /** Positional arguments: their count and, for completion, their values. */
  positionals?: { min: number; max: number; choices?: readonly string[] };
  /** Extra help after the options (outputs, exit codes...). */
  epilogue?: readonly string[];
  examples: readonly string[];
  run(input: CommandInput): Promise<ExitCode>;
}

export const textValue = (values: OptionValues, name: string): string | undefined => {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
};
export const flagValue = (values: OptionValues, name: string): boolean => values[name] === true;
export const listValue = (values: OptionValues, name: string): readonly string[] => {
  const value = values[name];
  return Array.isArray(value) ? value : [];
};

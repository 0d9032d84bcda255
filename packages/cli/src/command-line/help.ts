import type { CommandSpec, OptionSpec, Section } from "./declare.js";

export const BIN = "atlas-snapshots";
const INDENT = 26;
const SECTIONS: readonly Section[] = [
  "What to list",
  "What to print",
  "What to check",
  "Watching",
  "Where to read from",
  "Paging and network",
  "General",
];

/** `  -g, --group ID` */
function label(option: OptionSpec): string {
  const short = option.short ? `-${option.short}, ` : "    ";
  return `  ${short}--${option.name}${option.placeholder ? ` ${option.placeholder}` : ""}`;
}

/** One option's help lines: its description, then aliases, default and variable from the declaration. */
export function optionHelp(option: OptionSpec): string {
  const extras = [
    ...(option.aliases ?? []).map((alias) => `also --${alias}`),
    option.defaultText && `default ${option.defaultText}`,
    option.env && `env ${option.env}`,
  ].filter(Boolean);
  const lines = option.description.split("\n");
  if (extras.length > 0) lines.push(`(${extras.join("; ")})`);
  const head = label(option);
  const pad = " ".repeat(INDENT);
  const first = head.length < INDENT ? head.padEnd(INDENT) + lines[0] : `${head}\n${pad}${lines[0]}`;
  return [first, ...lines.slice(1).map((line) => pad + line)].join("\n");
}

/** The usage line a usage error repeats. */
export const usageLine = (command: CommandSpec) => `Usage: ${BIN} ${command.name} ${command.usage}`.trimEnd();

/** A command's help: usage, description, exactly its options by section, the epilogue, examples. */
export function commandHelp(command: CommandSpec, globals: readonly OptionSpec[]): string {
  const options = [...command.options, ...globals];
  const sections = SECTIONS.flatMap((section) => {
    const inSection = options.filter((option) => option.section === section);
    return inSection.length === 0 ? [] : [`${section}:\n${inSection.map(optionHelp).join("\n")}`];
  });
  const examples = command.examples.length
    ? [`Examples:\n${command.examples.map((e) => `  ${BIN} ${e}`).join("\n")}`]
    : [];
  return [usageLine(command), command.description, ...sections, ...(command.epilogue ?? []), ...examples].join("\n\n");
}

/** The overview: what the tool does, its commands, and the shared notes. */
export function topHelp(commands: readonly CommandSpec[], notes: readonly string[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    `${BIN}: list and check the backup snapshots of MongoDB Atlas M2/M5 and Flex clusters.`,
    `Usage:\n${commands.map((c) => `  ${BIN} ${c.name} ${c.usage}`.trimEnd()).join("\n")}\n  ${BIN} --help | --version`,
    `Commands:\n${commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join("\n")}`,
    `Run "${BIN} COMMAND --help" for a command's options.\nTry it without an Atlas account: ${BIN} list --mock`,
    ...notes,
  ].join("\n\n");
}

export const topUsage = (commands: readonly CommandSpec[]) =>
  `Usage: ${BIN} <${commands.map((c) => c.name).join("|")}> [options]   (${BIN} --help for more)`;

import type { CommandSpec, OptionSpec } from "./declare.js";
import { BIN } from "./help.js";

export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

const FN = "_atlas_snapshots";
const words = (options: readonly OptionSpec[]) =>
  options.flatMap((o) => [
    `--${o.name}`,
    ...(o.aliases ?? []).map((a) => `--${a}`),
    ...(o.short ? [`-${o.short}`] : []),
  ]);
const shellWords = (list: readonly string[]) => list.join(" ");
const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** Options whose values completion can offer, with their flags. */
function valueChoices(commands: readonly CommandSpec[]) {
  const seen = new Map<string, { flags: string[]; choices: readonly string[] }>();
  for (const option of commands.flatMap((c) => c.options)) {
    if (option.choices && !seen.has(option.name))
      seen.set(option.name, { flags: words([option]), choices: option.choices });
  }
  return [...seen.values()];
}

function bash(commands: readonly CommandSpec[], globals: readonly OptionSpec[]): string {
  const perCommand = commands
    .map(
      (c) =>
        `    ${c.name}) opts=${quote(shellWords([...words(c.options), ...words(globals)]))}; args=${quote(shellWords(c.positionals?.choices ?? []))} ;;`,
    )
    .join("\n");
  const values = valueChoices(commands)
    .map(
      ({ flags, choices }) =>
        `    ${flags.join("|")}) COMPREPLY=($(compgen -W ${quote(shellWords(choices))} -- "$cur")); return ;;`,
    )
    .join("\n");
  return `# ${BIN} completion for bash: eval "$(${BIN} completion bash)", e.g. in ~/.bashrc
${FN}() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} cmd="" i opts args
  for ((i = 1; i < COMP_CWORD; i++)); do
    case \${COMP_WORDS[i]} in -*) ;; *) cmd=\${COMP_WORDS[i]}; break ;; esac
  done
  case $prev in
${values}
  esac
  case $cmd in
${perCommand}
    *) COMPREPLY=($(compgen -W ${quote(shellWords([...commands.map((c) => c.name), ...words(globals)]))} -- "$cur")); return ;;
  esac
  if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "$opts" -- "$cur")); else COMPREPLY=($(compgen -W "$args" -- "$cur")); fi
}
complete -o default -F ${FN} ${BIN}
`;
}

function zsh(commands: readonly CommandSpec[], globals: readonly OptionSpec[]): string {
  const perCommand = commands
    .map(
      (c) =>
        `    (${c.name}) compadd -- ${shellWords([...words(c.options), ...words(globals), ...(c.positionals?.choices ?? [])])} ;;`,
    )
    .join("\n");
  const values = valueChoices(commands)
    .map(({ flags, choices }) => `    (${flags.join("|")}) compadd -- ${shellWords(choices)}; return ;;`)
    .join("\n");
  return `#compdef ${BIN}
# ${BIN} completion for zsh: eval "$(${BIN} completion zsh)", e.g. in ~/.zshrc (after compinit)
${FN}() {
  local cmd="" i
  for ((i = 2; i < CURRENT; i++)); do
    case \${words[i]} in (-*) ;; (*) cmd=\${words[i]}; break ;; esac
  done
  case \${words[CURRENT-1]} in
${values}
  esac
  case $cmd in
${perCommand}
    (*) compadd -- ${shellWords([...commands.map((c) => c.name), ...words(globals)])} ;;
  esac
}
compdef ${FN} ${BIN}
`;
}

function fish(commands: readonly CommandSpec[], globals: readonly OptionSpec[]): string {
  const names = commands.map((c) => c.name).join(" ");
  const line = (condition: string, option: OptionSpec) => {
    const parts = [`complete -c ${BIN} -n ${quote(condition)}`, `-l ${option.name}`];
    if (option.short) parts.push(`-s ${option.short}`);
    if (option.type === "string") parts.push(option.choices ? `-x -a ${quote(option.choices.join(" "))}` : "-r");
    parts.push(`-d ${quote(option.description.split("\n")[0] as string)}`);
    const aliases = (option.aliases ?? []).map(
      (alias) =>
        `complete -c ${BIN} -n ${quote(condition)} -l ${alias}${option.type === "string" ? " -r" : ""} -d ${quote(`same as --${option.name}`)}`,
    );
    return [parts.join(" "), ...aliases].join("\n");
  };
  return [
    `# ${BIN} completion for fish: ${BIN} completion fish > ~/.config/fish/completions/${BIN}.fish`,
    `complete -c ${BIN} -f`,
    ...commands.map((c) => `complete -c ${BIN} -n '__fish_use_subcommand' -a ${c.name} -d ${quote(c.summary)}`),
    ...globals.map((g) => line("true", g)),
    ...commands.flatMap((c) => [
      ...c.options.map((o) => line(`__fish_seen_subcommand_from ${c.name}`, o)),
      ...(c.positionals?.choices?.length
        ? [
            `complete -c ${BIN} -n ${quote(`__fish_seen_subcommand_from ${c.name}`)} -a ${quote(c.positionals.choices.join(" "))}`,
          ]
        : []),
    ]),
    `# commands: ${names}`,
    "",
  ].join("\n");
}

/** The completion script for `shell`, generated from the same declarations as parsing and help. */
export function completionScript(
  shell: Shell,
  commands: readonly CommandSpec[],
  globals: readonly OptionSpec[],
): string {
  return { bash, zsh, fish }[shell](commands, globals);
}

import { UsageError } from "../usage-error.js";
import type { CommandSpec, OptionSpec, OptionValues } from "./declare.js";
import { didYouMean } from "./suggest.js";

export interface CommandLine {
  /** The first positional, whatever it is (undefined when none). */
  commandName?: string;
  /** The command it names, once it is known. */
  command?: CommandSpec;
  values: OptionValues;
  /** Positionals after the command. */
  positionals: string[];
}

interface Token {
  spec: OptionSpec;
  /** As typed, without any value: `--projectId`, `-g`. */
  typed: string;
}

const longName = (spec: OptionSpec) => `--${spec.name}`;

/**
 * Parses argv against the declared commands and the global options. Options
 * may come before or after the command. Errors never quote a value (it could
 * be a key typed in the wrong place), only option and command names.
 */
export function parseCommandLine(
  args: readonly string[],
  commands: readonly CommandSpec[],
  globals: readonly OptionSpec[],
): CommandLine {
  // Every name any command declares: enough to know which options take a value before the command is known.
  const byLong = new Map<string, OptionSpec>();
  const byShort = new Map<string, OptionSpec>();
  for (const spec of [...globals, ...commands.flatMap((command) => command.options)]) {
    for (const name of [spec.name, ...(spec.aliases ?? [])]) if (!byLong.has(name)) byLong.set(name, spec);
    if (spec.short && !byShort.has(spec.short)) byShort.set(spec.short, spec);
  }

  const tokens: Token[] = [];
  const unknown: string[] = [];
  const values: Record<string, string | string[] | true> = {};
  const positionals: string[] = [];
  const set = (token: Token, value: string | true) => {
    tokens.push(token);
    const { name, multiple } = token.spec;
    if (multiple && typeof value === "string")
      values[name] = [...((values[name] as string[] | undefined) ?? []), value];
    else values[name] = value;
  };
  const isValue = (next: string | undefined): next is string =>
    next !== undefined && !(next.startsWith("-") && next.length > 1);

  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = arg.slice(2, eq === -1 ? undefined : eq);
      const spec = byLong.get(name);
      if (!spec) {
        unknown.push(`--${name}`);
        continue;
      }
      const token = { spec, typed: `--${name}` };
      if (spec.type === "boolean") {
        if (eq !== -1) throw new UsageError(`option ${token.typed} takes no value`);
        set(token, true);
      } else if (eq !== -1) set(token, arg.slice(eq + 1));
      else if (isValue(args[i + 1])) set(token, args[++i] as string);
      else throw new UsageError(`option ${token.typed} needs a value`);
    } else if (arg.startsWith("-") && arg.length > 1) {
      const spec = byShort.get(arg[1] as string);
      if (!spec) {
        unknown.push(arg.slice(0, 2));
        continue;
      }
      const token = { spec, typed: arg.slice(0, 2) };
      const attached = arg.slice(2).replace(/^=/, "");
      if (spec.type === "boolean") {
        if (attached) throw new UsageError(`option ${token.typed} takes no value`);
        set(token, true);
      } else if (attached) set(token, attached);
      else if (isValue(args[i + 1])) set(token, args[++i] as string);
      else throw new UsageError(`option ${longName(spec)} needs a value`);
    } else positionals.push(arg);
  }

  const [commandName, ...rest] = positionals;
  const command = commands.find((c) => c.name === commandName);
  const allowed = command ? [...globals, ...command.options] : [...byLong.values()];
  const names = (specs: readonly OptionSpec[]) => specs.flatMap((s) => [s.name, ...(s.aliases ?? [])]);

  const [firstUnknown] = unknown;
  if (firstUnknown !== undefined) {
    const hint = firstUnknown.startsWith("--")
      ? didYouMean(firstUnknown.slice(2), names(allowed), (n) => `--${n}`)
      : "";
    throw new UsageError(`unknown option ${firstUnknown}${command ? ` for ${command.name}` : ""}${hint}`);
  }
  if (commandName !== undefined && !command) {
    const hint = didYouMean(
      commandName,
      commands.map((c) => c.name),
    );
    throw new UsageError(
      `unknown command ${JSON.stringify(commandName.slice(0, 40))}${hint || `; use one of ${commands.map((c) => c.name).join(", ")}`}`,
    );
  }
  if (command) {
    const foreign = tokens.find(({ spec }) => !allowed.some((s) => s.name === spec.name));
    if (foreign) {
      const owners = commands.filter((c) => c.options.some((s) => s.name === foreign.spec.name)).map((c) => c.name);
      throw new UsageError(
        `option ${foreign.typed} is not an option of ${command.name} (it belongs to ${owners.join(", ")})`,
      );
    }
  }
  return { commandName, command, values, positionals: rest };
}

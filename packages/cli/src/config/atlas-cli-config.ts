import { readFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { parse as parseToml } from "smol-toml";
import { UsageError } from "../usage-error.js";

/** The keys of an Atlas CLI profile that this tool reads; everything else in the file is ignored. */
export interface AtlasProfile {
  project_id?: string;
  public_api_key?: string;
  private_api_key?: string;
  client_id?: string;
  client_secret?: string;
  output?: string;
  ops_manager_url?: string;
}
const PROFILE_KEYS = [
  "project_id",
  "public_api_key",
  "private_api_key",
  "client_id",
  "client_secret",
  "output",
  "ops_manager_url",
] as const;

export const DEFAULT_PROFILE = "default";

/**
 * The Atlas CLI's config folder, as it finds it (Go's os.UserConfigDir):
 * `%AppData%\atlascli` on Windows, `~/Library/Application Support/atlascli`
 * on macOS, else `$XDG_CONFIG_HOME/atlascli` or `$HOME/.config/atlascli`.
 */
export function atlasConfigFile(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  const home = env.HOME ?? env.USERPROFILE ?? "";
  const base =
    platform === "win32"
      ? (env.APPDATA ?? join(home, "AppData", "Roaming"))
      : platform === "darwin"
        ? join(home, "Library", "Application Support")
        : env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME)
          ? env.XDG_CONFIG_HOME
          : join(home, ".config");
  return join(base, "atlascli", "config.toml");
}

export interface LoadedProfile {
  file: string;
  name: string;
  /** Undefined when there is no file or no such profile and none was asked for by name. */
  profile?: AtlasProfile;
}

/**
 * Reads one profile from the Atlas CLI's config.toml; never writes it. A
 * profile asked for by name (`-P`) must exist; the default one may be absent.
 * A malformed file is a usage error naming the file and the line.
 */
export async function loadAtlasProfile(
  env: NodeJS.ProcessEnv,
  name: string,
  explicit: boolean,
): Promise<LoadedProfile> {
  const file = atlasConfigFile(env);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && !explicit) return { file, name };
    throw new UsageError(
      code === "ENOENT"
        ? `profile ${JSON.stringify(name)}: there is no Atlas CLI config file at ${file}`
        : `cannot read the Atlas CLI config file ${file} (${code ?? error})`,
      false,
    );
  }
  let document: Record<string, unknown>;
  try {
    document = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    const { line, column } = error as { line?: number; column?: number };
    const where = line === undefined ? file : `${file}:${line}${column === undefined ? "" : `:${column}`}`;
    throw new UsageError(`${where}: the Atlas CLI config file is not valid TOML; fix or remove that line`, false);
  }
  const table = document[name];
  if (table === undefined || typeof table !== "object" || table === null || Array.isArray(table)) {
    if (!explicit && table === undefined) return { file, name };
    const profiles = Object.keys(document).filter((key) => typeof document[key] === "object");
    throw new UsageError(
      `profile ${JSON.stringify(name)} is not in ${file} (profiles there: ${profiles.join(", ") || "none"})`,
      false,
    );
  }
  const profile: AtlasProfile = {};
  for (const key of PROFILE_KEYS) {
    const value = (table as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (typeof value !== "string") throw new UsageError(`${file}: [${name}] ${key} must be a string`, false);
    if (value.trim()) profile[key] = value.trim();
  }
  return { file, name, profile };
}

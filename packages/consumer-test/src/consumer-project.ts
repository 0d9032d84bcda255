import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { run } from "./run.js";

const require = createRequire(import.meta.url);
/** The workspace's TypeScript, run on the consumer's files: the compiler is not what is under test. */
export const tscBin = require.resolve("typescript/bin/tsc");

/**
 * npm's environment without what `pnpm run` adds (`npm_config_*` would steer
 * npm with pnpm's settings), plus our scope routed to the test registry.
 */
export function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(npm_|pnpm_)/i.test(name)),
  ) as NodeJS.ProcessEnv;
}

export const scopeFlag = (registry: string) => `--@atlas-snapshots:registry=${registry}/`;

/** `npm install` into `dir`, our scope from the test registry, everything else from the usual one. */
export async function npmInstall(dir: string, registry: string, packages: readonly string[]): Promise<void> {
  await npmInstallArgs(dir, [scopeFlag(registry), ...packages]);
}

/**
 * `npm install ARGS`, tried up to three times. Third-party packages (msw's tree)
 * resolve from the public registry without a lockfile, and a registry mirror can
 * briefly serve a package list that lacks a version another package already
 * asks for (seen here: ETARGET for a transitive @inquirer package). The first try
 * prefers npm's cache; a retry asks the registry afresh. A real fault of ours (a
 * dependency that does not exist) fails all three, with every try's output.
 */
export async function npmInstallArgs(dir: string, args: readonly string[]): Promise<void> {
  const failures: string[] = [];
  for (const freshness of ["--prefer-offline", "--prefer-online", "--prefer-online"]) {
    const result = await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", freshness, ...args], {
      cwd: dir,
      env: npmEnv(),
      allowFailure: true,
    });
    if (result.code === 0) return;
    failures.push(`npm install ${freshness} ${args.join(" ")} exited with ${result.code}\n${result.stderr}`);
  }
  throw new Error(`npm install failed three times (in ${dir}):\n${failures.join("\n---\n")}`);
}

export type Setup = "nodenext-esm" | "nodenext-cjs" | "bundler";

/** Strict settings a careful consumer uses; `dom` only where a library demands it (msw does). */
export function compilerOptions(setup: Setup, lib: readonly string[]) {
  const common = {
    strict: true,
    skipLibCheck: false,
    lib,
    types: ["node"],
    target: "es2022",
    rootDir: ".",
    outDir: "out",
  };
  return setup === "bundler"
    ? { ...common, module: "esnext", moduleResolution: "bundler", noEmit: true }
    : { ...common, module: "nodenext", moduleResolution: "nodenext" };
}

/**
 * A folder of `project` holding `files` and a tsconfig for `setup`; a
 * CommonJS-typed folder gets `{"type":"commonjs"}`, the others `"module"`.
 */
export async function writeSetup(
  project: string,
  setup: Setup,
  lib: readonly string[],
  files: Record<string, string>,
): Promise<string> {
  const dir = join(project, setup);
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, "package.json"),
    JSON.stringify({ type: setup === "nodenext-cjs" ? "commonjs" : "module" }),
  );
  await writeFile(
    join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: compilerOptions(setup, lib), include: Object.keys(files) }, null, 2),
  );
  for (const [name, code] of Object.entries(files)) await writeFile(join(dir, name), code);
  return dir;
}

/** Typechecks (and for nodenext, emits to `out/`) one setup folder; throws with tsc's diagnostics. */
export async function compile(dir: string): Promise<void> {
  await run(process.execPath, [tscBin, "-p", join(dir, "tsconfig.json")], { cwd: dir });
}

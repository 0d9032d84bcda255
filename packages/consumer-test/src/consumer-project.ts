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
  await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", scopeFlag(registry), ...packages], {
    cwd: dir,
    env: npmEnv(),
  });
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

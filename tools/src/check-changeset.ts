/**
 * `pnpm check:changeset [--base REF]`: a spec change that `check:breaking` calls
 * breaking must come with a changeset that releases every package built on the
 * spec as a new major version. REF defaults to where this branch left `main`
 * (HEAD itself on main, where there is nothing to compare).
 */
import { execFileSync } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { classifyChanges } from "./lib/breaking/classify-changes.ts";
import { parseSpec, readSpecText } from "./lib/load-spec.ts";
import { missingMajors, parseChangeset } from "./lib/release/required-bumps.ts";
import { repoRoot, specPath } from "./lib/repo-paths.ts";

const usage = "usage: pnpm check:changeset [--base REF]   (REF defaults to the merge base with main)";
const git = (...args: string[]) =>
  execFileSync("git", args, { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

let base: string;
try {
  const { values } = parseArgs({ options: { base: { type: "string" }, help: { type: "boolean" } }, strict: true });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  base = values.base ?? defaultBase();
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`);
}

function defaultBase(): string {
  try {
    return git("merge-base", "HEAD", "main");
  } catch {
    return "HEAD"; // no main branch here (a detached CI checkout): compare with the last commit
  }
}

let baseText: string;
try {
  baseText = git("show", `${base}:${specPath}`);
} catch {
  fail(`Cannot read ${specPath} at git ref "${base}".\n${usage}`);
}
const changes = classifyChanges(
  parseSpec(baseText, `${specPath}@${base}`),
  parseSpec(await readSpecText(join(repoRoot, specPath))),
);
if (changes.length === 0) {
  console.log(`No breaking spec changes since ${base}: any changeset will do.`);
  process.exit(0);
}

// Changesets present now that the base did not have (`changeset version` deletes released ones).
const atBase = new Set(git("ls-tree", "--name-only", base, ".changeset/").split("\n"));
const dir = join(repoRoot, ".changeset");
const files = (await readdir(dir)).filter((file) => file.endsWith(".md") && file !== "README.md");
const added = files.filter((file) => !atBase.has(`.changeset/${file}`));
const changesets = await Promise.all(
  added.map(async (file) => parseChangeset(await readFile(join(dir, file), "utf8"), `.changeset/${file}`)),
);
const missing = missingMajors(changesets);
if (missing.length > 0) {
  console.error(`${changes.length} breaking change(s) in ${specPath} since ${base}:`);
  for (const change of changes) console.error(`  [${change.rule}] ${change.where}: ${change.message}`);
  console.error(`No changeset releases these as a new major version: ${missing.join(", ")}.`);
  console.error(
    "Run `pnpm changeset`, choose major for each of them, and describe what consumers must change (docs/releasing.md).",
  );
  process.exit(1);
}
console.log(`${changes.length} breaking spec change(s) since ${base}, released as major by a changeset.`);

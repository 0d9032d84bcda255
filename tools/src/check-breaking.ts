/**
 * `pnpm check:breaking [--base REF]`: compares spec/openapi.yaml with its
 * version at REF (default HEAD) and fails on changes that break consumers.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { classifyChanges } from "./lib/breaking/classify-changes.ts";
import { parseSpec, readSpecText } from "./lib/load-spec.ts";
import { specPath } from "./lib/repo-paths.ts";

const usage = "usage: pnpm check:breaking [--base REF]   (REF defaults to HEAD, the last commit)";

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

let base = "HEAD";
try {
  const { values } = parseArgs({ options: { base: { type: "string" }, help: { type: "boolean" } }, strict: true });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  base = values.base ?? base;
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`);
}

const root = execFileSync("git", ["rev-parse", "--show-toplevel"], { encoding: "utf8" }).trim();
let baseText: string;
try {
  baseText = execFileSync("git", ["show", `${base}:${specPath}`], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
} catch {
  fail(`Cannot read ${specPath} at git ref "${base}". Is the ref right, and did the spec exist there?\n${usage}`);
}

const changes = classifyChanges(
  parseSpec(baseText, `${specPath}@${base}`),
  parseSpec(await readSpecText(join(root, specPath))),
);
if (changes.length > 0) {
  console.error(`${changes.length} breaking change(s) in ${specPath} since ${base}:`);
  for (const change of changes) console.error(`  [${change.rule}] ${change.where}: ${change.message}`);
  console.error(
    "Consumers built against the old spec would break. Make the change additive, or release it as a new major version.",
  );
  process.exit(1);
}
console.log(`No breaking changes in ${specPath} since ${base}.`);

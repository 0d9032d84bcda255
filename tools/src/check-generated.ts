/** `pnpm check:generated`: fails when a committed generated file differs from what the spec produces now. */
import { committedFiles, workingTree } from "./lib/committed-files.ts";
import { findDrift } from "./lib/find-drift.ts";
import { repoRoot } from "./lib/repo-paths.ts";

// The checkout being checked: the one the command runs in (tests point it at copies).
const root = process.env.ATLAS_SNAPSHOTS_ROOT ?? repoRoot;

const source = process.argv.includes("--working-tree") ? workingTree(root) : committedFiles(root);
const drift = await findDrift(root, source);
if (drift.length > 0) {
  console.error(`Generated files are out of date with spec/openapi.yaml (checked ${source.description}):`);
  for (const { path, problem } of drift) console.error(`  ${path}: ${problem}`);
  console.error("Fix: run `pnpm generate`, then commit (or `git add`) the files under packages/types/src/generated.");
  process.exit(1);
}
console.log(`Generated files match spec/openapi.yaml (checked ${source.description}).`);

/** `pnpm check:generated`: fails when a generated file differs from what the spec produces now. */
import { findDrift } from "./lib/find-drift.ts";

const drift = await findDrift();
if (drift.length > 0) {
  console.error("Generated files are out of date with spec/openapi.yaml:");
  for (const { path, problem } of drift) console.error(`  ${path}: ${problem}`);
  console.error("Fix: run `pnpm generate` and commit the result.");
  process.exit(1);
}
console.log("Generated files match spec/openapi.yaml.");

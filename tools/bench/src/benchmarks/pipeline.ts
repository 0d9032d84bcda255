import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCommand, runCommandSync } from "../lib/run-command.js";
import { formatMs, formatRatio, round, SampleSet } from "../lib/stats.js";
import type { Benchmark, BenchmarkResult } from "../lib/types.js";

const SPEC = "spec/openapi.yaml";
const GENERATED = "packages/types/src/generated";
const BUILD_TIMEOUT_MS = 10 * 60_000;
const MARK = " (benchmark edit)";

/** Every file of a folder, by name, with its content. */
function snapshotDir(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), "utf8")]));
}

function sameSnapshot(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([name, content]) => b.get(name) === content);
}

function gitQuiet(root: string, ...paths: string[]): boolean {
  try {
    execFileSync("git", ["diff", "--quiet", "--", ...paths], { cwd: root, stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** The spec with one single-line description under `components:` changed: harmless, and it reaches the generated types. */
export function editOneDescription(spec: string): string {
  const lines = spec.split("\n");
  const components = lines.indexOf("components:");
  const index = lines.findIndex((line, i) => i > components && /^\s+description: [^|>\s].*\S$/.test(line));
  if (components < 0 || index < 0) throw new Error(`${SPEC}: found no single-line description under components`);
  lines[index] = `${lines[index]}${MARK}`;
  return lines.join("\n");
}

/**
 * 6. The pipeline: a cold `pnpm build` (turbo --force, every task run), a
 * rebuild with nothing changed (cache hits), and a rebuild after a one-line
 * change to a description in the spec (`pnpm generate` then `pnpm build`).
 * The spec and the generated folder are restored afterwards, always.
 * Quick mode skips the cold build and times `pnpm generate` for the spec change.
 */
export const pipeline: Benchmark = {
  id: "pipeline",
  title: "6. Pipeline",
  async run({ quick, root, log }): Promise<BenchmarkResult> {
    const pnpm = (args: string[]) => runCommand("pnpm", ["--silent", ...args], root, BUILD_TIMEOUT_MS);
    const samples = new SampleSet();
    const notes: string[] = [];

    if (!quick) {
      log("  cold build (turbo --force)");
      samples.add("coldBuild.ms", (await pnpm(["build", "--force", "--output-logs=errors-only"])).ms);
    } else {
      // Make sure the cache holds the current tree, so the no-change rebuild below is all hits.
      await pnpm(["build", "--output-logs=errors-only"]);
    }
    const noChangeRuns = quick ? 1 : 3;
    for (let i = 0; i < noChangeRuns; i++) {
      log(`  no-change rebuild ${i + 1}/${noChangeRuns}`);
      const run = await pnpm(["build", "--output-logs=errors-only"]);
      samples.add("noChangeRebuild.ms", run.ms);
    }

    // The one-line spec change. Whatever happens, put back the exact bytes and regenerate.
    const specPath = join(root, SPEC);
    const original = readFileSync(specPath, "utf8");
    const generatedBefore = snapshotDir(join(root, GENERATED));
    const cleanBefore = gitQuiet(root, "spec", GENERATED);
    // If the run ends abruptly (a signal, or run.ts giving up on a benchmark that overran), restore synchronously.
    let restored = false;
    const restoreSync = () => {
      if (restored) return;
      writeFileSync(specPath, original);
      restored = runCommandSync("pnpm", ["--silent", "generate"], root);
    };
    const onSignal = () => {
      restoreSync();
      process.exit(130);
    };
    process.once("exit", restoreSync);
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    let generatedChanged = false;
    try {
      writeFileSync(specPath, editOneDescription(original));
      log(`  spec change: pnpm generate${quick ? "" : " + pnpm build"}`);
      const generate = await pnpm(["generate"]);
      generatedChanged = !sameSnapshot(generatedBefore, snapshotDir(join(root, GENERATED)));
      const build = quick ? undefined : await pnpm(["build", "--output-logs=errors-only"]);
      samples.add("specChange.ms", generate.ms + (build?.ms ?? 0));
      samples.add("specChange.generateMs", generate.ms);
      if (build) samples.add("specChange.buildMs", build.ms);
    } finally {
      writeFileSync(specPath, original);
      await pnpm(["generate"]);
      restored = true;
      // Cache hits put every dist folder back as the restored spec builds it.
      if (!quick) await pnpm(["build", "--output-logs=errors-only"]);
      process.off("exit", restoreSync);
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
    if (
      !sameSnapshot(generatedBefore, snapshotDir(join(root, GENERATED))) ||
      readFileSync(specPath, "utf8") !== original
    ) {
      throw new Error(`${SPEC} or ${GENERATED} differs from before the benchmark; check \`git diff\``);
    }
    if (cleanBefore && !gitQuiet(root, "spec", GENERATED)) {
      throw new Error(`\`git diff --quiet spec ${GENERATED}\` fails after restoring; check \`git diff\``);
    }
    if (!generatedChanged)
      notes.push("The spec edit left the generated files unchanged, so the rebuild may be a cache hit.");

    const medians: Record<string, number> = {
      noChangeRebuildMs: round(samples.median("noChangeRebuild.ms"), 0),
      specChangeMs: round(samples.median("specChange.ms"), 0),
    };
    const ratios: Record<string, number> = {};
    const cold = samples.last("coldBuild.ms");
    if (cold !== undefined) {
      medians.coldBuildMs = round(cold, 0);
      ratios.noChangeToCold = round((medians.noChangeRebuildMs as number) / cold);
      ratios.specChangeToCold = round((medians.specChangeMs as number) / cold);
    }
    const rows: BenchmarkResult["rows"] = [
      {
        benchmark: this.title,
        metric: "cold `pnpm build` (turbo --force)",
        goal: "(baseline)",
        ours: cold === undefined ? "skipped (quick)" : formatMs(cold),
        alternative: "—",
        ratio: cold === undefined ? "n/a" : "1.00x",
        met: undefined,
      },
      {
        benchmark: this.title,
        metric: "no-change rebuild",
        goal: "ratio to cold build",
        ours: formatMs(medians.noChangeRebuildMs as number),
        alternative: cold === undefined ? "cold build: skipped" : `cold build: ${formatMs(cold)}`,
        ratio: ratios.noChangeToCold === undefined ? "n/a" : formatRatio(ratios.noChangeToCold),
        met: undefined,
      },
      {
        benchmark: this.title,
        metric: quick ? "one-line spec change: `pnpm generate` only" : "one-line spec change: generate + build",
        goal: "ratio to cold build",
        ours: formatMs(medians.specChangeMs as number),
        alternative: cold === undefined ? "cold build: skipped" : `cold build: ${formatMs(cold)}`,
        ratio: ratios.specChangeToCold === undefined ? "n/a" : formatRatio(ratios.specChangeToCold),
        met: undefined,
      },
    ];
    notes.push(
      "Pipeline: a spec change invalidates `@atlas-snapshots/types` and, through turbo's dependency hashes, every package " +
        "built on it, so the spec-change rebuild redoes most of the cold build; the no-change rebuild is all cache hits.",
    );
    return {
      id: this.id,
      title: this.title,
      settings: { noChangeRuns, coldBuild: !quick, specEdit: `appended "${MARK}" to one description line` },
      samples: Object.fromEntries(Object.entries(samples.series).map(([k, v]) => [k, v.map((x) => round(x, 0))])),
      medians,
      ratios,
      rows,
      notes,
      unmet: [],
    };
  },
};

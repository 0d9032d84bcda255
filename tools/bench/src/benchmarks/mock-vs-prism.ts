import { rmSync } from "node:fs";
import { join } from "node:path";
import autocannon from "autocannon";
import { build } from "esbuild";
import { freePort } from "../lib/free-port.js";
import { SNAPSHOTS_PATH } from "../lib/mock-target.js";
import { prismBin, writePrismSpec } from "../lib/prism-spec.js";
import { runCommand } from "../lib/run-command.js";
import { type ServerProcess, startServerProcess } from "../lib/server-process.js";
import { formatBytes, formatMs, formatRatio, round, SampleSet } from "../lib/stats.js";
import type { Benchmark, BenchmarkResult } from "../lib/types.js";

const CONNECTIONS = 10;
const THROUGHPUT_GOAL = 5;
const STARTUP_GOAL = 0.1;

interface Target {
  name: string;
  start(port: number): { command: string; args: string[]; path: string };
}

interface LoadResult {
  requestsPerSecond: number;
  total: number;
  non2xx: number;
  errors: number;
  p50LatencyMs: number;
}

async function load(url: string, seconds: number): Promise<LoadResult> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  return {
    requestsPerSecond: result.requests.total / (result.duration || seconds),
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    p50LatencyMs: result.latency.p50,
  };
}

/** The bare package names a built file loads, directly or through its local chunks (esbuild's metafile). */
async function packagesLoadedBy(file: string): Promise<string[]> {
  const result = await build({
    entryPoints: [file],
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const names = new Set<string>();
  for (const input of Object.values(result.metafile.inputs)) {
    for (const { path, external } of input.imports) if (external && !path.startsWith("node:")) names.add(path);
  }
  return [...names].sort();
}

/**
 * 3. Our mock server against Prism's mock on the same spec and operation:
 * start-up (spawn to first 200), requests per second at 10 connections with
 * autocannon, and resident memory after the load. Our mock runs with auth
 * off (Prism's derived spec has no security) and a bucket too large to
 * refuse anything, so both answer every request with a 200 page.
 */
export const mockVsPrism: Benchmark = {
  id: "mock-vs-prism",
  title: "3. Mock server vs Prism",
  async run({ quick, root, log }): Promise<BenchmarkResult> {
    const startups = quick ? 1 : 5;
    const warmupSeconds = quick ? 0 : 1;
    const loadSeconds = quick ? 1 : 5;
    const spec = writePrismSpec();
    const targets: Record<"ours" | "prism", Target> = {
      ours: {
        name: "our mock server",
        start: (port) => ({
          command: process.execPath,
          args: [
            join(root, "packages/mock/dist/cli.js"),
            ...["--port", String(port), "--host", "127.0.0.1", "--no-auth"],
            // The CLI has no switch to turn the bucket off; one this large never refuses.
            ...["--rate-limit", "1000000000/1000000000"],
          ],
          path: `/api/atlas/v1.0${SNAPSHOTS_PATH}`,
        }),
      },
      prism: {
        name: "Prism 5.14.2 mock",
        start: (port) => ({
          command: process.execPath,
          args: [prismBin, "mock", spec.file, "--port", String(port), "--host", "127.0.0.1"],
          path: SNAPSHOTS_PATH,
        }),
      },
    };

    // Context for start-up: Node's own floor with a bare node:http server, and what loading msw costs.
    const floor: Target = {
      name: "bare node:http server",
      start: (port) => ({
        command: process.execPath,
        args: [
          "-e",
          "require('node:http').createServer((q, s) => s.end('{}')).listen(Number(process.argv[1]), '127.0.0.1')",
          String(port),
        ],
        path: "/",
      }),
    };
    const importCost = async (specifier: string) => {
      const cwd = join(root, "packages/mock");
      const bare = await runCommand(process.execPath, ["-e", "0"], cwd, 30_000);
      const loaded = await runCommand(process.execPath, ["-e", `import(${JSON.stringify(specifier)})`], cwd, 30_000);
      return loaded.ms - bare.ms;
    };

    const cliPackages = await packagesLoadedBy(join(root, "packages/mock/dist/cli.js"));

    const launch = async (target: Target): Promise<{ server: ServerProcess; url: string }> => {
      const port = await freePort();
      const { command, args, path } = target.start(port);
      const url = `http://127.0.0.1:${port}${path}`;
      const server = await startServerProcess({ command, args, cwd: root, readyUrl: url, timeoutMs: 60_000 });
      return { server, url };
    };

    try {
      const samples = new SampleSet();
      const names = Object.keys(targets) as (keyof typeof targets)[];
      for (let run = 0; run < startups; run++) {
        for (let i = 0; i < names.length; i++) {
          const name = names[(i + run) % names.length] as keyof typeof targets;
          const { server } = await launch(targets[name]);
          samples.add(`${name}.startupMs`, round(server.startupMs, 1));
          await server.stop();
        }
        const { server: bare } = await launch(floor);
        samples.add("nodeHttpFloor.startupMs", round(bare.startupMs, 1));
        await bare.stop();
        samples.add("mswImport.ms", round(await importCost("msw"), 1));
        log(
          `  start-up ${run + 1}/${startups}: ours ${formatMs(samples.last("ours.startupMs") ?? 0)}, prism ${formatMs(samples.last("prism.startupMs") ?? 0)}`,
        );
      }

      const loads: Record<string, LoadResult> = {};
      for (const name of names) {
        const { server, url } = await launch(targets[name]);
        try {
          samples.add(`${name}.idleRssBytes`, server.rssBytes());
          if (warmupSeconds > 0) await load(url, warmupSeconds);
          const result = await load(url, loadSeconds);
          if (result.total === 0) throw new Error(`${targets[name].name} answered nothing under load`);
          loads[name] = result;
          samples.add(`${name}.requestsPerSecond`, round(result.requestsPerSecond, 0));
          samples.add(`${name}.rssAfterLoadBytes`, server.rssBytes());
          log(`  load: ${name} ${Math.round(result.requestsPerSecond)} req/s`);
        } finally {
          await server.stop();
        }
      }

      const ours = loads.ours as LoadResult;
      const prism = loads.prism as LoadResult;
      const oursStartup = samples.median("ours.startupMs");
      const prismStartup = samples.median("prism.startupMs");
      const floorStartup = samples.median("nodeHttpFloor.startupMs");
      const mswImport = samples.median("mswImport.ms");
      const oursRss = samples.median("ours.rssAfterLoadBytes");
      const prismRss = samples.median("prism.rssAfterLoadBytes");
      const ratios = {
        throughputOursToPrism: round(ours.requestsPerSecond / prism.requestsPerSecond),
        startupOursToPrism: round(oursStartup / prismStartup),
        rssOursToPrism: round(oursRss / prismRss),
      };
      const throughputMet = ratios.throughputOursToPrism >= THROUGHPUT_GOAL;
      const startupMet = ratios.startupOursToPrism <= STARTUP_GOAL;
      const rows: BenchmarkResult["rows"] = [
        {
          benchmark: this.title,
          metric: `requests/s, ${CONNECTIONS} connections, ${loadSeconds} s (autocannon)`,
          goal: `≥ ${THROUGHPUT_GOAL}x Prism`,
          ours: Math.round(ours.requestsPerSecond).toLocaleString("en"),
          alternative: `Prism mock: ${Math.round(prism.requestsPerSecond).toLocaleString("en")}`,
          ratio: formatRatio(ratios.throughputOursToPrism),
          met: throughputMet,
        },
        {
          benchmark: this.title,
          metric: `start-up, spawn to first 200 (median of ${startups})`,
          goal: `≤ ${STARTUP_GOAL}x Prism`,
          ours: formatMs(oursStartup),
          alternative: `Prism mock: ${formatMs(prismStartup)}`,
          ratio: formatRatio(ratios.startupOursToPrism),
          met: startupMet,
        },
        {
          benchmark: this.title,
          metric: "resident memory after the load (VmRSS)",
          goal: "(for scale)",
          ours: formatBytes(oursRss),
          alternative: `Prism mock: ${formatBytes(prismRss)}`,
          ratio: formatRatio(ratios.rssOursToPrism),
          met: undefined,
        },
      ];
      const unmet: string[] = [];
      if (!throughputMet) {
        unmet.push(
          `**Mock throughput**: ${Math.round(ours.requestsPerSecond)} against Prism's ${Math.round(prism.requestsPerSecond)} ` +
            `requests/s, ${formatRatio(ratios.throughputOursToPrism)} (goal ≥ ${THROUGHPUT_GOAL}x). Load generator and server ` +
            "share this machine's cores; profiling the mock's request path (page slicing, JSON, logging) would close it.",
        );
      }
      if (!startupMet) {
        const viaMsw = cliPackages.includes("msw");
        unmet.push(
          `**Mock start-up**: ${formatMs(oursStartup)} against Prism's ${formatMs(prismStartup)}, ` +
            `${formatRatio(ratios.startupOursToPrism)} (goal ≤ ${STARTUP_GOAL}x, i.e. ≤ ${formatMs(prismStartup * STARTUP_GOAL)}). ` +
            `A bare node:http server starts in ${formatMs(floorStartup)} here. ` +
            (viaMsw
              ? `Importing msw alone takes ${formatMs(mswImport)}, and dist/cli.js loads it (through the chunk it shares ` +
                "with the msw handlers) although the server never uses msw. Importing the msw handlers only from the " +
                "package's main entry (or lazily) would take that out of the server's start-up, leaving about " +
                `${formatMs(Math.max(floorStartup, oursStartup - mswImport))}.`
              : `dist/cli.js loads ${cliPackages.join(", ") || "no packages"}; the rest is Node's start and our own ` +
                "modules, so a smaller start-up path (fewer modules, no data generated before listening) would close it."),
        );
      }
      const failures = names.filter((n) => (loads[n]?.non2xx ?? 0) + (loads[n]?.errors ?? 0) > 0);
      return {
        id: this.id,
        title: this.title,
        settings: {
          connections: CONNECTIONS,
          loadSeconds,
          warmupSeconds,
          startups,
          oursPath: targets.ours.start(0).path,
          prismPath: targets.prism.start(0).path,
          oursFlags: "--no-auth --rate-limit 1000000000/1000000000",
          oursCliLoadsPackages: cliPackages,
        },
        samples: samples.series,
        medians: {
          oursRequestsPerSecond: round(ours.requestsPerSecond, 0),
          prismRequestsPerSecond: round(prism.requestsPerSecond, 0),
          oursStartupMs: round(oursStartup, 1),
          nodeHttpFloorStartupMs: round(floorStartup, 1),
          mswImportMs: round(mswImport, 1),
          prismStartupMs: round(prismStartup, 1),
          oursRssAfterLoadBytes: oursRss,
          prismRssAfterLoadBytes: prismRss,
          oursP50LatencyMs: ours.p50LatencyMs,
          prismP50LatencyMs: prism.p50LatencyMs,
          oursNon2xx: ours.non2xx,
          prismNon2xx: prism.non2xx,
        },
        ratios,
        rows,
        notes: [
          `Mock vs Prism: the same operation and query (\`GET …${SNAPSHOTS_PATH}\`), ours under its /api/atlas/v1.0 base ` +
            `path, Prism at its root; median latency under load ${ours.p50LatencyMs} ms (ours) and ${prism.p50LatencyMs} ms ` +
            `(Prism). RSS is VmRSS of the process tree after the load. Start-up floor: a bare node:http server answers ` +
            `its first 200 after ${formatMs(floorStartup)}.` +
            (failures.length > 0
              ? ` Non-2xx or errors under load: ${failures.map((n) => `${n} ${loads[n]?.non2xx} non-2xx, ${loads[n]?.errors} errors`).join("; ")}.`
              : " Every reply under load was a 2xx."),
        ],
        unmet,
      };
    } finally {
      rmSync(spec.dir, { recursive: true, force: true });
    }
  },
};

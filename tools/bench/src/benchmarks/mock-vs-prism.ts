import { rmSync } from "node:fs";
import { isBuiltin } from "node:module";
import { dirname, join } from "node:path";
import { freePort } from "@atlas-snapshots/contract-tests/free-port";
import { prismBin } from "@atlas-snapshots/contract-tests/prism-process";
import { writePrismSpec } from "@atlas-snapshots/contract-tests/prism-spec";
import autocannon from "autocannon";
import { build } from "esbuild";
import { SNAPSHOTS_PATH } from "../lib/mock-target.js";
import { besidePrevious, previousRun } from "../lib/previous-run.js";
import { runCommand } from "../lib/run-command.js";
import { type ServerProcess, startServerProcess } from "../lib/server-process.js";
import { formatBytes, formatMs, formatRatio, round, SampleSet } from "../lib/stats.js";
import type { Benchmark, BenchmarkResult } from "../lib/types.js";

const CONNECTIONS = 10;
const THROUGHPUT_GOAL = 5;
const STARTUP_GOAL = 0.1;

type Name = "ours" | "prism";

const formatUs = (us: number) => `${us >= 100 ? Math.round(us) : us.toFixed(1)} µs`;

interface Target {
  name: string;
  start(port: number): { command: string; args: string[]; path: string };
}

interface Running {
  server: ServerProcess;
  url: string;
}

interface LoadResult {
  requestsPerSecond: number;
  total: number;
  non2xx: number;
  errors: number;
  p50LatencyMs: number;
  /** CPU time the server's processes spent per request answered, in microseconds. */
  serverCpuUsPerRequest: number;
}

async function load({ server, url }: Running, seconds: number): Promise<LoadResult> {
  const cpuBefore = server.cpuMs();
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  const cpuMs = server.cpuMs() - cpuBefore;
  return {
    requestsPerSecond: result.requests.total / (result.duration || seconds),
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    p50LatencyMs: result.latency.p50,
    serverCpuUsPerRequest: result.requests.total > 0 ? (cpuMs * 1000) / result.requests.total : Number.NaN,
  };
}

/** The packages a built file loads, directly or through its local chunks (esbuild's metafile); built-ins left out. */
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
    for (const { path, external } of input.imports) if (external && !isBuiltin(path)) names.add(path);
  }
  return [...names].sort();
}

/**
 * 3. Our mock server against Prism's mock on the same spec and operation:
 * start-up (spawn to first 200), requests per second at 10 connections with
 * autocannon (both servers up, load rounds alternating), the servers' CPU
 * time per request, and resident memory after the load. Our mock runs with
 * auth off (Prism's derived spec has no security) and a bucket too large to
 * refuse anything, so both answer every request with a 200 page.
 */
export const mockVsPrism: Benchmark = {
  id: "mock-vs-prism",
  title: "3. Mock server vs Prism",
  async run({ quick, root, log }): Promise<BenchmarkResult> {
    // The last full run's ratios, read before this run replaces them: the goals are kept, or improved.
    const previous = previousRun(root, this.id);
    const startups = quick ? 1 : 5;
    const warmupSeconds = quick ? 0 : 1;
    const loadSeconds = quick ? 1 : 5;
    const loadRounds = quick ? 1 : 3;
    // The spec minus its security requirement, as the contract tests judge it (docs/decisions/0005).
    const specFile = writePrismSpec();
    const mockDir = join(root, "packages/mock");
    const targets: Record<Name, Target> = {
      ours: {
        name: "our mock server",
        start: (port) => ({
          command: process.execPath,
          args: [
            join(mockDir, "dist/cli.js"),
            ...["--port", String(port), "--host", "127.0.0.1", "--no-auth"],
            // Prism has no rate limit; turn ours off for a like-for-like comparison.
            ...["--rate-limit", "off"],
          ],
          path: `/api/atlas/v1.0${SNAPSHOTS_PATH}`,
        }),
      },
      prism: {
        name: "Prism 5.14.2 mock",
        start: (port) => ({
          command: process.execPath,
          args: [prismBin, "mock", specFile, "--port", String(port), "--host", "127.0.0.1"],
          // The derived spec's paths carry their base path, as Atlas's URLs do.
          path: `/api/atlas/v1.0${SNAPSHOTS_PATH}`,
        }),
      },
    };
    // Context for start-up: Node's own floor (a bare node:http server), and what loading the mock's modules costs.
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
    const importCost = async (file: string) => {
      const bare = await runCommand(process.execPath, ["-e", "0"], mockDir, 30_000);
      const loaded = await runCommand(process.execPath, ["-e", `import(${JSON.stringify(file)})`], mockDir, 30_000);
      return loaded.ms - bare.ms;
    };
    const cliPackages = await packagesLoadedBy(join(mockDir, "dist/cli.js"));

    const launch = async (target: Target): Promise<Running> => {
      const port = await freePort();
      const { command, args, path } = target.start(port);
      const url = `http://127.0.0.1:${port}${path}`;
      const server = await startServerProcess({ command, args, cwd: root, readyUrl: url, timeoutMs: 60_000 });
      return { server, url };
    };

    const running: Running[] = [];
    try {
      const samples = new SampleSet();
      const names: Name[] = ["ours", "prism"];
      for (let run = 0; run < startups; run++) {
        for (let i = 0; i < names.length; i++) {
          const name = names[(i + run) % names.length] as Name;
          const { server } = await launch(targets[name]);
          samples.add(`${name}.startupMs`, round(server.startupMs, 1));
          await server.stop();
        }
        const { server: bare } = await launch(floor);
        samples.add("nodeHttpFloor.startupMs", round(bare.startupMs, 1));
        await bare.stop();
        samples.add("mockModulesImport.ms", round(await importCost(join(mockDir, "dist/server.js")), 1));
        log(
          `  start-up ${run + 1}/${startups}: ours ${formatMs(samples.last("ours.startupMs") ?? 0)}, ` +
            `prism ${formatMs(samples.last("prism.startupMs") ?? 0)}`,
        );
      }

      // Both servers up; load rounds alternate, so background noise falls on both alike.
      const servers = {} as Record<Name, Running>;
      for (const name of names) {
        servers[name] = await launch(targets[name]);
        running.push(servers[name]);
        samples.add(`${name}.idleRssBytes`, servers[name].server.rssBytes());
        if (warmupSeconds > 0) await load(servers[name], warmupSeconds);
      }
      const loads: Record<Name, LoadResult[]> = { ours: [], prism: [] };
      for (let pass = 0; pass < loadRounds; pass++) {
        for (let i = 0; i < names.length; i++) {
          const name = names[(i + pass) % names.length] as Name;
          const result = await load(servers[name], loadSeconds);
          if (result.total === 0) throw new Error(`${targets[name].name} answered nothing under load`);
          loads[name].push(result);
          samples.add(`${name}.requestsPerSecond`, round(result.requestsPerSecond, 0));
          samples.add(`${name}.serverCpuUsPerRequest`, round(result.serverCpuUsPerRequest, 1));
          samples.add(`${name}.p50LatencyMs`, result.p50LatencyMs);
        }
        log(
          `  load round ${pass + 1}/${loadRounds}: ours ${samples.last("ours.requestsPerSecond")} req/s, ` +
            `prism ${samples.last("prism.requestsPerSecond")} req/s`,
        );
      }
      for (const name of names) samples.add(`${name}.rssAfterLoadBytes`, servers[name].server.rssBytes());

      const median = (key: string) => samples.median(key);
      const figures = {
        oursRequestsPerSecond: round(median("ours.requestsPerSecond"), 0),
        prismRequestsPerSecond: round(median("prism.requestsPerSecond"), 0),
        oursCpuUsPerRequest: round(median("ours.serverCpuUsPerRequest"), 1),
        prismCpuUsPerRequest: round(median("prism.serverCpuUsPerRequest"), 1),
        oursStartupMs: round(median("ours.startupMs"), 1),
        prismStartupMs: round(median("prism.startupMs"), 1),
        nodeHttpFloorStartupMs: round(median("nodeHttpFloor.startupMs"), 1),
        mockModulesImportMs: round(median("mockModulesImport.ms"), 1),
        oursRssAfterLoadBytes: median("ours.rssAfterLoadBytes"),
        prismRssAfterLoadBytes: median("prism.rssAfterLoadBytes"),
        oursP50LatencyMs: median("ours.p50LatencyMs"),
        prismP50LatencyMs: median("prism.p50LatencyMs"),
      };
      const ratios = {
        throughputOursToPrism: round(samples.medianRatio("ours.requestsPerSecond", "prism.requestsPerSecond")),
        cpuPerRequestOursToPrism: round(
          samples.medianRatio("ours.serverCpuUsPerRequest", "prism.serverCpuUsPerRequest"),
        ),
        startupOursToPrism: round(figures.oursStartupMs / figures.prismStartupMs),
        rssOursToPrism: round(figures.oursRssAfterLoadBytes / figures.prismRssAfterLoadBytes),
      };
      const throughputMet = ratios.throughputOursToPrism >= THROUGHPUT_GOAL;
      const startupMet = ratios.startupOursToPrism <= STARTUP_GOAL;
      const rows: BenchmarkResult["rows"] = [
        {
          benchmark: this.title,
          metric: `requests/s, ${CONNECTIONS} connections (autocannon, median of ${loadRounds} × ${loadSeconds} s)`,
          goal: `≥ ${THROUGHPUT_GOAL}x Prism`,
          ours: Math.round(figures.oursRequestsPerSecond).toLocaleString("en"),
          alternative: `Prism mock: ${Math.round(figures.prismRequestsPerSecond).toLocaleString("en")}`,
          ratio: besidePrevious(ratios.throughputOursToPrism, previous, "throughputOursToPrism", formatRatio),
          met: throughputMet,
        },
        {
          benchmark: this.title,
          metric: "server CPU time per request under that load",
          goal: "(for scale)",
          ours: formatUs(figures.oursCpuUsPerRequest),
          alternative: `Prism mock: ${formatUs(figures.prismCpuUsPerRequest)}`,
          ratio: formatRatio(ratios.cpuPerRequestOursToPrism),
          met: undefined,
        },
        {
          benchmark: this.title,
          metric: `start-up, spawn to first 200 (median of ${startups})`,
          goal: `≤ ${STARTUP_GOAL}x Prism`,
          ours: formatMs(figures.oursStartupMs),
          alternative: `Prism mock: ${formatMs(figures.prismStartupMs)}`,
          ratio: besidePrevious(ratios.startupOursToPrism, previous, "startupOursToPrism", formatRatio),
          met: startupMet,
        },
        {
          benchmark: this.title,
          metric: "resident memory after the load (VmRSS)",
          goal: "(for scale)",
          ours: formatBytes(figures.oursRssAfterLoadBytes),
          alternative: `Prism mock: ${formatBytes(figures.prismRssAfterLoadBytes)}`,
          ratio: formatRatio(ratios.rssOursToPrism),
          met: undefined,
        },
      ];

      const unmet: string[] = [];
      if (!throughputMet) {
        const cpuAdvantage = 1 / ratios.cpuPerRequestOursToPrism;
        unmet.push(
          `**Mock throughput**: ${Math.round(figures.oursRequestsPerSecond)} against Prism's ` +
            `${Math.round(figures.prismRequestsPerSecond)} requests/s, ${formatRatio(ratios.throughputOursToPrism)} ` +
            `(goal ≥ ${THROUGHPUT_GOAL}x). Per request our server spent ${formatUs(figures.oursCpuUsPerRequest)} of CPU ` +
            `against Prism's ${formatUs(figures.prismCpuUsPerRequest)} (${cpuAdvantage.toFixed(1)}x less). ` +
            (cpuAdvantage >= THROUGHPUT_GOAL
              ? "The server is that much cheaper, but autocannon runs on the same cores and takes its share at the higher " +
                "rate, so the throughput ratio comes out lower; a load generator on cores of its own (or a quiet machine) " +
                "would show it."
              : "Closing it needs a cheaper request path in the mock: profile it under this load " +
                "(`node --cpu-prof packages/mock/dist/cli.js --no-auth`) and cut the largest costs (JSON, logging, headers)."),
        );
      }
      if (!startupMet) {
        const overFloor = figures.oursStartupMs - figures.nodeHttpFloorStartupMs;
        unmet.push(
          `**Mock start-up**: ${formatMs(figures.oursStartupMs)} against Prism's ${formatMs(figures.prismStartupMs)}, ` +
            `${formatRatio(ratios.startupOursToPrism)} (goal ≤ ${STARTUP_GOAL}x, i.e. ≤ ` +
            `${formatMs(figures.prismStartupMs * STARTUP_GOAL)}). A bare node:http server answers its first 200 after ` +
            `${formatMs(figures.nodeHttpFloorStartupMs)} here, so ours spends ${formatMs(overFloor)} above Node's floor; ` +
            `importing dist/server.js and what it loads (${cliPackages.join(", ") || "no packages"}) takes ` +
            `${formatMs(figures.mockModulesImportMs)} of that. ` +
            (cliPackages.includes("msw")
              ? "msw is among them although the server never uses it: importing the msw handlers only from the " +
                "package's main entry would take it out."
              : "Closing it means loading fewer modules before listening (one bundled file for the server, hashes " +
                "loaded on the first Digest request), or accepting that Node's own start-up is most of the budget."),
        );
      }
      const failures = names.flatMap((name) =>
        loads[name].some((l) => l.non2xx + l.errors > 0)
          ? [`${name} ${loads[name].map((l) => `${l.non2xx} non-2xx, ${l.errors} errors`).join("; ")}`]
          : [],
      );
      return {
        id: this.id,
        title: this.title,
        settings: {
          connections: CONNECTIONS,
          loadSeconds,
          loadRounds,
          warmupSeconds,
          startups,
          oursPath: targets.ours.start(0).path,
          prismPath: targets.prism.start(0).path,
          oursFlags: "--no-auth --rate-limit off",
          oursCliLoadsPackages: cliPackages,
        },
        samples: samples.series,
        medians: figures,
        ratios,
        rows,
        notes: [
          `Mock vs Prism: the same operation and query (\`GET …${SNAPSHOTS_PATH}\`), both under the /api/atlas/v1.0 base ` +
            `path; median latency under load ${figures.oursP50LatencyMs} ms (ours) and ` +
            `${figures.prismP50LatencyMs} ms (Prism). CPU time and RSS are summed over each server's process tree from ` +
            `/proc. Start-up floor: a bare node:http server answers its first 200 after ` +
            `${formatMs(figures.nodeHttpFloorStartupMs)}.` +
            (failures.length > 0
              ? ` Non-2xx or errors under load: ${failures.join("; ")}.`
              : " Every reply under load was a 2xx."),
          previous
            ? `Beside the previous full run (${previous.date}): throughput ` +
              `${besidePrevious(ratios.throughputOursToPrism, previous, "throughputOursToPrism", formatRatio)} of Prism's, ` +
              `start-up ${besidePrevious(ratios.startupOursToPrism, previous, "startupOursToPrism", formatRatio)} of Prism's.`
            : "No previous full run in bench/results.json to compare with.",
        ],
        unmet,
      };
    } finally {
      for (const { server } of running) await server.stop();
      rmSync(dirname(specFile), { recursive: true, force: true });
    }
  },
};

import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { freePort } from "./free-port.js";

const require = createRequire(import.meta.url);
/** Prism's command-line entry, run with this Node. */
export const prismBin = join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist/index.js");

/** Every running Prism writes its pid here, so the global teardown can reap one a crash left behind. */
export function pidDir(): string {
  return process.env.ATLAS_CONTRACT_PIDS ?? join(tmpdir(), "atlas-contract-prism-pids");
}

export interface PrismOptions {
  mode: "mock" | "proxy";
  specFile: string;
  /** Proxy mode: the server Prism forwards to. */
  upstream?: string;
  /** Extra Prism flags, e.g. ["--seed", "1"] or ["--validate-request", "false"]. */
  args?: string[];
  startTimeoutMs?: number;
}

export interface RunningPrism {
  url: string;
  pid: number;
  /** Everything Prism printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    // Negative pid: the whole process group, so Prism's own children go too.
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Starts Prism on a free loopback port and resolves once it answers HTTP there. */
export async function startPrism(options: PrismOptions): Promise<RunningPrism> {
  const port = await freePort();
  const args = [prismBin, options.mode, options.specFile];
  if (options.mode === "proxy") {
    if (!options.upstream) throw new Error("startPrism: proxy mode needs an upstream URL");
    args.push(options.upstream);
  }
  args.push("--port", String(port), "--host", "127.0.0.1", "--errors", "--cors", "false", ...(options.args ?? []));
  const child = spawn(process.execPath, args, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  mkdirSync(pidDir(), { recursive: true });
  const pidFile = join(pidDir(), String(child.pid));
  writeFileSync(pidFile, "");
  const onExit = () => killGroup(child, "SIGKILL");
  process.once("exit", onExit);

  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    process.off("exit", onExit);
    if (child.exitCode === null && child.signalCode === null) {
      killGroup(child, "SIGTERM");
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(pidFile, { force: true });
  };

  // Ready means it answers HTTP on its port, not that it printed some words:
  // Prism's wording is not ours to depend on. Generous, for a loaded 2-core machine.
  const timeoutMs = options.startTimeoutMs ?? 120_000;
  const url = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`Prism exited (${child.exitCode ?? child.signalCode}) before answering on ${url}`);
      }
      if (Date.now() > deadline) throw new Error(`Prism did not answer on ${url} within ${timeoutMs} ms`);
      const answered = await fetch(`${url}/`, { signal: AbortSignal.timeout(5_000) }).then(
        async (response) => {
          await response.arrayBuffer();
          return true;
        },
        () => false,
      );
      // Answered while still running: a Prism that died on a taken port is not ready.
      if (answered && child.exitCode === null && child.signalCode === null) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}. Its output:\n${output}`);
  }
  return { url, pid: child.pid as number, output: () => output, stop };
}

import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/** Every child this run started, so an exit (or a crash) never leaves one behind. */
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) killGroup(child, "SIGKILL");
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    // Negative pid: the whole process group, so the server's own children go too.
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

export interface ServerProcess {
  pid: number;
  /** Spawn to the first 200 reply to `readyUrl`, in milliseconds. */
  startupMs: number;
  /** Everything it printed, for error messages. */
  output(): string;
  /** Resident memory of the process and its descendants, in bytes (VmRSS from /proc). */
  rssBytes(): number;
  /** CPU time (user + system) the process and its descendants have used so far, in milliseconds. */
  cpuMs(): number;
  stop(): Promise<void>;
}

export interface StartOptions {
  command: string;
  args: string[];
  cwd: string;
  /** Polled until it answers 200; the time to that reply is the start-up time. */
  readyUrl: string;
  timeoutMs: number;
  pollMs?: number;
}

/** Spawns a server in its own process group and polls `readyUrl` until it answers 200. */
export async function startServerProcess(options: StartOptions): Promise<ServerProcess> {
  const started = performance.now();
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      killGroup(child, "SIGTERM");
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    }
    running.delete(child);
  };

  try {
    const deadline = started + options.timeoutMs;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${options.command} ${options.args.join(" ")} exited (${child.exitCode ?? child.signalCode})`);
      }
      if (performance.now() > deadline)
        throw new Error(`no 200 from ${options.readyUrl} within ${options.timeoutMs} ms`);
      const status = await fetch(options.readyUrl, { signal: AbortSignal.timeout(1000) }).then(
        async (response) => {
          await response.arrayBuffer();
          return response.status;
        },
        () => 0,
      );
      if (status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 10));
    }
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}. Its output:\n${output.slice(-2000)}`);
  }
  const startupMs = performance.now() - started;
  const pid = child.pid as number;
  return {
    pid,
    startupMs,
    output: () => output,
    rssBytes: () => sumOverTree(pid, vmRssBytes),
    cpuMs: () => sumOverTree(pid, cpuMsOf),
    stop,
  };
}

/** `measure` of `pid` and of every descendant, summed. */
function sumOverTree(pid: number, measure: (pid: number) => number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Field 4 (ppid) follows the command name in parentheses, which may itself hold spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  for (const queue = [pid]; queue.length > 0; ) {
    const current = queue.pop() as number;
    total += measure(current);
    queue.push(...(children.get(current) ?? []));
  }
  return total;
}

function vmRssBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Clock ticks per second for /proc/PID/stat times (USER_HZ: 100 on Linux). */
const USER_HZ = 100;

function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // After "(comm) ", fields start at 3 (state); utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return 0;
  }
}

import { spawn, spawnSync } from "node:child_process";

export interface CommandRun {
  ms: number;
  output: string;
}

/** Runs a command to completion and times it; throws with the tail of its output on a non-zero exit or timeout. */
export function runCommand(command: string, args: string[], cwd: string, timeoutMs: number): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, FORCE_COLOR: "0" },
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      if (code === 0) resolve({ ms, output });
      else reject(new Error(`\`${command} ${args.join(" ")}\` failed (${code ?? signal}):\n${output.slice(-3000)}`));
    });
  });
}

/** The same, synchronously, for restoring state from a signal handler. */
export function runCommandSync(command: string, args: string[], cwd: string): boolean {
  return spawnSync(command, args, { cwd, stdio: "ignore", timeout: 120_000 }).status === 0;
}

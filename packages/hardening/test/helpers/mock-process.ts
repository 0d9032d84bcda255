// The mock server as a subprocess of its own command line (so its memory is its own).
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mockServerBin } from "./paths.js";
import { baseEnv } from "./run-node.js";

export interface MockProcess {
  url: string;
  port: number;
  pid: number;
  stdout(): string;
  stderr(): string;
  /** Resident set size in bytes, from /proc. */
  rssBytes(): number;
  /** SIGTERM, then waits for the exit (SIGKILL after 5 s). */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startMockProcess(args: readonly string[], timeoutMs = 120_000): Promise<MockProcess> {
  const child: ChildProcess = spawn(process.execPath, [mockServerBin(), "--port", "0", ...args], {
    env: baseEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.setEncoding("utf8").on("data", (c: string) => {
    out += c;
  });
  child.stderr?.setEncoding("utf8").on("data", (c: string) => {
    err += c;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`mock server did not start in ${timeoutMs} ms:\n${out}\n${err}`)),
      timeoutMs,
    );
    const check = () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on("data", check);
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`mock server exited (${code}) before listening:\n${out}\n${err}`));
    });
  });
  const pid = child.pid as number;
  return {
    url,
    port: Number(new URL(url).port),
    pid,
    stdout: () => out,
    stderr: () => err,
    rssBytes() {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
      return Number(kb) * 1024;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

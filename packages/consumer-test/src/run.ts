import { spawn } from "node:child_process";

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Resolve with a non-zero code instead of throwing (for commands expected to fail). */
  allowFailure?: boolean;
}

/** Runs a program, collecting its output; a non-zero exit throws with everything it printed. */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0 || options.allowFailure) resolve({ code, stdout, stderr });
      else
        reject(
          new Error(
            `${command} ${args.join(" ")} (in ${options.cwd}) exited with ${code}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`,
          ),
        );
    });
  });
}

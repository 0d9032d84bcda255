import { once } from "node:events";
import { printable, redact } from "@atlas-snapshots/client";
import { useColor } from "./color.js";
import { createProgressLine, type ProgressLine } from "./progress-line.js";
import { CLIENT_SECRET_VAR, PRIVATE_KEY_VAR } from "./read-credentials.js";

/** Where a command writes, and what it knows about the terminal. */
export interface Terminal {
  env: NodeJS.ProcessEnv;
  /** Data on stdout; waits while the pipe is full, so a streamed list stays in step with the reader. */
  out(text: string): Promise<void>;
  /** A line on stderr for people, with the private key redacted and control characters escaped. */
  err(line: string): void;
  /** stdout is a terminal and NO_COLOR is unset. */
  colorOut: boolean;
  colorErr: boolean;
  /** A live line on stderr; a no-op unless stderr is a terminal. */
  progress: ProgressLine;
  /** Adds a secret found later (a key from a profile) to what err() redacts. */
  protect(secret: string): void;
}

export interface TerminalStreams {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

/** Every form of the private key and the client secret we might have seen: as set, and trimmed. */
export function secretsFrom(env: NodeJS.ProcessEnv): string[] {
  return [env[PRIVATE_KEY_VAR] ?? "", env[CLIENT_SECRET_VAR] ?? ""]
    .flatMap((raw) => [raw, raw.trim()])
    .filter((secret) => secret.length > 0);
}

export function createTerminal({ stdout, stderr, env }: TerminalStreams): Terminal {
  const secrets = secretsFrom(env);
  const progress = createProgressLine(stderr, stderr.isTTY === true && env.TERM !== "dumb");
  return {
    env,
    async out(text) {
      // A reader that went away takes no more output (bin.ts keeps the exit code).
      if (stdout.destroyed || stdout.writableEnded) return;
      // `once` rejects on the stream's error (EPIPE): bin.ts judges those, not the command.
      if (!stdout.write(text)) await Promise.race([once(stdout, "drain"), once(stdout, "close")]).catch(() => {});
    },
    err(line) {
      progress.clear();
      // Server text reaches stderr in messages: no control character gets through to the terminal.
      stderr.write(`${printable(redact(line, secrets), { keep: "\n" })}\n`);
    },
    colorOut: useColor(stdout.isTTY, env),
    colorErr: useColor(stderr.isTTY, env),
    progress,
    protect(secret) {
      for (const form of [secret, secret.trim()]) if (form && !secrets.includes(form)) secrets.push(form);
    },
  };
}

import { EXIT } from "./exit-codes.js";
import { main } from "./main.js";
import { createTerminal } from "./terminal.js";

// Created first, so that even the last-resort report below is escaped and redacted with every
// secret the terminal knows, those read from an Atlas CLI profile included.
const terminal = createTerminal({ stdout: process.stdout, stderr: process.stderr, env: process.env });

// Last resort: whatever escapes main is reported in one redacted line, never as a raw stack.
const crash = (error: unknown) => {
  terminal.err(`atlas-snapshots: unexpected error: ${String((error as Error)?.message ?? error)}`);
  process.exit(EXIT.unexpected);
};
process.on("uncaughtException", crash);
process.on("unhandledRejection", crash);

// A reader that went away (`| head`, `| true`) is not an error worth a stack trace, and
// not a verdict either: writes to it are dropped and the command ends with its own exit code.
const goneReader = (error: NodeJS.ErrnoException) => error.code === "EPIPE" || error.code === "ERR_STREAM_DESTROYED";
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (!goneReader(error)) crash(error);
});
process.stderr.on("error", (error: NodeJS.ErrnoException) => {
  if (!goneReader(error)) crash(error);
});

// Ctrl-C: erase a half-drawn progress line before leaving, with the shell's usual 130.
process.once("SIGINT", () => {
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[2K");
  process.exit(130);
});

process.exitCode = await main(process.argv.slice(2), terminal);

import { createPaint } from "../color.js";
import { EXIT, type ExitCode } from "../exit-codes.js";
import type { Verdict } from "../judge-latest.js";
import { mockNote } from "../mock-note.js";
import type { Connection } from "../open-connection.js";
import type { Terminal } from "../terminal.js";

/** check's and watch's one line on stdout (`OK: ...` / `FAIL: ...`), and their exit code. */
export async function printVerdict(
  verdict: Verdict,
  clusterName: string,
  connection: Connection,
  terminal: Terminal,
): Promise<ExitCode> {
  const paint = createPaint(terminal.colorOut);
  const label = verdict.ok ? paint("green", "OK") : paint("red", "FAIL");
  await terminal.out(`${label}: ${clusterName}: ${verdict.reason}\n`);
  if (connection.mockUrl) terminal.err(mockNote(connection.mockUrl));
  return verdict.ok ? EXIT.ok : EXIT.checkFailed;
}

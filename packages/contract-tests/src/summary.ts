import { readFileSync } from "node:fs";
import type { Verdict } from "./verdict.js";

/** The closing summary: requests Prism judged per direction, and violations found. */
export function summarize(logFile: string): string {
  let lines: string[] = [];
  try {
    lines = readFileSync(logFile, "utf8").split("\n").filter(Boolean);
  } catch {
    return "Contract summary: no requests were judged.";
  }
  const verdicts = lines.map((line) => JSON.parse(line) as Verdict);
  const rows = ["client-to-spec", "mock-to-spec"].map((direction) => {
    const mine = verdicts.filter((v) => v.direction === direction);
    const flagged = mine.filter((v) => v.violations.length > 0);
    const expected = flagged.filter((v) => v.control).length;
    const unexpected = flagged.length - expected;
    return `  ${direction.padEnd(15)} ${String(mine.length).padStart(5)} requests judged, ${unexpected} with violations (+${expected} drawn on purpose by negative controls)`;
  });
  return ["Contract summary:", ...rows].join("\n");
}

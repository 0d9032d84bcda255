// One finding of the replay suite: a check passed, failed, or does not apply (and why).
export type Check =
  | { name: string; verdict: "pass" }
  | { name: string; verdict: "fail"; problem: string }
  | { name: string; verdict: "skip"; reason: string };

export const pass = (name: string): Check => ({ name, verdict: "pass" });
export const fail = (name: string, problem: string): Check => ({ name, verdict: "fail", problem });
export const skip = (name: string, reason: string): Check => ({ name, verdict: "skip", reason });

/** The failures, one line each, for assertion messages. */
export function failures(checks: readonly Check[]): string[] {
  return checks.flatMap((c) => (c.verdict === "fail" ? [`${c.name}: ${c.problem}`] : []));
}

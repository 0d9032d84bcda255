import { appendFileSync } from "node:fs";
import { OPERATION_DETAILS } from "@atlas-snapshots/types";
import { mediaTypeOf } from "./media-type.js";
import { operationOf } from "./operation-of.js";

export type Direction = "client-to-spec" | "mock-to-spec";

export interface Violation {
  location: string;
  severity: string;
  /** The schema keyword that failed (`enum`, `required`, `type`, ...), when Prism names one. */
  code?: string;
  message: string;
}

/** Prism's judgement of one exchange, plus our own rule that undocumented statuses fail. */
export interface Verdict {
  direction: Direction;
  method: string;
  url: string;
  status: number;
  violations: Violation[];
  /** Sent by a negative control, which exists to draw violations. */
  control: boolean;
}

interface PrismViolation {
  location?: unknown[];
  severity?: string;
  code?: string;
  message?: string;
}

function fromPrism(list: PrismViolation[]): Violation[] {
  return list.map((v) => ({
    location: (v.location ?? []).join("."),
    severity: v.severity ?? "Error",
    ...(v.code === undefined ? {} : { code: String(v.code) }),
    message: v.message ?? v.code ?? "violation",
  }));
}

/**
 * Our rule beside the undocumented status: a reply whose media type the operation does not document for
 * its status is a violation. Prism 5 lets it pass (it then skips the body), so a v2 operation that
 * answered `application/json` instead of its versioned type would go unnoticed.
 */
function mediaTypeViolation(response: Response, request: { method: string; url: string }): Violation | undefined {
  const id = operationOf(request.method, new URL(request.url).pathname);
  const responses = id ? (OPERATION_DETAILS[id].responses as Record<string, readonly string[]>) : undefined;
  const documented = responses?.[String(response.status)];
  if (!id || !documented) return undefined; // no operation, or a status judged apart
  const media = mediaTypeOf(response.headers.get("content-type"));
  if (media && documented.includes(media)) return undefined;
  return {
    location: "content-type",
    severity: "Error",
    message: `${media ?? "no media type"} is not among the media types ${id} documents for ${response.status} (${documented.join(", ")})`,
  };
}

/**
 * Reads Prism's findings from a response: the `sl-violations` header (both
 * modes) and a problem+json body (Prism's own 422/500 when `--errors` is on).
 * A status the spec does not list counts as a violation, not a warning, and so
 * does a media type the operation does not document for that status.
 */
export async function judgeResponse(
  response: Response,
  request: { method: string; url: string },
  direction: Direction,
  documented: ReadonlySet<number>,
  control = false,
): Promise<Verdict> {
  const violations: Violation[] = [];
  const header = response.headers.get("sl-violations");
  if (header) {
    try {
      violations.push(...fromPrism(JSON.parse(header) as PrismViolation[]));
    } catch {
      violations.push({ location: "sl-violations", severity: "Error", message: header });
    }
  }
  const prismProblem = response.headers.get("content-type")?.includes("application/problem+json") ?? false;
  if (prismProblem) {
    const problem = (await response.clone().json()) as {
      title?: string;
      detail?: string;
      validation?: PrismViolation[];
    };
    const fromBody = fromPrism(problem.validation ?? []);
    const known = new Set(violations.map((v) => `${v.location}|${v.message}`));
    violations.push(...fromBody.filter((v) => !known.has(`${v.location}|${v.message}`)));
    if (fromBody.length === 0) {
      violations.push({
        location: "prism",
        severity: "Error",
        message: `${problem.title ?? ""} ${problem.detail ?? ""}`.trim(),
      });
    }
  }
  if (!documented.has(response.status) && !violations.some((v) => v.location === "status")) {
    violations.push({
      location: "status",
      severity: "Error",
      message: `status ${response.status} is not documented in the spec`,
    });
  }
  // Prism's own problem replies are judged above; every other reply must come as a documented media type.
  const media = prismProblem ? undefined : mediaTypeViolation(response, request);
  if (media) violations.push(media);
  const verdict = { direction, method: request.method, url: request.url, status: response.status, violations, control };
  record(verdict);
  return verdict;
}

/** Appends to the run's log (set up by the global setup) for the closing summary. */
function record(verdict: Verdict) {
  const log = process.env.ATLAS_CONTRACT_LOG;
  if (log) appendFileSync(log, `${JSON.stringify(verdict)}\n`);
}

/** One line per violation, for assertion messages that show Prism's finding. */
export function describeViolations(verdicts: Verdict[]): string {
  return verdicts
    .flatMap((v) => v.violations.map((x) => `${v.method} ${v.url} -> ${v.status}: [${x.location}] ${x.message}`))
    .join("\n");
}

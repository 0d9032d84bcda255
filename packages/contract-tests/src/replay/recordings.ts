// The recorded Atlas replies in spec/fidelity/, read so that a file dropped
// there joins the replay suite with no code change.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { specFile } from "../prism-spec.js";

/** spec/fidelity/, found through the spec's workspace package. */
export const fidelityDir = join(dirname(specFile), "fidelity");

/** The request a recorded reply answered (spec/fidelity/requests.yaml). */
export interface RecordedRequest {
  method: string;
  /** The path as sent, base path included, no query: `/api/atlas/v2/groups/.../backup/snapshots`. */
  path: string;
}

export interface RecordedReply {
  /** File name, e.g. `404-GROUP_NOT_FOUND.http`. */
  name: string;
  /** `recording`: status line, headers and body as Atlas sent them; `docs-sample`: a body from MongoDB's docs. */
  kind: "recording" | "docs-sample";
  status: number;
  /** Headers in recorded order and spelling (empty for a docs sample). */
  headers: [name: string, value: string][];
  /** The body exactly as recorded. */
  body: string;
  /** The request it answered; a docs sample has none. */
  request?: RecordedRequest;
}

/** The value of a header by case-insensitive name, or undefined. */
export function headerOf(reply: Pick<RecordedReply, "headers">, name: string): string | undefined {
  return reply.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}

/** Parses `HTTP/x status reason`, headers, a blank line and the body (bytes kept as recorded). */
export function parseRecording(name: string, text: string): RecordedReply {
  const split = text.indexOf("\n\n");
  if (split === -1) throw new Error(`${name}: no blank line between the headers and the body`);
  const [statusLine = "", ...headerLines] = text.slice(0, split).split("\n");
  const status = /^HTTP\/[\d.]+ (\d{3})(?: |$)/.exec(statusLine)?.[1];
  if (!status) throw new Error(`${name}: the first line is not an HTTP status line: ${JSON.stringify(statusLine)}`);
  const headers = headerLines.map((line): [string, string] => {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new Error(`${name}: not a header line: ${JSON.stringify(line)}`);
    return [line.slice(0, colon), line.slice(colon + 1).trim()];
  });
  return { name, kind: "recording", status: Number(status), headers, body: text.slice(split + 2) };
}

/** The manifest's file, beside recordings/. */
export const REQUESTS_FILE = "requests.yaml";

/**
 * spec/fidelity/requests.yaml: `recordings/<file>: METHOD /path` for every recording. Throws, naming
 * the line, on an entry that is not a method and a path or that names no file.
 */
export function loadRequests(dir = fidelityDir): Map<string, RecordedRequest> {
  let parsed: Record<string, unknown> | null;
  try {
    parsed = parse(readFileSync(join(dir, REQUESTS_FILE), "utf8")) as Record<string, unknown> | null;
  } catch (error) {
    throw new Error(`${REQUESTS_FILE}: ${(error as Error).message}`);
  }
  const requests = new Map<string, RecordedRequest>();
  for (const [file, value] of Object.entries(parsed ?? {})) {
    const m = typeof value === "string" ? /^(GET|HEAD|POST|PUT|PATCH|DELETE) (\/\S*)$/.exec(value) : null;
    if (!m) {
      throw new Error(
        `${REQUESTS_FILE}: ${file}: must be "METHOD /path" (e.g. GET /api/atlas/v2/groups/...); got ${JSON.stringify(value)}`,
      );
    }
    if (!existsSync(join(dir, file))) throw new Error(`${REQUESTS_FILE}: ${file}: no such file in ${dir}`);
    requests.set(file, { method: m[1] as string, path: m[2] as string });
  }
  return requests;
}

/** Every recording (with its request from requests.yaml) and docs sample, sorted by name. */
export function loadRecordedReplies(dir = fidelityDir): RecordedReply[] {
  const requests = loadRequests(dir);
  const recordings = readdirSync(join(dir, "recordings"))
    .filter((name) => name.endsWith(".http"))
    .map((name) => {
      const request = requests.get(`recordings/${name}`);
      if (!request) {
        throw new Error(
          `recordings/${name} has no request in ${REQUESTS_FILE}: add "recordings/${name}: METHOD /api/atlas/..." as its source in SOURCES.md names it`,
        );
      }
      return { ...parseRecording(name, readFileSync(join(dir, "recordings", name), "latin1")), request };
    });
  const samples = readdirSync(join(dir, "docs-examples"))
    .filter((name) => name.endsWith(".json"))
    .map((name): RecordedReply => {
      const status = /^(\d{3})-/.exec(name)?.[1];
      if (!status) throw new Error(`docs-examples/${name}: the file name must start with the status, e.g. 429-...json`);
      const body = readFileSync(join(dir, "docs-examples", name), "utf8");
      return { name, kind: "docs-sample", status: Number(status), headers: [], body };
    });
  return [...recordings, ...samples].sort((a, b) => a.name.localeCompare(b.name));
}

/** What a reply is: read from its status and body alone (which operation sent it is judged-as.ts's). */
export type ReplyShape =
  /** A page of snapshots. */
  | "page"
  /** One snapshot. */
  | "snapshot"
  /** A success that is neither (another Atlas resource). */
  | "other-success"
  | "error";

export function shapeOf(reply: RecordedReply): ReplyShape {
  if (reply.status >= 400) return "error";
  const body = parseJson(reply.body);
  if (isObject(body) && Array.isArray(body.results)) return "page";
  if (isObject(body) && typeof body.id === "string" && "status" in body && "mongoDBVersion" in body) return "snapshot";
  return "other-success";
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// For a recorded reply, the same situation on our mock, and a comparison of the
// two: same status, the header names that matter, the same body keys.
import { type AtlasMockOptions, createAtlasMock, DEFAULT_GROUP_ID } from "@atlas-snapshots/mock";
import { type Check, fail, pass, skip } from "./check.js";
import {
  headerOf,
  isObject,
  isV2MediaType,
  mediaTypeOf,
  parseJson,
  type RecordedReply,
  shapeOf,
} from "./recordings.js";

const BASE = "https://cloud.mongodb.com/api/atlas/v1.0";
const UNKNOWN_GROUP = "0123456789abcdef01234567";
const path = (group = DEFAULT_GROUP_ID, cluster = "M2AWS") =>
  `/groups/${group}/clusters/${cluster}/backup/tenant/snapshots`;

/** How to make the mock answer the way the recording shows; `approximate` says where the situation differs. */
export interface Situation {
  description: string;
  approximate?: string;
  options: AtlasMockOptions;
  /** Requests sent in order; the last reply is compared. */
  requests: string[];
}

/** The mock's situation for a recorded reply, read from its status and error code; undefined when it has none. */
export function situationFor(reply: RecordedReply): Situation | undefined {
  const body = parseJson(reply.body);
  const code = isObject(body) && typeof body.errorCode === "string" ? body.errorCode : headerOf(reply, "x-error-code");
  const plain: AtlasMockOptions = { auth: "off", now: () => Date.parse("2026-08-10T09:30:00Z") };
  switch (reply.status) {
    case 200:
      return { description: "a listing of the default cluster", options: plain, requests: [path()] };
    case 401:
      return {
        description: "a request without credentials",
        options: { ...plain, auth: "digest" },
        requests: [path()],
      };
    case 404:
      if (code === "GROUP_NOT_FOUND")
        return { description: "an unknown project", options: plain, requests: [path(UNKNOWN_GROUP)] };
      if (code === "CLUSTER_NOT_FOUND")
        return {
          description: "an unknown cluster",
          options: plain,
          requests: [path(DEFAULT_GROUP_ID, "NoSuchCluster")],
        };
      return { description: "an unknown resource", options: plain, requests: [`/groups/${DEFAULT_GROUP_ID}/nowhere`] };
    case 400:
      return {
        description: "a refused request",
        approximate: `the mock has no ${code ?? "such"} case; compared with its 400 for itemsPerPage=501`,
        options: plain,
        requests: [`${path()}?itemsPerPage=501`],
      };
    case 429:
      return {
        description: "an empty token bucket",
        options: { ...plain, rateLimit: { capacity: 1, refillPerMinute: 1 } },
        requests: [path(), path()],
      };
    case 500:
      return {
        description: "an Atlas failure",
        options: { ...plain, faults: { rate: 1, kinds: ["500"] } },
        requests: [path()],
      };
    default:
      return undefined;
  }
}

export interface MockAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

export async function askMock(situation: Situation): Promise<MockAnswer> {
  const mock = createAtlasMock({ ...situation.options, baseUrl: BASE });
  let response: Response | undefined;
  for (const target of situation.requests) response = await mock.handle(new Request(BASE + target));
  if (!response) throw new Error("the situation sends no request");
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: parseJson(text) ?? text };
}

/** Header names whose presence a client may act on. */
const MATTERING = [
  "content-type",
  "www-authenticate",
  "x-error-code",
  "ratelimit-limit",
  "ratelimit-remaining",
  "retry-after",
  "deprecation",
  "sunset",
];
/** Headers whose absence is recorded fact too: no challenge but on a 401, no X-Error-Code on a challenge or a success. */
const ABSENCE_MATTERS = ["www-authenticate", "x-error-code"];

const keys = (value: unknown) => (isObject(value) ? Object.keys(value).sort() : []);

export function compareWithMock(reply: RecordedReply, answer: MockAnswer): Check[] {
  const checks: Check[] = [];
  checks.push(
    answer.status === reply.status ? pass("status") : fail("status", `mock ${answer.status}, Atlas ${reply.status}`),
  );

  if (reply.kind === "docs-sample") {
    checks.push(skip("headers", "a documentation sample has no headers"));
  } else {
    for (const name of MATTERING) {
      const recorded = headerOf(reply, name) !== undefined;
      const mocked = answer.headers.has(name);
      if (recorded && !mocked) checks.push(fail(`header ${name}`, "Atlas sends it, the mock does not"));
      else if (!recorded && mocked && ABSENCE_MATTERS.includes(name)) {
        checks.push(fail(`header ${name}`, "the mock sends it, Atlas does not"));
      } else checks.push(pass(`header ${name}`));
    }
    const recordedType = headerOf(reply, "content-type");
    if (isV2MediaType(mediaTypeOf(recordedType))) {
      checks.push(
        skip(
          "content-type value",
          `${recordedType} is the v2 API's versioned type; the v1.0 mock sends application/json`,
        ),
      );
    } else {
      const mocked = answer.headers.get("content-type");
      checks.push(
        mocked === recordedType
          ? pass("content-type value")
          : fail("content-type value", `mock ${mocked}, Atlas ${recordedType}`),
      );
    }
  }

  const body = parseJson(reply.body);
  const shape = shapeOf(reply);
  if (shape === "error" || shape === "page") {
    const [want, got] = [keys(body), keys(answer.body)];
    checks.push(
      want.join() === got.join()
        ? pass("body keys")
        : fail("body keys", `mock {${got.join(", ")}}, Atlas {${want.join(", ")}}`),
    );
  }
  if (shape === "page" || shape === "snapshot") {
    // Snapshot keys, status by status: a snapshot in the same state must have the same fields.
    const recorded = shape === "page" ? ((body as { results: unknown[] }).results ?? []) : [body];
    const mocked = isObject(answer.body) && Array.isArray(answer.body.results) ? answer.body.results : [];
    for (const status of new Set(recorded.map((s) => (s as { status?: unknown }).status))) {
      const theirs = recorded.filter((s) => (s as { status?: unknown }).status === status).map(keys);
      const ours = mocked.filter((s) => (s as { status?: unknown }).status === status).map(keys);
      const name = `${String(status)} snapshot keys`;
      if (ours.length === 0) checks.push(fail(name, `the mock's listing has no ${String(status)} snapshot to compare`));
      else {
        const differ = [...theirs, ...ours].find((k) => k.join() !== theirs[0]?.join());
        checks.push(
          differ ? fail(name, `{${differ.join(", ")}} against Atlas's {${theirs[0]?.join(", ")}}`) : pass(name),
        );
      }
    }
  }
  if (shape === "other-success") {
    const links = isObject(body) && Array.isArray(body.links) ? body.links : [];
    const ours = isObject(answer.body) && Array.isArray(answer.body.links) ? answer.body.links : [];
    const want = links.map(keys).map((k) => k.join());
    const got = ours.map(keys).map((k) => k.join());
    if (want.length === 0 || got.length === 0) checks.push(skip("link keys", "one side has no links to compare"));
    else {
      const differ = [...want, ...got].find((k) => k !== want[0]);
      checks.push(
        differ === undefined ? pass("link keys") : fail("link keys", `{${differ}} against Atlas's {${want[0]}}`),
      );
    }
  }
  return checks;
}

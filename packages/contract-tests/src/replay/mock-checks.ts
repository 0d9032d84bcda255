// For a recorded reply, the same situation on our mock, and a comparison of the
// two: same status, the header names that matter and their media type, the same body keys.
import {
  type AtlasMockOptions,
  createAtlasMock,
  DEFAULT_CLUSTER_NAME,
  DEFAULT_FLEX_CLUSTER_NAME,
  DEFAULT_GROUP_ID,
} from "@atlas-snapshots/mock";
import { OPERATIONS, type OperationId } from "@atlas-snapshots/types";
import { type Check, fail, pass, skip } from "./check.js";
import { judgedAs } from "./judged-as.js";
import { headerOf, isObject, parseJson, type RecordedReply, shapeOf } from "./recordings.js";

const HOST = "https://cloud.mongodb.com";
const UNKNOWN_GROUP = "0123456789abcdef01234567";
/** The default data's clusters of each kind, and a snapshot of each (the mock's own store says which). */
const TENANT = DEFAULT_CLUSTER_NAME;
const FLEX = DEFAULT_FLEX_CLUSTER_NAME;

/** The operation of `id`'s API (base path) that takes a snapshot id: `id` itself when it does. */
function withSnapshotId(id: OperationId): OperationId {
  const all = Object.keys(OPERATIONS) as OperationId[];
  const takes = (other: OperationId) => Object.hasOwn(OPERATIONS[other].parameters, "snapshotId");
  return takes(id) ? id : (all.find((o) => OPERATIONS[o].basePath === OPERATIONS[id].basePath && takes(o)) ?? id);
}

/** How to make the mock answer the way the recording shows; `approximate` says where the situation differs. */
export interface Situation {
  description: string;
  approximate?: string;
  options: AtlasMockOptions;
  /** Requests sent in order, each as the operation's client sends it; the last reply is compared. */
  requests: { operation: OperationId; cluster: string; groupId?: string; snapshot?: "first" | "unknown" }[];
}

/**
 * The mock's situation for a recorded reply: the operation it is judged as (judged-as.ts), asked what
 * the recording shows, read from its status and error code; undefined when the mock has no such case.
 */
export function situationFor(reply: RecordedReply): Situation | undefined {
  const body = parseJson(reply.body);
  const code = isObject(body) && typeof body.errorCode === "string" ? body.errorCode : headerOf(reply, "x-error-code");
  const plain: AtlasMockOptions = { auth: "off", now: () => Date.parse("2026-08-10T09:30:00Z") };
  const { operations, inSpec } = judgedAs(reply);
  const operation = operations[0] ?? "listSharedClusterBackups";
  // The default cluster the operation serves: the Flex one for a v2 operation, M2AWS for a v1.0 one.
  const served = OPERATIONS[operation].basePath.endsWith("/v2") ? FLEX : TENANT;
  const ask = (cluster = served, extra: Partial<Situation["requests"][number]> = {}) => ({
    operation,
    cluster,
    snapshot: "first" as const,
    ...extra,
  });
  const where = inSpec ? "" : " (recorded on another resource)";
  switch (reply.status) {
    case 200:
      return { description: `${operation} on ${served}${where}`, options: plain, requests: [ask()] };
    case 401:
      return {
        description: `a request without credentials${where}`,
        options: { ...plain, auth: "digest" },
        requests: [ask()],
      };
    case 404:
      if (code === "GROUP_NOT_FOUND")
        return {
          description: `an unknown project${where}`,
          options: plain,
          requests: [ask(served, { groupId: UNKNOWN_GROUP })],
        };
      if (code === "CLUSTER_NOT_FOUND")
        return { description: `an unknown cluster${where}`, options: plain, requests: [ask("NoSuchCluster")] };
      return {
        description: `an unknown snapshot${where}`,
        options: plain,
        // Asked of the operation of the same API that takes a snapshot id.
        requests: [{ ...ask(served, { snapshot: "unknown" }), operation: withSnapshotId(operation) }],
      };
    case 400:
      if (code === "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API")
        return { description: `${operation} on the tenant cluster ${TENANT}`, options: plain, requests: [ask(TENANT)] };
      if (code === "CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API")
        return {
          description: `the M2/M5 listing (a cluster API) on the Flex cluster ${FLEX}`,
          approximate: "recorded on the v2 clusters API, which the spec does not describe",
          options: plain,
          requests: [{ operation: "listSharedClusterBackups", cluster: FLEX }],
        };
      return {
        description: "a refused request",
        approximate: `the mock has no ${code ?? "such"} case; compared with its 400 for a malformed cluster name`,
        options: plain,
        requests: [ask("-bad-name")],
      };
    case 429:
      return {
        description: `an empty token bucket${where}`,
        options: { ...plain, rateLimit: { capacity: 1, refillPerMinute: 1 } },
        requests: [ask(), ask()],
      };
    case 500:
      return {
        description: `an Atlas failure${where}`,
        options: { ...plain, faults: { rate: 1, kinds: ["500"] } },
        requests: [ask()],
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

/** Asks a fresh mock each request of the situation, as the operation's client would (its Accept from the table). */
export async function askMock(situation: Situation): Promise<MockAnswer> {
  const mock = createAtlasMock({ ...situation.options, baseUrl: HOST });
  let response: Response | undefined;
  for (const { operation, cluster, groupId = DEFAULT_GROUP_ID, snapshot } of situation.requests) {
    const { basePath, path, accept } = OPERATIONS[operation];
    // A snapshot of the cluster when it has one (the store answers without HTTP); else any well-formed id.
    const known = mock.store.hasCluster(groupId, cluster)
      ? mock.store.listSnapshots(groupId, cluster)[0]?.id
      : undefined;
    const snapshotId = snapshot === "unknown" ? "0".repeat(24) : (known ?? "0".repeat(24));
    const values: Record<string, string> = { groupId, snapshotId };
    const url =
      HOST + basePath + path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? cluster));
    response = await mock.handle(new Request(url, { headers: { accept } }));
  }
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
    // The whole value, parameters too: a v2 reply's versioned type with ;charset=utf-8, a v1.0 one's application/json.
    const recordedType = headerOf(reply, "content-type");
    const mocked = answer.headers.get("content-type");
    checks.push(
      mocked === recordedType
        ? pass("content-type value")
        : fail("content-type value", `mock ${mocked}, Atlas ${recordedType}`),
    );
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
    const mocked =
      isObject(answer.body) && Array.isArray(answer.body.results)
        ? answer.body.results
        : isObject(answer.body) && "mongoDBVersion" in answer.body
          ? [answer.body]
          : [];
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

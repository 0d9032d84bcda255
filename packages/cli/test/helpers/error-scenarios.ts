import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAtlasClient } from "@atlas-snapshots/client";
import type { MockServer } from "@atlas-snapshots/mock/server";
import { GROUP, KEYS_ENV, PRIVATE_KEY, PUBLIC_KEY, startTestServer, target } from "./fixture.js";
import { closedPort, startPageServer } from "./page-server.js";
import { history } from "./snapshot-data.js";

/** Servers that fail in known ways, shared by the exit-code and the secrets tests. */
export interface Failing {
  ok: MockServer;
  /** Capacity 1, nearly no refill, already drained: every request gets 429. */
  limited: MockServer;
  /** Every authenticated request gets a 403. */
  forbidden: MockServer;
  /** Every authenticated request gets a 500. */
  broken: MockServer;
  /** Page 1 fine (100 of 250), every later page 500: a list that cannot complete. */
  halfway: { url: string; close(): Promise<void> };
  /** 200 with a body that is not JSON (say, a proxy's page). */
  garbage: { url: string; close(): Promise<void> };
  /** 200 with JSON that is not a page. */
  notAPage: { url: string; close(): Promise<void> };
  /** Page 1 fine (100 of 250), page 2 a 200 whose snapshot has no id: a list that must not end early. */
  noIdOnPage2: { url: string; close(): Promise<void> };
  /** 400 with an Atlas error body. */
  badRequest: { url: string; close(): Promise<void> };
  closedPort: number;
  badDataFile: string;
  close(): Promise<void>;
}

export const HALFWAY = history(7, 250);

export async function startFailing(): Promise<Failing> {
  const ok = await startTestServer();
  const limited = await startTestServer({ rateLimit: { capacity: 1, refillPerMinute: 1 } });
  const client = createAtlasClient({
    publicKey: PUBLIC_KEY,
    privateKey: PRIVATE_KEY,
    baseUrl: limited.url,
    maxRetries: 0,
  });
  await client.listTenantSnapshots({ groupId: GROUP, clusterName: "Fresh" }); // takes the only token
  const forbidden = await startTestServer();
  forbidden.mock.forceResponse({ status: 403, times: Number.POSITIVE_INFINITY });
  const broken = await startTestServer();
  broken.mock.forceResponse({ status: 500, times: Number.POSITIVE_INFINITY });
  const halfway = await startPageServer((pageNum) =>
    pageNum === 1
      ? { status: 200, body: { results: HALFWAY.slice(0, 100), totalCount: HALFWAY.length } }
      : {
          status: 500,
          body: {
            error: 500,
            errorCode: "UNEXPECTED_ERROR",
            detail: "Injected by the test.",
            reason: "Internal Server Error",
          },
        },
  );
  const garbage = await startPageServer(() => ({ status: 200, body: "<html>proxy login</html>" }));
  const notAPage = await startPageServer(() => ({ status: 200, body: ["not", "a", "page"] }));
  const noIdOnPage2 = await startPageServer((pageNum) => ({
    status: 200,
    body:
      pageNum === 1
        ? { results: HALFWAY.slice(0, 100), totalCount: HALFWAY.length }
        : { results: [{ status: "COMPLETED" }], links: [] },
  }));
  const badRequest = await startPageServer(() => ({
    status: 400,
    body: { error: 400, errorCode: "INVALID_QUERY_PARAMETER", detail: "Nope.", reason: "Bad Request" },
  }));
  const badDataFile = join(tmpdir(), `atlas-snapshots-cli-bad-data-${process.pid}.json`);
  await writeFile(
    badDataFile,
    JSON.stringify({ groups: [{ id: GROUP, clusters: [{ name: "X", snapshots: [{ id: "nope" }] }] }] }),
  );
  const servers = [ok, limited, forbidden, broken, halfway, garbage, notAPage, noIdOnPage2, badRequest];
  return {
    ok,
    limited,
    forbidden,
    broken,
    halfway,
    garbage,
    notAPage,
    noIdOnPage2,
    badRequest,
    closedPort: await closedPort(),
    badDataFile,
    close: async () => {
      await Promise.all([...servers.map((server) => server.close()), rm(badDataFile, { force: true })]);
    },
  };
}

export interface Scenario {
  args: (f: Failing) => string[];
  env?: Record<string, string | undefined>;
  code: number;
  stderr: RegExp;
  /** Expected stdout; default empty. */
  stdout?: (text: string) => void;
}

const WRONG_PRIVATE_KEY = "cli-test-WRONG-private-4b1d-do-not-print";
const NO_RETRY = ["--retries", "0"];

/** Every way the tool can fail, with the exit code and the message it must give. */
export const SCENARIOS: Record<string, Scenario> = {
  "wrong private key (401)": {
    args: (f) => ["list", ...target(f.ok, "Fresh")],
    env: { ...KEYS_ENV, MONGODB_ATLAS_PRIVATE_API_KEY: WRONG_PRIVATE_KEY },
    code: 3,
    stderr:
      /^atlas-snapshots: Atlas answered 401.*\nhint: check MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY, or MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET for a service account\n$/s,
  },
  "unknown public key (401), check": {
    args: (f) => ["check", ...target(f.ok, "Fresh")],
    env: { ...KEYS_ENV, MONGODB_ATLAS_PUBLIC_API_KEY: "someone-else" },
    code: 3,
    stderr: /401/,
  },
  "not permitted (403)": {
    args: (f) => ["list", ...target(f.forbidden, "Fresh")],
    code: 3,
    stderr: /403.*\nhint: check the key's project roles/s,
  },
  "unknown project (404)": {
    args: (f) => ["list", ...target(f.ok, "Fresh", "aaaaaaaaaaaaaaaaaaaaaaaa")],
    code: 4,
    stderr: /404 GROUP_NOT_FOUND.*\nhint: check --projectId\/--group and --clusterName\/--cluster/s,
  },
  "unknown cluster (404), check": {
    args: (f) => ["check", ...target(f.ok, "NoSuchCluster")],
    code: 4,
    stderr: /404 CLUSTER_NOT_FOUND/,
  },
  "rate limited (429)": {
    args: (f) => ["list", ...target(f.limited, "Fresh"), ...NO_RETRY],
    code: 5,
    stderr: /429 RATE_LIMITED.*\nhint: wait and run again \(Atlas asked to wait \d+[ms]( \d+s)?\), or raise --retries/s,
  },
  "rate limited (429), check": {
    args: (f) => ["check", ...target(f.limited, "Fresh"), ...NO_RETRY],
    code: 5,
    stderr: /429/,
  },
  "connection refused": {
    args: (f) => ["list", ...target({ url: `http://127.0.0.1:${f.closedPort}/api/atlas/v1.0` }, "Fresh"), ...NO_RETRY],
    code: 6,
    stderr: /Could not reach http:\/\/127\.0\.0\.1:\d+ .*ECONNREFUSED.*\nhint: check --base-url/s,
  },
  "connection refused, check, with a retry": {
    args: (f) => [
      "check",
      ...target({ url: `http://127.0.0.1:${f.closedPort}/api/atlas/v1.0` }, "Fresh"),
      "--retries",
      "1",
    ],
    code: 6,
    stderr: /ECONNREFUSED/,
  },
  "server error (500)": {
    args: (f) => ["list", ...target(f.broken, "Fresh"), ...NO_RETRY],
    code: 6,
    stderr: /Atlas answered 500/,
  },
  "list --all fails on page 2: json prints nothing": {
    args: (f) => ["list", ...target(f.halfway, "Fresh"), "--items-per-page", "100", "-o", "json", ...NO_RETRY],
    code: 6,
    stderr: /500 UNEXPECTED_ERROR/,
  },
  "list --all fails on page 2: table prints nothing": {
    args: (f) => ["list", ...target(f.halfway, "Fresh"), "--items-per-page", "100", ...NO_RETRY],
    code: 6,
    stderr: /^atlas-snapshots: Atlas answered 500/,
  },
  "list --all fails on page 2: csv prints nothing": {
    args: (f) => ["list", ...target(f.halfway, "Fresh"), "--items-per-page", "100", "-o", "csv", ...NO_RETRY],
    code: 6,
    stderr: /500/,
  },
  "list --all fails on page 2: ndjson keeps what it streamed and says the list is incomplete": {
    args: (f) => ["list", ...target(f.halfway, "Fresh"), "--items-per-page", "100", "-o", "ndjson", ...NO_RETRY],
    code: 6,
    stderr:
      /^atlas-snapshots: the list is INCOMPLETE: 100 snapshots were printed before this failure:\natlas-snapshots: Atlas answered 500/,
    stdout: (text) => {
      const lines = text.trimEnd().split("\n");
      if (lines.length !== 100 || JSON.parse(lines[99] as string).id !== HALFWAY[99]?.id)
        throw new Error("expected page 1");
    },
  },
  "check fails on page 2": {
    args: (f) => ["check", ...target(f.halfway, "Fresh"), "--items-per-page", "100", ...NO_RETRY],
    code: 6,
    stderr: /500/,
  },
  "bad request (400)": {
    args: (f) => ["list", ...target(f.badRequest, "Fresh")],
    code: 7,
    stderr: /400 INVALID_QUERY_PARAMETER/,
  },
  "a reply that is not JSON": {
    args: (f) => ["list", ...target(f.garbage, "Fresh")],
    code: 7,
    stderr:
      /^atlas-snapshots: Atlas's 200 reply to GET \/api\/atlas\/v1.0\/groups\/.* is not a page of snapshots: its body is not JSON \(.*"<html>.*\)\nhint: check that --base-url/,
  },
  "a reply that is JSON but not a page": {
    args: (f) => ["list", ...target(f.notAPage, "Fresh")],
    code: 7,
    stderr:
      /^atlas-snapshots: Atlas's 200 reply to GET .* is not a page of snapshots: its body has no `results` array\n/,
  },
  "a reply that is not a page, with --page": {
    args: (f) => ["list", ...target(f.notAPage, "Fresh"), "--page", "2"],
    code: 7,
    stderr: /is not a page of snapshots/,
  },
  "a snapshot without an id on page 2, json": {
    args: (f) => ["list", ...target(f.noIdOnPage2, "Fresh"), "--items-per-page", "100", "-o", "json", ...NO_RETRY],
    code: 7,
    stderr:
      /^atlas-snapshots: Atlas's 200 reply to GET .*pageNum=2.* is not a page of snapshots: results\[0\] is not a snapshot with a string `id`\nhint: /,
  },
  "a snapshot without an id on page 2, check": {
    args: (f) => ["check", ...target(f.noIdOnPage2, "Fresh"), "--items-per-page", "100", ...NO_RETRY],
    code: 7,
    stderr: /pageNum=2.* results\[0\] is not a snapshot/,
  },
  "missing both key variables": {
    args: (f) => ["list", ...target(f.ok, "Fresh")],
    env: {},
    code: 2,
    stderr:
      /^atlas-snapshots: MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY are not set; .* or try --mock\n$/,
  },
  "missing the private key variable": {
    args: (f) => ["check", ...target(f.ok, "Fresh")],
    env: { MONGODB_ATLAS_PUBLIC_API_KEY: PUBLIC_KEY },
    code: 2,
    stderr: /^atlas-snapshots: MONGODB_ATLAS_PRIVATE_API_KEY is not set;/,
  },
  "missing the public key variable": {
    args: (f) => ["list", ...target(f.ok, "Fresh")],
    env: { MONGODB_ATLAS_PRIVATE_API_KEY: PRIVATE_KEY },
    code: 2,
    stderr: /^atlas-snapshots: MONGODB_ATLAS_PUBLIC_API_KEY is not set;/,
  },
  "a blank public key variable": {
    args: (f) => ["list", ...target(f.ok, "Fresh")],
    env: { MONGODB_ATLAS_PUBLIC_API_KEY: "  ", MONGODB_ATLAS_PRIVATE_API_KEY: PRIVATE_KEY },
    code: 2,
    stderr: /^atlas-snapshots: MONGODB_ATLAS_PUBLIC_API_KEY is not set;/,
  },
  "unknown option": {
    args: () => ["list", "--mock", "--bogus"],
    code: 2,
    stderr: /^atlas-snapshots: unknown option --bogus for list\nUsage: atlas-snapshots list /,
  },
  "unknown option with the key as its value": {
    args: () => ["list", "--mock", `--private-key=${PRIVATE_KEY}`],
    code: 2,
    stderr: /^atlas-snapshots: unknown option --private-key for list\n/,
  },
  "an option of the other command": {
    args: () => ["list", "--mock", "--max-age", "1h"],
    code: 2,
    stderr: /option --max-age is not an option of list \(it belongs to check, watch\)/,
  },
  "bad --output": {
    args: () => ["list", "--mock", "-o", "xml"],
    code: 2,
    stderr: /--output "xml" is not an output format/,
  },
  "bad --max-age": {
    args: () => ["check", "--mock", "--max-age", "soon"],
    code: 2,
    stderr: /--max-age "soon" is not a duration.*\nUsage: atlas-snapshots check /s,
  },
  "missing --group": {
    args: () => ["list", "--cluster", "M2AWS"],
    env: KEYS_ENV,
    code: 2,
    stderr:
      /^atlas-snapshots: missing the project id: give --projectId ID \(or -g\/--group ID\), set MONGODB_ATLAS_PROJECT_ID/,
  },
  "missing --cluster": {
    args: () => ["check", "--group", GROUP],
    env: KEYS_ENV,
    code: 2,
    stderr: /missing --clusterName NAME/,
  },
  "--group without a value": { args: () => ["list", "--group"], code: 2, stderr: /option --group needs a value/ },
  "--items-per-page 0": {
    args: () => ["list", "--mock", "--items-per-page", "0"],
    code: 2,
    stderr: /--items-per-page "0" must be an integer from 1 to 500/,
  },
  "--items-per-page 501": {
    args: () => ["list", "--mock", "--items-per-page", "501"],
    code: 2,
    stderr: /--items-per-page "501"/,
  },
  "--page 0": { args: () => ["list", "--mock", "--page", "0"], code: 2, stderr: /--page "0" must be an integer >= 1/ },
  "--all with --page": {
    args: () => ["list", "--mock", "--all", "--page", "2"],
    code: 2,
    stderr: /either --all or --page/,
  },
  "bad --status": {
    args: () => ["list", "--mock", "--status", "done"],
    code: 2,
    stderr: /--status "DONE" is not a snapshot status/,
  },
  "bad --since": { args: () => ["list", "--mock", "--since", "2024-02-30"], code: 2, stderr: /--since "2024-02-30"/ },
  "bad --concurrency": { args: () => ["list", "--mock", "--concurrency", "-1"], code: 2, stderr: /--concurrency/ },
  "bad --group": {
    args: () => ["list", "--group", "../../admin", "--cluster", "x"],
    env: KEYS_ENV,
    code: 2,
    stderr: /--group "..\/..\/admin" must be 24 lowercase hexadecimal characters/,
  },
  "bad --cluster": {
    args: () => ["list", "--group", GROUP, "--cluster", "a/b"],
    env: KEYS_ENV,
    code: 2,
    stderr: /--cluster "a\/b" must start with a letter or digit, hold only letters, digits and hyphens/,
  },
  "bad --base-url": {
    args: () => ["list", "--group", GROUP, "--cluster", "x", "--base-url", "ftp://x"],
    env: KEYS_ENV,
    code: 2,
    stderr: /--base-url "ftp:\/\/x"/,
  },
  "--mock with --base-url": {
    args: () => ["list", "--mock", "--base-url", "http://127.0.0.1:1"],
    code: 2,
    stderr: /either --mock or --base-url/,
  },
  "unknown command": {
    args: () => ["lst"],
    code: 2,
    stderr:
      /^atlas-snapshots: unknown command "lst"; did you mean list\?\nUsage: atlas-snapshots <list\|describe\|check\|watch\|completion\|help>/,
  },
  "no command": { args: () => [], code: 2, stderr: /missing command/ },
  "an extra argument": { args: () => ["list", "--mock", "extra"], code: 2, stderr: /unexpected argument "extra"/ },
  "help for an unknown topic": {
    args: () => ["help", "nope"],
    code: 2,
    stderr: /help takes one of list, describe, check, watch, completion, help/,
  },
  "--mock-data that breaks the format": {
    args: (f) => ["list", "--mock-data", f.badDataFile],
    code: 2,
    stderr:
      /--mock-data .*: groups\[0\]\.clusters\[0\]\.snapshots\[0\]\.id: must be 24 lowercase hexadecimal characters/,
  },
  "--mock-data that does not exist": {
    args: () => ["list", "--mock-data", "/nonexistent/data.json"],
    code: 2,
    stderr: /--mock-data \/nonexistent\/data.json: cannot read it \(ENOENT\)/,
  },
};

export { KEYS_ENV, PRIVATE_KEY, WRONG_PRIVATE_KEY };

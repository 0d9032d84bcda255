// The replay suite can fail: each control feeds it a reply, an outcome or a mock
// answer that is wrong in one way, and requires the check to name it. Findings are
// matched on our own words and on ajv's keyword and JSON path, never ajv's wording.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AtlasNotFoundError, AtlasServerError } from "@atlas-snapshots/client";
import { SUCCESSOR, SUNSET_DATE } from "@atlas-snapshots/types";
import { describe, expect, it } from "vitest";
import { failures } from "../../src/replay/check.js";
import { judgeClientOutcome } from "../../src/replay/client-checks.js";
import { judgedAs } from "../../src/replay/judged-as.js";
import { compareWithMock, type MockAnswer } from "../../src/replay/mock-checks.js";
import { fidelityDir, loadRecordedReplies, parseRecording, type RecordedReply } from "../../src/replay/recordings.js";
import { createSpecJudge } from "../../src/replay/spec-checks.js";

const replies = loadRecordedReplies();
const judge = createSpecJudge();
const byName = (name: string) => {
  const reply = replies.find((r) => r.name === name);
  if (!reply) throw new Error(`no recording ${name}`);
  return structuredClone(reply);
};
const withHeader = (reply: RecordedReply, name: string, value: string | undefined): RecordedReply => {
  const headers = reply.headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase());
  return { ...reply, headers: value === undefined ? headers : [...headers, [name, value]] };
};
/** Changes the JSON body and keeps Content-Length true, so only the intended check can fail. */
const withBody = (reply: RecordedReply, change: (body: Record<string, unknown>) => void): RecordedReply => {
  const body = JSON.parse(reply.body);
  change(body);
  const text = JSON.stringify(body);
  return withHeader({ ...reply, body: text }, "Content-Length", String(Buffer.byteLength(text)));
};
const failedChecks = (reply: RecordedReply) => failures(judge.judge(reply)).join("\n");

describe("the spec check refuses a mutated recording", () => {
  it.each<[string, () => RecordedReply, RegExp]>([
    [
      "a snapshot with an invented field",
      () =>
        withBody(byName("200-list-flex-snapshots.http"), (b) => {
          (b.results as Record<string, unknown>[])[0] = { ...(b.results as object[])[0], sizeBytes: 1 };
        }),
      /^body \(as listFlexBackupSnapshots\): .*\/results\/0 \[additionalProperties\]/m,
    ],
    [
      "a snapshot whose expiration is not UTC",
      () =>
        withBody(byName("200-get-flex-snapshot.http"), (b) => {
          b.expiration = "2026-08-10T17:05:10+02:00";
        }),
      /^body \(as getFlexBackupSnapshot\): .*\/expiration \[pattern\]/m,
    ],
    [
      "an error body without `error`",
      () => withBody(byName("404-GROUP_NOT_FOUND.http"), (b) => delete b.error),
      /^body \(as listFlexBackupSnapshots\): .*\(root\) \[required\]/m,
    ],
    [
      "parameters holding an object",
      () =>
        withBody(byName("404-GROUP_NOT_FOUND.http"), (b) => {
          b.parameters = [{ id: 1 }];
        }),
      /^body \(as getFlexBackupSnapshot\): \/parameters\/0 \[type\]/m,
    ],
    [
      "an error without X-Error-Code",
      () => withHeader(byName("404-CLUSTER_NOT_FOUND-flexClusters.http"), "X-Error-Code", undefined),
      /^header X-Error-Code \(as listFlexBackupSnapshots\): required but absent$/m,
    ],
    [
      "a challenge from another realm",
      () =>
        withHeader(
          byName("401-digest-challenge-no-errorCode.http"),
          "Www-Authenticate",
          'Digest realm="Other", domain="", nonce="cqb42OksBJ8Mc7PHPckeu70AJ7SJudc6", algorithm=MD5, qop="auth", stale=false',
        ),
      /^header WWW-Authenticate \(as listFlexBackupSnapshots\): .*\[pattern\]/m,
    ],
    [
      "a 401 without its challenge",
      () => withHeader(byName("401-digest-challenge-no-errorCode.http"), "Www-Authenticate", undefined),
      /^header WWW-Authenticate \(as getFlexBackupSnapshot\): required but absent$/m,
    ],
    [
      "a Sunset that is no HTTP date",
      () => withHeader(byName("400-CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API.http"), "Sunset", "2027-07-01"),
      /^header Sunset \(as listFlexBackupSnapshots\): .*\[pattern\]/m,
    ],
    [
      "a cut body",
      () => {
        const reply = byName("404-GROUP_NOT_FOUND.http");
        return { ...reply, body: reply.body.slice(0, 40) };
      },
      /^intact: Content-Length 167/m,
    ],
    [
      "an HTML page for JSON",
      () => withHeader(byName("404-GROUP_NOT_FOUND.http"), "Content-Type", "text/html"),
      /^media type \(as listFlexBackupSnapshots\): text\/html is not among application\/json$/m,
    ],
    [
      "an undocumented status on another resource",
      () => ({ ...byName("404-GROUP_NOT_FOUND.http"), status: 418 }),
      /^status: 418: another Atlas resource .* and none does$/m,
    ],
    [
      "an undocumented status from an operation of the spec",
      () => ({ ...byName("200-list-flex-snapshots.http"), status: 418 }),
      /^status \(as listFlexBackupSnapshots\): 418 is not a status listFlexBackupSnapshots documents$/m,
    ],
    [
      "a Flex page sent as plain JSON",
      () => withHeader(byName("200-list-flex-snapshots.http"), "Content-Type", "application/json"),
      /^media type \(as listFlexBackupSnapshots\): application\/json is not among application\/vnd\.atlas\.2024-11-13\+json$/m,
    ],
    [
      "a Flex page judged as the M2/M5 listing, which sends application/json",
      () => ({
        ...byName("200-list-flex-snapshots.http"),
        request: {
          method: "GET",
          path: "/api/atlas/v1.0/groups/b0123456789abcdef012345b/clusters/c/backup/tenant/snapshots",
        },
      }),
      /^media type \(as listSharedClusterBackups\): application\/vnd\.atlas\.2024-11-13\+json is not among application\/json$/m,
    ],
  ])("%s", (_name, mutate, finding) => {
    expect(failedChecks(mutate())).toMatch(finding);
  });

  it("while the unmutated recordings pass", () => {
    for (const reply of replies) expect(failedChecks(reply)).toBe("");
  });
});

describe("the client check refuses a wrong outcome", () => {
  const notFound = byName("404-CLUSTER_NOT_FOUND-flexClusters.http");
  const notice = `Atlas deprecated GET ... (…); it sunsets on ${SUNSET_DATE}. Its successor is ${SUCCESSOR}.`;
  // Built with `new`, not `from`, which would pick the class by status.
  const error = (Class: typeof AtlasNotFoundError, body: unknown) =>
    new Class({ status: 404, body, method: "GET", url: "/api/atlas/v1.0/groups/x" });
  const body = JSON.parse(notFound.body);

  // Judged as the deprecated M2/M5 listing, whose client warns once.
  const LISTING = "listSharedClusterBackups";
  it.each<[string, Parameters<typeof judgeClientOutcome>[2], string[], RegExp]>([
    [
      "a page from an error reply",
      { value: { results: [] } },
      [notice],
      /^outcome: an error status 404 became a result/m,
    ],
    [
      "a TypeError",
      { thrown: new TypeError("boom") },
      [notice],
      /^outcome: threw TypeError: boom, which is not an Atlas error/m,
    ],
    [
      "the wrong class",
      { thrown: error(AtlasServerError, body) },
      [notice],
      /^outcome: threw AtlasServerError, not AtlasNotFoundError/m,
    ],
    [
      "a lost errorCode",
      { thrown: error(AtlasNotFoundError, { ...body, errorCode: undefined }) },
      [notice],
      /^error.errorCode: undefined, not "CLUSTER_NOT_FOUND"/m,
    ],
    ["no deprecation notice", { thrown: error(AtlasNotFoundError, body) }, [], /^deprecation notice: 0 notices/m],
    [
      "two deprecation notices",
      { thrown: error(AtlasNotFoundError, body) },
      [notice, notice],
      /^deprecation notice: 2 notices/m,
    ],
  ])("%s", (_name, outcome, warnings, finding) => {
    expect(failures(judgeClientOutcome(notFound, LISTING, outcome, warnings)).join("\n")).toMatch(finding);
  });

  it("a short list made from a body that is no page", () => {
    const snapshot = byName("200-get-flex-snapshot.http");
    expect(failures(judgeClientOutcome(snapshot, LISTING, { value: { results: [] } }, [notice])).join("\n")).toMatch(
      /^outcome: a body that is no page became a result/m,
    );
  });

  it("a Flex snapshot that is not the one sent", () => {
    const snapshot = byName("200-get-flex-snapshot.http");
    const changed = { ...JSON.parse(snapshot.body), status: "FAILED" };
    expect(failures(judgeClientOutcome(snapshot, "getFlexBackupSnapshot", { value: changed }, [])).join("\n")).toMatch(
      /^outcome: the snapshot differs from the body$/m,
    );
  });

  it("a deprecation notice from a Flex operation, which is not deprecated", () => {
    const listing = byName("200-list-flex-snapshots.http");
    const value = JSON.parse(listing.body);
    expect(failures(judgeClientOutcome(listing, "listFlexBackupSnapshots", { value }, [notice])).join("\n")).toMatch(
      /^deprecation notice: listFlexBackupSnapshots is not deprecated, yet the client warned/m,
    );
    expect(failures(judgeClientOutcome(listing, "listFlexBackupSnapshots", { value }, []))).toEqual([]);
  });
});

describe("the mock comparison refuses a mock that differs", () => {
  const recorded = byName("404-GROUP_NOT_FOUND.http");
  const body = JSON.parse(recorded.body);
  const answer = (change: Partial<MockAnswer> = {}): MockAnswer => ({
    status: 404,
    headers: new Headers({ "Content-Type": "application/json", "X-Error-Code": "GROUP_NOT_FOUND" }),
    body,
    ...change,
  });
  const found = (reply: RecordedReply, a: MockAnswer) => failures(compareWithMock(reply, a)).join("\n");

  it("accepts an answer like Atlas's", () => expect(found(recorded, answer())).toBe(""));
  it.each<[string, MockAnswer, RegExp]>([
    ["another status", answer({ status: 400 }), /^status: mock 400, Atlas 404$/m],
    [
      "an invented body key",
      answer({ body: { ...body, badRequestDetail: null } }),
      /^body keys: mock \{badRequestDetail,/m,
    ],
    ["a dropped body key", answer({ body: { error: 404 } }), /^body keys: /m],
    [
      "no X-Error-Code",
      answer({ headers: new Headers({ "Content-Type": "application/json" }) }),
      /^header x-error-code: Atlas sends it/m,
    ],
    [
      "another Content-Type",
      answer({
        headers: new Headers({
          "Content-Type": "application/json;charset=ISO-8859-1",
          "X-Error-Code": "GROUP_NOT_FOUND",
        }),
      }),
      /^content-type value: mock application\/json;charset=ISO-8859-1, Atlas application\/json$/m,
    ],
  ])("%s", (_name, mockAnswer, finding) => {
    expect(found(recorded, mockAnswer)).toMatch(finding);
  });

  it("an X-Error-Code on the Digest challenge", () => {
    const challenge = byName("401-digest-challenge-no-errorCode.http");
    const mock: MockAnswer = {
      status: 401,
      headers: new Headers({ "Content-Type": "application/json", "WWW-Authenticate": "Digest x", "X-Error-Code": "X" }),
      body: JSON.parse(challenge.body),
    };
    expect(found(challenge, mock)).toMatch(/^header x-error-code: the mock sends it, Atlas does not$/m);
  });

  it("a completed snapshot without expiration", () => {
    const listing = byName("200-list-flex-snapshots.http");
    const page = JSON.parse(listing.body);
    const { expiration: _dropped, ...withoutExpiration } = page.results[0];
    const mock: MockAnswer = {
      status: 200,
      headers: new Headers({ "Content-Type": "application/json", "RateLimit-Limit": "1", "RateLimit-Remaining": "0" }),
      body: { ...page, results: [withoutExpiration] },
    };
    expect(found(listing, mock)).toMatch(/^COMPLETED snapshot keys: \{finishTime, id, /m);
  });

  it("a Flex page as plain JSON, or as the versioned type without its charset", () => {
    const listing = byName("200-list-flex-snapshots.http");
    const page = JSON.parse(listing.body);
    for (const type of ["application/json", "application/vnd.atlas.2024-11-13+json"]) {
      const mock: MockAnswer = {
        status: 200,
        headers: new Headers({ "Content-Type": type, "RateLimit-Limit": "1", "RateLimit-Remaining": "0" }),
        body: page,
      };
      expect(found(listing, mock)).toBe(
        `content-type value: mock ${type}, Atlas application/vnd.atlas.2024-11-13+json;charset=utf-8`,
      );
    }
  });
});

describe("the recordings folder", () => {
  /** A copy of spec/fidelity/ to change, removed afterwards. */
  function withCopy(change: (dir: string) => void, then: (dir: string) => void) {
    const dir = mkdtempSync(join(tmpdir(), "atlas-fidelity-"));
    try {
      cpSync(fidelityDir, dir, { recursive: true });
      change(dir);
      then(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const body = '{"error":404,"errorCode":"GROUP_NOT_FOUND"}';
  const addRecording = (dir: string) =>
    writeFileSync(
      join(dir, "recordings", "404-new.http"),
      `HTTP/2.0 404 Not Found\nContent-Type: application/json\nX-Error-Code: GROUP_NOT_FOUND\n\n${body}`,
    );
  const addRequest = (dir: string, line: string) => appendFileSync(join(dir, "requests.yaml"), `${line}\n`);

  it("takes in a new recording and its request line with no code change, judged as the operation it names", () => {
    withCopy(
      (dir) => {
        addRecording(dir);
        addRequest(
          dir,
          `recordings/404-new.http: GET /api/atlas/v2/groups/${"1".repeat(24)}/flexClusters/F/backup/snapshots`,
        );
      },
      (dir) => {
        const loaded = loadRecordedReplies(dir);
        expect(loaded).toHaveLength(replies.length + 1);
        const added = loaded.find((r) => r.name === "404-new.http");
        expect(added).toMatchObject({ status: 404, body });
        expect(judgedAs(added as RecordedReply).operations).toEqual(["listFlexBackupSnapshots"]);
      },
    );
  });

  it.each<[string, (dir: string) => void, RegExp]>([
    [
      "a recording without a request line",
      (dir) => addRecording(dir),
      /recordings\/404-new\.http has no request in requests\.yaml/,
    ],
    [
      "a request line that is no method and path",
      (dir) => {
        const file = join(dir, "requests.yaml");
        writeFileSync(
          file,
          readFileSync(file, "utf8").replace(/^(recordings\/404-GROUP_NOT_FOUND\.http): .*$/m, "$1: fetch the group"),
        );
      },
      /requests\.yaml: recordings\/404-GROUP_NOT_FOUND\.http: must be "METHOD \/path"/,
    ],
    [
      "a request line for no file",
      (dir) => addRequest(dir, "recordings/404-gone.http: GET /api/atlas/v2/groups"),
      /requests\.yaml: recordings\/404-gone\.http: no such file/,
    ],
  ])("refuses %s, naming it", (_name, change, message) => {
    withCopy(change, (dir) => expect(() => loadRecordedReplies(dir)).toThrow(message));
  });

  it("holds for each recording the request its source's recorder file name spells (SOURCES.md)", () => {
    const sources = readFileSync(join(fidelityDir, "SOURCES.md"), "utf8");
    for (const reply of replies.filter((r) => r.kind === "recording")) {
      // `- \`NAME\` — repo ..., path `.../METHOD_api_atlas_..._N.snaphost`.`
      const line = sources.split("\n").find((l) => l.startsWith(`- \`${reply.name}\``)) ?? "";
      const file = /\/([A-Z]+)_(api_[^/`]+?)_\d+\.snaphost`/.exec(line);
      expect(file, `SOURCES.md names ${reply.name}'s recorder file`).not.toBeNull();
      // The recorder writes each "/" of the path as "_"; our ids and names hold no "_".
      expect(reply.request).toEqual({ method: file?.[1], path: `/${file?.[2]?.replaceAll("_", "/")}` });
    }
  });

  it.each([
    ["no blank line", "HTTP/2.0 200 OK\nContent-Type: application/json", /no blank line/],
    ["no status line", "200 OK\nA: b\n\n{}", /not an HTTP status line/],
    ["a broken header", "HTTP/2.0 200 OK\nno colon here\n\n{}", /not a header line/],
  ])("refuses a file with %s", (_name, text, message) => {
    expect(() => parseRecording("x.http", text)).toThrow(message);
  });
});

// Every recorded Atlas reply in spec/fidelity/ through the spec, the client and
// the mock. A file added there becomes more tests here, with no code change.
import { createAtlasClient } from "@atlas-snapshots/client";
import type { OperationId } from "@atlas-snapshots/types";
import { afterAll, describe, expect, it } from "vitest";
import type { Check } from "../../src/replay/check.js";
import { failures } from "../../src/replay/check.js";
import { callOperation } from "../../src/replay/client-calls.js";
import { judgeClientOutcome, type Outcome } from "../../src/replay/client-checks.js";
import { judgedAs } from "../../src/replay/judged-as.js";
import { askMock, compareWithMock, situationFor } from "../../src/replay/mock-checks.js";
import { loadRecordedReplies, type RecordedReply } from "../../src/replay/recordings.js";
import { startReplayServer } from "../../src/replay/replay-server.js";
import { createSpecJudge } from "../../src/replay/spec-checks.js";

const replies = loadRecordedReplies();
const judge = createSpecJudge();

/** Asserts no check failed, and registers each check that does not apply as a skipped test naming why. */
function expectNoFailures(checks: Check[]) {
  expect(checks.length).toBeGreaterThan(0);
  expect(failures(checks), JSON.stringify(checks, null, 2)).toEqual([]);
}
const skipsOf = (checks: Check[]) =>
  checks.flatMap((c) => (c.verdict === "skip" ? [`${c.name} does not apply: ${c.reason}`] : []));

it("finds the recordings and the docs sample", () => {
  expect(replies.filter((r) => r.kind === "recording").length).toBeGreaterThanOrEqual(9);
  expect(replies.filter((r) => r.kind === "docs-sample").length).toBeGreaterThanOrEqual(1);
});

describe.each(replies.map((r) => [r.name, r] as const))("%s", (_name, reply) => {
  describe("fits the spec", () => {
    const checks = judge.judge(reply);
    it("body and documented headers as the spec describes them", () => expectNoFailures(checks));
    for (const reason of skipsOf(checks)) it.skip(reason, () => {});
  });

  describe("through the client", () => {
    // The helper of the operation the recording is judged as (for another resource: the first of them).
    const { operations, params } = judgedAs(reply);
    const operation = operations[0] ?? "listSharedClusterBackups";
    it(`becomes what ${operation} returns or the right Atlas error, with a deprecation notice only where one is due`, async () => {
      const { outcome, warnings, hits } = await replayToClient(reply, operation, params);
      expect(hits).toBeGreaterThan(0);
      expectNoFailures(judgeClientOutcome(reply, operation, outcome, warnings));
    });
  });

  describe("against the mock", () => {
    const situation = situationFor(reply);
    if (!situation) {
      it.skip(`no mock situation for status ${reply.status}`, () => {});
      return;
    }
    const title = `answers ${situation.description} alike: status, header names that matter, body keys${
      situation.approximate ? ` (${situation.approximate})` : ""
    }`;
    it(title, async () => {
      const checks = compareWithMock(reply, await askMock(situation));
      expectNoFailures(checks);
    });
  });
});

const servers: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** Serves the reply on loopback and asks our client, through `operation`'s helper, for what it returns. */
async function replayToClient(reply: RecordedReply, operation: OperationId, params: Record<string, string>) {
  const server = await startReplayServer(reply);
  servers.push(server);
  const warnings: string[] = [];
  const atlas = createAtlasClient({
    publicKey: "replay-public",
    privateKey: "replay-private",
    baseUrl: server.origin,
    maxRetries: 0,
    logger: { warn: (message) => warnings.push(message) },
  });
  const outcome: Outcome = await callOperation(atlas, operation, params).then(
    (value) => ({ value }),
    (thrown: unknown) => ({ thrown }),
  );
  return { outcome, warnings, hits: server.hits() };
}

import type { TenantSnapshot } from "@atlas-snapshots/types";
import { describe, expect, it } from "vitest";
import { judgeLatest } from "../src/judge-latest.js";

const H = 3_600_000;
const NOW = Date.parse("2024-05-10T12:00:00Z");
const at = (hoursAgo: number) => new Date(NOW - hoursAgo * H).toISOString().replace(".000", "");
const snap = (id: string, status: string, hoursAgo: number) =>
  ({ id, status, mongoDBVersion: "7.0.2", scheduledTime: at(hoursAgo) }) as TenantSnapshot;

describe("judgeLatest", () => {
  it.each([
    [
      "fresh completed",
      {
        given: [snap("a", "COMPLETED", 3), snap("b", "FAILED", 27)],
        ok: true,
        reason: /^latest snapshot a .* is COMPLETED, within 1d 2h$/,
      },
    ],
    [
      "failed",
      {
        given: [snap("a", "FAILED", 3), snap("b", "COMPLETED", 27)],
        ok: false,
        reason: /a .* is FAILED; last completed: b, 1d 3h ago/,
      },
    ],
    [
      "running",
      {
        given: [snap("a", "RUNNING", 1)],
        ok: false,
        reason: /is still RUNNING, not completed yet; no completed snapshot at all/,
      },
    ],
    ["queued", { given: [snap("a", "QUEUED", 0)], ok: false, reason: /still QUEUED/ }],
    [
      "stale",
      {
        given: [snap("a", "COMPLETED", 30)],
        ok: false,
        reason: /^stale: .* is COMPLETED but 4h older than the max age of 1d 2h$/,
      },
    ],
    ["exactly max age is stale", { given: [snap("a", "COMPLETED", 26)], ok: false, reason: /^stale/ }],
    ["none", { given: [], ok: false, reason: /^no snapshots/ }],
    ["unknown status", { given: [snap("a", "ARCHIVED", 1)], ok: false, reason: /is ARCHIVED, not COMPLETED/ }],
    // The server's order does not matter: the newest scheduledTime wins.
    [
      "newest not first (failed)",
      { given: [snap("old", "COMPLETED", 5), snap("new", "FAILED", 1)], ok: false, reason: /new .* FAILED/ },
    ],
    [
      "newest not first (ok)",
      { given: [snap("old", "FAILED", 30), snap("new", "COMPLETED", 2)], ok: true, reason: /new/ },
    ],
    [
      "tie broken by id descending",
      { given: [snap("a1", "FAILED", 1), snap("a2", "COMPLETED", 1)], ok: true, reason: /a2/ },
    ],
  ])("%s", (_name, { given, ok, reason }) => {
    const verdict = judgeLatest(given, 26 * H, NOW);
    expect(verdict.ok).toBe(ok);
    expect(verdict.reason).toMatch(reason);
    expect(verdict.reason).not.toContain("\n");
  });
});

describe("judgeLatest with snapshots scheduled in the future", () => {
  const MAX = 26 * H;
  it("fails a COMPLETED snapshot dated far ahead instead of calling it fresh, and never says '0s ago'", () => {
    const verdict = judgeLatest(
      [snap("future", "COMPLETED", -400 * 24), snap("real", "COMPLETED", 400 * 24)],
      MAX,
      NOW,
    );
    expect(verdict.ok).toBe(false);
    expect(verdict.reason).toMatch(/future .*400d from now.* is COMPLETED but scheduled in the future/);
    expect(verdict.reason).not.toContain("0s ago");
  });

  it("skips an upcoming QUEUED snapshot and judges the newest one that has run", () => {
    const verdict = judgeLatest([snap("next", "QUEUED", -5), snap("real", "COMPLETED", 400 * 24)], MAX, NOW);
    expect(verdict.ok).toBe(false);
    expect(verdict.reason).toMatch(/^stale: latest snapshot real .*400d ago/);
  });

  it("says so when only upcoming snapshots exist", () => {
    expect(judgeLatest([snap("next", "PENDING", -5)], MAX, NOW)).toEqual({
      ok: false,
      reason: "no snapshot has run yet: 1 upcoming, scheduled in the future",
    });
  });

  it("tolerates a few minutes of clock skew", () => {
    expect(judgeLatest([snap("a", "COMPLETED", -0.05)], MAX, NOW).ok).toBe(true);
  });
});

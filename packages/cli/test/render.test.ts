import type { TenantSnapshot } from "@atlas-snapshots/types";
import { describe, expect, it } from "vitest";
import { createPaint, useColor } from "../src/color.js";
import { csvField, csvHeader, csvSnapshot } from "../src/render-csv.js";
import { renderSnapshotTable } from "../src/render-snapshot-table.js";
import { renderTable } from "../src/render-table.js";

const ESC = "\x1b[";
const failed: TenantSnapshot = {
  id: "5cc310ace5dc7ce369814bc8",
  status: "FAILED",
  mongoDBVersion: "4.2.7",
  scheduledTime: "2019-04-26T12:00:00Z",
  startTime: "2019-04-26T14:07:53Z",
  finishTime: "2019-04-26T14:08:07Z",
};
const queued: TenantSnapshot = {
  id: "5cc5b0aee5dc7ce369814e3a",
  status: "QUEUED",
  mongoDBVersion: "4.2.10",
  scheduledTime: "2019-04-28T12:00:00Z",
};

describe("renderTable", () => {
  it("aligns columns two spaces apart and trims line ends", () => {
    expect(
      renderTable(
        ["A", "BB", "C"],
        [
          ["long", "x", ""],
          ["s", "yyy", "z"],
        ],
      ),
    ).toBe("A     BB   C\nlong  x\ns     yyy  z\n");
  });

  it("measures painted cells by their text", () => {
    const red = { text: "ab", paint: (text: string) => `<${text}>` };
    expect(
      renderTable(
        ["H", "I"],
        [
          [red, "x"],
          ["abcd", "y"],
        ],
      ),
    ).toBe("H     I\n<ab>    x\nabcd  y\n");
  });
});

describe("renderSnapshotTable", () => {
  it("prints one aligned row per snapshot, '-' for missing times, no colour when off", () => {
    const text = renderSnapshotTable([queued, failed], createPaint(false));
    expect(text.split("\n")).toEqual([
      "ID                        STATUS  MONGODB  SCHEDULED             STARTED               FINISHED",
      "5cc5b0aee5dc7ce369814e3a  QUEUED  4.2.10   2019-04-28T12:00:00Z  -                     -",
      "5cc310ace5dc7ce369814bc8  FAILED  4.2.7    2019-04-26T12:00:00Z  2019-04-26T14:07:53Z  2019-04-26T14:08:07Z",
      "",
    ]);
    expect(text).not.toContain(ESC);
  });

  it("colours statuses when on, keeping the columns aligned", () => {
    const text = renderSnapshotTable([queued, failed, { ...failed, status: "COMPLETED" }], createPaint(true));
    expect(text).toContain(`${ESC}31mFAILED${ESC}39m`);
    expect(text).toContain(`${ESC}33mQUEUED${ESC}39m`);
    expect(text).toContain(`${ESC}32mCOMPLETED${ESC}39m`);
    // Stripped of colour, it is the plain table.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point
    const plain = text.replace(/\x1b\[\d+m/g, "");
    expect(plain).toBe(renderSnapshotTable([queued, failed, { ...failed, status: "COMPLETED" }], createPaint(false)));
  });

  it("leaves an unknown status (Atlas may add some) plain", () => {
    const text = renderSnapshotTable(
      [{ ...failed, status: "ARCHIVED" as TenantSnapshot["status"] }],
      createPaint(true),
    );
    expect(text).toContain("ARCHIVED");
    expect(text).not.toContain(`m${"ARCHIVED"}`);
  });
});

describe("useColor", () => {
  it.each([
    ["a terminal", { tty: true, env: {}, want: true }],
    ["not a terminal", { tty: false, env: {}, want: false }],
    ["unknown", { tty: undefined, env: {}, want: false }],
    ["NO_COLOR", { tty: true, env: { NO_COLOR: "1" }, want: false }],
    ["empty NO_COLOR is unset (no-color.org)", { tty: true, env: { NO_COLOR: "" }, want: true }],
    ["TERM=dumb", { tty: true, env: { TERM: "dumb" }, want: false }],
  ])("%s", (_name, { tty, env, want }) => {
    expect(useColor(tty, env)).toBe(want);
  });
});

describe("csv", () => {
  it.each([
    ["plain", { given: "abc", want: "abc" }],
    ["comma", { given: "a,b", want: '"a,b"' }],
    ["quote", { given: 'say "hi"', want: '"say ""hi"""' }],
    ["newline", { given: "a\nb", want: '"a\nb"' }],
    ["carriage return", { given: "a\rb", want: '"a\rb"' }],
    ["undefined", { given: undefined, want: "" }],
  ])("quotes a field: %s", (_name, { given, want }) => {
    expect(csvField(given)).toBe(want);
  });

  it("writes the header and CRLF records with empty missing times", () => {
    expect(csvHeader()).toBe("id,status,mongoDBVersion,scheduledTime,startTime,finishTime\r\n");
    expect(csvSnapshot(queued)).toBe("5cc5b0aee5dc7ce369814e3a,QUEUED,4.2.10,2019-04-28T12:00:00Z,,\r\n");
  });
});

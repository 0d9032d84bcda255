import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "../src/parse-duration.js";

const H = 3_600_000;

describe("parseDuration", () => {
  it.each([
    ["26h", { given: "26h", want: 26 * H }],
    ["minutes", { given: "90m", want: 1.5 * H }],
    ["days", { given: "2d", want: 48 * H }],
    ["days and hours", { given: "1d12h", want: 36 * H }],
    ["seconds", { given: "3600s", want: H }],
    ["every unit", { given: "1d1h1m1s", want: 25 * H + 61_000 }],
    ["upper case and spaces", { given: " 26H ", want: 26 * H }],
    ["milliseconds", { given: "1500ms", want: 1500 }],
    ["seconds and milliseconds", { given: "1s250ms", want: 1250 }],
    ["minutes, not milliseconds", { given: "5m", want: 300_000 }],
    ["bare seconds", { given: "30", want: 30_000 }],
  ])("%s", (_name, { given, want }) => {
    expect(parseDuration(given, "--max-age")).toBe(want);
  });

  it.each([
    ["empty", ""],
    ["a fraction", "1.5"],
    ["ms before s", "5ms1s"],
    ["unknown unit", "3w"],
    ["units out of order", "12h1d"],
    ["negative", "-1h"],
    ["fraction", "1.5h"],
    ["zero", "0h"],
    ["huge", "99999999999999999d"],
  ])("refuses %s", (_name, given) => {
    expect(() => parseDuration(given, "--max-age")).toThrow(/^--max-age /);
  });
});

describe("formatDuration", () => {
  it.each([
    ["zero", { given: 0, want: "0s" }],
    ["seconds", { given: 42_000, want: "42s" }],
    ["hours and minutes", { given: 3 * H + 12 * 60_000, want: "3h 12m" }],
    ["the coarsest unit and the next", { given: 26 * H + 5 * 60_000 + 7_000, want: "1d 2h" }],
    ["drops a zero next unit and everything finer", { given: 24 * H + 5 * 60_000, want: "1d" }],
    ["minutes and seconds", { given: 90_500, want: "1m 31s" }],
    ["negative clamps", { given: -5_000, want: "0s" }],
  ])("%s", (_name, { given, want }) => {
    expect(formatDuration(given)).toBe(want);
  });
});

import { describe, expect, it } from "vitest";
import { parseSince } from "../src/parse-since.js";

describe("parseSince", () => {
  it.each([
    ["a date is UTC midnight", { given: "2024-05-01", want: "2024-05-01T00:00:00.000Z" }],
    ["a date-time in UTC", { given: "2024-05-01T12:30:00Z", want: "2024-05-01T12:30:00.000Z" }],
    ["minutes only", { given: "2024-05-01T12:30Z", want: "2024-05-01T12:30:00.000Z" }],
    ["no zone means UTC", { given: "2024-05-01T12:30:00", want: "2024-05-01T12:30:00.000Z" }],
    ["an offset", { given: "2024-05-01T12:30:00+02:00", want: "2024-05-01T10:30:00.000Z" }],
    ["an offset without colon", { given: "2024-05-01T12:30:00-0130", want: "2024-05-01T14:00:00.000Z" }],
    ["fractional seconds", { given: "2024-05-01T12:30:00.250Z", want: "2024-05-01T12:30:00.250Z" }],
    ["a space instead of T", { given: "2024-05-01 12:30:00Z", want: "2024-05-01T12:30:00.000Z" }],
  ])("%s", (_name, { given, want }) => {
    expect(new Date(parseSince(given)).toISOString()).toBe(want);
  });

  it.each([
    ["empty", ""],
    ["words", "yesterday"],
    ["no day", "2024-05"],
    ["February 30", "2024-02-30"],
    ["month 13", "2024-13-01"],
    ["hour 24", "2024-05-01T24:00:00Z"],
    ["epoch number", "1714560000"],
    ["trailing junk", "2024-05-01x"],
  ])("refuses %s", (_name, given) => {
    expect(() => parseSince(given)).toThrow(/^--since .* is not an ISO date/);
  });
});

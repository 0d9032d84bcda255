import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { type BreakingChange, classifyChanges } from "../src/lib/breaking/classify-changes.ts";
import { parseSpec } from "../src/lib/load-spec.ts";

const fixture = async (name: string) =>
  parseSpec(await readFile(new URL(`./fixtures/breaking/${name}.yaml`, import.meta.url), "utf8"), name);

type Want = { rule: BreakingChange["rule"]; mentions: string }[];
const cases: [string, { given: string; want: Want }][] = [
  ["a removed field", { given: "removed-field", want: [{ rule: "removed-field", mentions: ".version" }] }],
  ["a renamed field", { given: "renamed-field", want: [{ rule: "removed-field", mentions: ".version" }] }],
  [
    "a removed enum value",
    { given: "removed-enum-value", want: [{ rule: "removed-enum-value", mentions: '"FAILED"' }] },
  ],
  [
    "a removed parameter",
    { given: "removed-parameter", want: [{ rule: "removed-parameter", mentions: "query.pretty" }] },
  ],
  ["a narrowed field type", { given: "narrowed-type", want: [{ rule: "narrowed-type", mentions: ".count" }] }],
  [
    "a narrowed parameter range",
    {
      given: "narrowed-parameter-range",
      want: [{ rule: "narrowed-constraint", mentions: "maximum lowered from 500 to 100" }],
    },
  ],
  [
    "a new required parameter",
    { given: "new-required-parameter", want: [{ rule: "new-required-parameter", mentions: "query.envelope" }] },
  ],
  [
    "a parameter that became required",
    { given: "parameter-became-required", want: [{ rule: "new-required-parameter", mentions: "query.pretty" }] },
  ],
  [
    "a response field that is no longer required",
    { given: "field-no-longer-required", want: [{ rule: "field-no-longer-required", mentions: ".version" }] },
  ],
  [
    "a removed operation",
    { given: "removed-operation", want: [{ rule: "removed-operation", mentions: "GET /things" }] },
  ],
  ["a removed response", { given: "removed-response", want: [{ rule: "removed-response", mentions: "response 404" }] }],
  ["an added optional field", { given: "added-optional-field", want: [] }],
  ["an added enum value", { given: "added-enum-value", want: [] }],
  ["an added optional parameter", { given: "added-optional-parameter", want: [] }],
  ["a widened parameter range", { given: "widened-parameter-range", want: [] }],
  ["an added response", { given: "added-response", want: [] }],
  ["no change at all", { given: "base", want: [] }],
];

describe("breaking-change classifier", () => {
  it.each(cases)("classifies %s", async (_name, { given, want }) => {
    const changes = classifyChanges(await fixture("base"), await fixture(given));
    expect(changes.map((c) => c.rule)).toEqual(want.map((w) => w.rule));
    want.forEach((w, i) => {
      const change = changes[i] as BreakingChange;
      expect(`${change.where} ${change.message}`).toContain(w.mentions);
    });
  });
});

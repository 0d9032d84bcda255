import { describe, expect, it } from "vitest";
import { missingMajors, parseChangeset, SPEC_CONSUMERS } from "../src/lib/release/required-bumps.ts";

const changeset = (lines: string) => parseChangeset(`---\n${lines}\n---\n\nWhat changed.\n`, "x.md");

describe("the rule: a breaking spec change is a major release of every package built on the spec", () => {
  it("reads quoted and bare package names", () => {
    expect([...changeset(`"@atlas-snapshots/spec": major\n'@atlas-snapshots/cli': patch\nplain: minor`)]).toEqual([
      ["@atlas-snapshots/spec", "major"],
      ["@atlas-snapshots/cli", "patch"],
      ["plain", "minor"],
    ]);
  });

  it("refuses a file without front matter, or a line that is not a bump, naming file and line", () => {
    expect(() => parseChangeset("no front matter", "a.md")).toThrow(/^a\.md: no front matter/);
    expect(() => parseChangeset('---\n"@atlas-snapshots/spec": huge\n---\n', "b.md")).toThrow(/^b\.md:2: /);
  });

  it("names every spec consumer when no changeset says major", () => {
    expect(missingMajors([])).toEqual([...SPEC_CONSUMERS]);
    expect(missingMajors([changeset(SPEC_CONSUMERS.map((name) => `"${name}": minor`).join("\n"))])).toEqual([
      ...SPEC_CONSUMERS,
    ]);
  });

  it("is satisfied when the majors are spread over several changesets", () => {
    const [first, ...rest] = SPEC_CONSUMERS;
    expect(
      missingMajors([changeset(`"${first}": major`), changeset(rest.map((name) => `"${name}": major`).join("\n"))]),
    ).toEqual([]);
  });

  it("names only the packages still missing", () => {
    expect(missingMajors([changeset(`"@atlas-snapshots/spec": major\n"@atlas-snapshots/types": major`)])).toEqual([
      "@atlas-snapshots/client",
      "@atlas-snapshots/mock",
      "@atlas-snapshots/cli",
    ]);
  });
});

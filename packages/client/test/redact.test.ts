import { describe, expect, it } from "vitest";
import { AtlasValidationError, createAtlasClient, REDACTED, redact, redactUrlCredentials } from "../src/index.js";
import { MIN_REDACTED_LENGTH } from "../src/redact.js";

describe("redact", () => {
  it("replaces every occurrence of every secret, ignoring empty and short ones", () => {
    expect(redact("k=abcdef; again abcdef", ["abcdef", ""])).toBe(`k=${REDACTED}; again ${REDACTED}`);
    const short = "a".repeat(MIN_REDACTED_LENGTH - 1);
    expect(redact(`key ${short}`, [short])).toBe(`key ${short}`);
  });
});

describe("redactUrlCredentials", () => {
  it.each([
    ["https://user:pass@cloud.mongodb.com/api", "https://[redacted]@cloud.mongodb.com/api"],
    // Up to the last @ of the authority: no part of a password holding @ shows.
    ["https://user:p@ss@host/x?y=1", "https://[redacted]@host/x?y=1"],
    ["//user:pass@host", "//[redacted]@host"],
    ["ftp://u:p@host", "ftp://[redacted]@host"],
    [" https://u:pa ss@host", " https://[redacted]@host"],
  ])("%s", (given, want) => {
    expect(redactUrlCredentials(given)).toBe(want);
  });

  it.each(["https://host/path@x", "https://host?q=a@b", "https://host#a@b", "no url at all"])(
    "leaves %s as it is (no user:password@ there)",
    (given) => {
      expect(redactUrlCredentials(given)).toBe(given);
    },
  );

  it("is the rule createAtlasClient shows a bad baseUrl with", () => {
    let thrown: unknown;
    try {
      createAtlasClient({ publicKey: "p", privateKey: "k", baseUrl: "https://user:s3cr@t@host/" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AtlasValidationError);
    expect((thrown as AtlasValidationError).value).toBe("https://[redacted]@host/");
    expect((thrown as Error).message).not.toContain("s3cr");
    expect((thrown as Error).message).not.toContain("t@host");
  });
});

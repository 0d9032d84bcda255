import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { md5Hex } from "../src/digest/md5.js";

const reference = (text: string) => createHash("md5").update(text, "utf8").digest("hex");

describe("md5Hex", () => {
  it("matches RFC 1321's test suite", () => {
    expect(md5Hex("")).toBe("d41d8cd98f00b204e9800998ecf8427e");
    expect(md5Hex("abc")).toBe("900150983cd24fb0d6963f7d28e17f72");
    expect(md5Hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890")).toBe(
      "57edf4a22be3c955ac49da2e2107b67a",
    );
  });

  it("matches node:crypto at every padding boundary (55 to 129 bytes)", () => {
    for (let length = 50; length <= 130; length++)
      expect(md5Hex("x".repeat(length))).toBe(reference("x".repeat(length)));
  });

  it("matches node:crypto for any text, hashed as UTF-8", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (text) => {
        expect(md5Hex(text)).toBe(reference(text));
      }),
      { seed: 1321, numRuns: 300 },
    );
  });
});

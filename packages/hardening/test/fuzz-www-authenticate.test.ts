// The client's WWW-Authenticate parser: never throws, stays fast on hostile
// input, and reads back every challenge list generated from the RFC 7235 grammar.
import { Worker } from "node:worker_threads";
import { parseWwwAuthenticate } from "@atlas-snapshots/client";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quoteString } from "./helpers/reference-digest.js";

const SEEDS = [7, 1234, 987654];
const tchar = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const token = fc.string({ unit: fc.constantFrom(...tchar), minLength: 1, maxLength: 12 });
const ows = fc.constantFrom("", " ", "  ", "\t", " \t ");
// quoted-string content: visible ASCII and Latin-1, quotes and backslashes included (escaped on the wire).
const quotedText = fc.string({
  unit: fc
    .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff }))
    .map((c) => String.fromCharCode(c)),
  maxLength: 30,
});

interface GeneratedChallenge {
  scheme: string;
  params: [name: string, value: string, quoted: boolean][];
}

const challenge: fc.Arbitrary<GeneratedChallenge> = fc.record({
  scheme: token,
  params: fc
    .uniqueArray(fc.tuple(token, fc.oneof(token, quotedText), fc.boolean()), {
      selector: ([name]) => name.toLowerCase(),
      maxLength: 6,
    })
    // An unquoted value must be a token; anything else goes quoted.
    .map((params) =>
      params.map(([n, v, q]): [string, string, boolean] => [n, v, q || !/^[!#$%&'*+\-.^_`|~\w]+$/.test(v)]),
    ),
});

function serialize(challenges: GeneratedChallenge[], spacing: string[]): string {
  let i = 0;
  const sp = () => spacing[i++ % spacing.length] ?? "";
  return challenges
    .map(({ scheme, params }) => {
      const list = params.map(([n, v, q]) => `${n}${sp()}=${sp()}${q ? quoteString(v) : v}`).join(`${sp()},${sp()}`);
      return list ? `${scheme} ${list}` : scheme;
    })
    .join(`${sp()},${sp()}`);
}

describe("parseWwwAuthenticate", () => {
  for (const seed of SEEDS) {
    it(`never throws on arbitrary strings (seed ${seed})`, () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string({ unit: "binary", maxLength: 300 }),
            fc.string({ unit: fc.constantFrom(..."Digest realm=\"\\, \t=abc'"), maxLength: 300 }),
          ),
          (header) => {
            const parsed = parseWwwAuthenticate(header);
            expect(Array.isArray(parsed)).toBe(true);
            for (const c of parsed) expect(typeof c.scheme).toBe("string");
          },
        ),
        { seed, numRuns: 1000 },
      );
    });

    it(`reads back generated challenge lists (seed ${seed})`, () => {
      fc.assert(
        fc.property(
          fc.array(challenge, { minLength: 1, maxLength: 4 }),
          fc.array(ows, { minLength: 1, maxLength: 8 }),
          (list, spacing) => {
            const parsed = parseWwwAuthenticate(serialize(list, spacing));
            expect(parsed.map((c) => ({ scheme: c.scheme, params: { ...c.params } }))).toEqual(
              list.map(({ scheme, params }) => ({
                scheme,
                params: Object.fromEntries(params.map(([n, v]) => [n.toLowerCase(), v])),
              })),
            );
          },
        ),
        { seed, numRuns: 500 },
      );
    });
  }

  it("reads the seed's challenge, typo included", () => {
    const [digest] = parseWwwAuthenticate(
      'Digest realm="MMS Public API", domain="", nonce="OtCLGAmxJHGgNt3gY4dwVGFGnPqHt4uy", algorithm=MD5, op="auth", stale=false',
    );
    expect(digest?.params).toEqual({
      realm: "MMS Public API",
      domain: "",
      nonce: "OtCLGAmxJHGgNt3gY4dwVGFGnPqHt4uy",
      algorithm: "MD5",
      op: "auth",
      stale: "false",
    });
  });

  it("stays linear on hostile input (4 MB of quotes, backslashes and commas)", async () => {
    // No clock is read: at this size a quadratic or backtracking parser runs for
    // hours while a linear one takes moments, so the only bound is a hang guard
    // hundreds of times above that. A worker, because a stuck synchronous parse
    // would never let the test's own timeout fire.
    const source = `
      const { parentPort } = require("node:worker_threads");
      import(${JSON.stringify(import.meta.resolve("@atlas-snapshots/client"))}).then(({ parseWwwAuthenticate }) => {
        const hostile = ['Digest realm="' + "\\\\".repeat(2_000_000), "Digest " + 'a="'.repeat(1_300_000), ", ".repeat(2_000_000) + "x"];
        parentPort.postMessage(hostile.map((h) => parseWwwAuthenticate(h).length));
      });`;
    const worker = new Worker(source, { eval: true });
    try {
      const counts = await new Promise((resolve, reject) => {
        const guard = setTimeout(() => reject(new Error("the parser did not finish 4 MB within 2 minutes")), 120_000);
        worker.once("message", (value) => {
          clearTimeout(guard);
          resolve(value);
        });
        worker.once("error", reject);
      });
      expect(counts).toEqual([1, 1, expect.any(Number)]);
    } finally {
      await worker.terminate();
    }
  }, 180_000);
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseWwwAuthenticate } from "../src/digest.js";

const plain = (header: string) =>
  parseWwwAuthenticate(header).map((c) => ({ scheme: c.scheme, params: { ...c.params }, token68: c.token68 }));

describe("parseWwwAuthenticate", () => {
  it.each<[string, { given: string; want: ReturnType<typeof plain> }]>([
    [
      "the seed's challenge (op, not qop; unquoted algorithm and stale)",
      {
        given: 'Digest realm="MMS Public API", domain="", nonce="abc/+=", algorithm=MD5, op="auth", stale=false',
        want: [
          {
            scheme: "Digest",
            params: {
              realm: "MMS Public API",
              domain: "",
              nonce: "abc/+=",
              algorithm: "MD5",
              op: "auth",
              stale: "false",
            },
            token68: undefined,
          },
        ],
      },
    ],
    [
      "escaped quotes and commas inside quoted strings",
      {
        given: 'Digest realm="a \\"quoted\\", comma, realm", nonce="n\\\\1", qop="auth,auth-int"',
        want: [
          {
            scheme: "Digest",
            params: { realm: 'a "quoted", comma, realm', nonce: "n\\1", qop: "auth,auth-int" },
            token68: undefined,
          },
        ],
      },
    ],
    [
      "several challenges, any case and spacing",
      {
        given: 'Basic realm="x" ,  dIgEsT   REALM = "y",NONCE=z ,algorithm = SHA-256,Newauth',
        want: [
          { scheme: "Basic", params: { realm: "x" }, token68: undefined },
          { scheme: "dIgEsT", params: { realm: "y", nonce: "z", algorithm: "SHA-256" }, token68: undefined },
          { scheme: "Newauth", params: {}, token68: undefined },
        ],
      },
    ],
    [
      "token68 challenges next to parameter challenges",
      {
        given: 'Negotiate YIIGhgYGKwYBBQUCoIIGejCCBnag==, Digest realm="r", nonce="n"',
        want: [
          { scheme: "Negotiate", params: {}, token68: "YIIGhgYGKwYBBQUCoIIGejCCBnag==" },
          { scheme: "Digest", params: { realm: "r", nonce: "n" }, token68: undefined },
        ],
      },
    ],
    [
      "a repeated parameter keeps its first value; a bare base64 value is taken whole",
      {
        given: "Digest nonce=first, nonce=second, opaque=abc/def==",
        want: [{ scheme: "Digest", params: { nonce: "first", opaque: "abc/def==" }, token68: undefined }],
      },
    ],
    ["an empty header", { given: "  ,  ", want: [] }],
  ])("%s", (_, { given, want }) => {
    expect(plain(given)).toEqual(want);
  });

  it("survives garbage without throwing or looping", () => {
    for (const junk of ['Digest realm="unterminated', '=,=,"', "Digest ,,, =x", '"""']) {
      expect(Array.isArray(parseWwwAuthenticate(junk))).toBe(true);
    }
  });

  it("does not let a parameter named __proto__ touch the prototype", () => {
    const [c] = parseWwwAuthenticate('Digest __proto__="x", nonce="n"');
    expect(Object.getOwnPropertyDescriptor(c?.params, "__proto__")?.value).toBe("x");
    expect(Object.getPrototypeOf(c?.params)).toBeNull();
    expect(c?.params.nonce).toBe("n");
  });

  // Property: serialize random challenges with random quoting, case and spacing; parse them back.
  const tokenChars = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");
  const token = fc.string({ unit: fc.constantFrom(...tokenChars), minLength: 1, maxLength: 12 });
  const value = fc.string({
    unit: fc.oneof(
      fc.constantFrom('"', "\\", ",", " ", "=", "/", "é", "\t"),
      fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }),
    ),
    maxLength: 20,
  });
  const challenge = fc.record({
    scheme: token,
    params: fc.uniqueArray(fc.tuple(token, value), { selector: ([k]) => k.toLowerCase(), maxLength: 6 }),
  });
  const space = fc.constantFrom("", " ", "  ", "\t");
  const style = fc.record({ quoteAll: fc.boolean(), upper: fc.boolean(), before: space, after: space, comma: space });

  it("parses back what it is given (property)", () => {
    fc.assert(
      fc.property(fc.array(challenge, { minLength: 1, maxLength: 4 }), style, (challenges, s) => {
        const header = challenges
          .map(({ scheme, params }) => {
            const list = params.map(([k, v]) => {
              const quoted = s.quoteAll || !/^[\w!#$%&'*+.^`|~-]+$/.test(v);
              const rendered = quoted ? `"${v.replace(/["\\]/g, "\\$&")}"` : v;
              return `${s.upper ? k.toUpperCase() : k}${s.before}=${s.after}${rendered}`;
            });
            return list.length ? `${scheme} ${list.join(`${s.comma},${s.comma}`)}` : scheme;
          })
          .join(`${s.comma},${s.comma}`);
        const parsed = parseWwwAuthenticate(header);
        expect(parsed.map((c) => c.scheme)).toEqual(challenges.map((c) => c.scheme));
        parsed.forEach((c, i) => {
          const want = Object.fromEntries((challenges[i]?.params ?? []).map(([k, v]) => [k.toLowerCase(), v]));
          expect({ ...c.params }).toEqual(want);
        });
      }),
      { numRuns: 500 },
    );
  });
});

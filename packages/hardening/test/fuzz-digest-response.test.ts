// The client's Digest answer against an independent node:crypto implementation:
// directly, and end to end through createDigestFetch with generated challenges.
import { createDigestFetch } from "@atlas-snapshots/client";
import { computeDigestResponse } from "@atlas-snapshots/client/digest";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quoteString, readDigestAuthorization, referenceDigest } from "./helpers/reference-digest.js";

const SEEDS = [1, 42, 20260122];
const ALGORITHMS = ["MD5", "MD5-sess", "SHA-256", "SHA-256-sess", "md5", "sha-256-SESS"] as const;
// Header values must be Latin-1 without controls; visible ASCII keeps the fake server honest too.
const headerText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 40,
});
const token = fc.stringMatching(/^[A-Za-z0-9._~+/-]{1,32}$/);
const anyText = fc.string({ unit: "grapheme", maxLength: 40 });
const hex8 = fc.integer({ min: 1, max: 0xffffffff }).map((n) => n.toString(16).padStart(8, "0"));
const pathSegment = fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 12 }).map(encodeURIComponent);

describe("computeDigestResponse matches a node:crypto reference", () => {
  for (const seed of SEEDS) {
    it(`for generated inputs (seed ${seed})`, () => {
      fc.assert(
        fc.property(
          fc.record({
            username: anyText,
            password: anyText,
            realm: anyText,
            nonce: anyText,
            method: fc.constantFrom("GET", "HEAD", "POST"),
            uri: anyText,
            algorithm: fc.constantFrom(...ALGORITHMS),
            qop: fc.constantFrom("auth" as const, undefined),
            nc: hex8,
            cnonce: token,
          }),
          (input) => {
            expect(computeDigestResponse(input)).toBe(referenceDigest(input));
          },
        ),
        { seed, numRuns: 200 },
      );
    });
  }

  it("rejects an algorithm it cannot compute instead of answering wrongly", () => {
    expect(() =>
      computeDigestResponse({
        username: "u",
        password: "p",
        realm: "r",
        nonce: "n",
        method: "GET",
        uri: "/",
        algorithm: "SHA-512-256",
      }),
    ).toThrow(/SHA-512-256/);
  });
});

describe("createDigestFetch answers generated challenges the way the reference expects", () => {
  const challenge = fc.record({
    realm: headerText,
    nonce: token,
    opaque: fc.option(headerText, { nil: undefined }),
    algorithm: fc.option(fc.constantFrom(...ALGORITHMS), { nil: undefined }),
    qop: fc.constantFrom(undefined, "auth", "auth,auth-int", "auth-int, auth", "AUTH"),
    quoteAlgorithm: fc.boolean(),
  });

  for (const seed of SEEDS) {
    it(`verifies every answer with node:crypto (seed ${seed})`, async () => {
      await fc.assert(
        fc.asyncProperty(
          challenge,
          headerText.filter((u) => u.length > 0),
          anyText.filter((p) => p.length > 0),
          fc.array(pathSegment, { minLength: 1, maxLength: 4 }),
          fc.dictionary(fc.stringMatching(/^[a-zA-Z]{1,8}$/), fc.string({ maxLength: 10 }), { maxKeys: 3 }),
          fc.integer({ min: 1, max: 3 }),
          async (ch, username, password, segments, query, calls) => {
            const search = new URLSearchParams(query).toString();
            const target = `/${segments.join("/")}${search ? `?${search}` : ""}`;
            const header = [
              `realm=${quoteString(ch.realm)}`,
              `nonce=${quoteString(ch.nonce)}`,
              ch.opaque !== undefined && `opaque=${quoteString(ch.opaque)}`,
              ch.algorithm &&
                (ch.quoteAlgorithm ? `algorithm=${quoteString(ch.algorithm)}` : `algorithm=${ch.algorithm}`),
              ch.qop && `qop=${quoteString(ch.qop)}`,
            ]
              .filter(Boolean)
              .join(", ");
            const verdicts: string[] = [];
            const seenNc = new Set<string>();
            const server = async (input: Request | string | URL, init?: RequestInit) => {
              const request = new Request(input, init);
              const auth = request.headers.get("authorization");
              if (!auth) {
                return new Response("{}", { status: 401, headers: { "www-authenticate": `Digest ${header}` } });
              }
              const p = readDigestAuthorization(auth);
              if (!p) return new Response(`unreadable ${auth}`, { status: 400 });
              const { pathname, search: s } = new URL(request.url);
              const qop = ch.qop ? "auth" : undefined;
              const expected = referenceDigest({
                username,
                password,
                realm: ch.realm,
                nonce: ch.nonce,
                method: request.method,
                uri: pathname + s,
                algorithm: ch.algorithm,
                qop,
                nc: p.nc,
                cnonce: p.cnonce,
              });
              const problems = [
                p.username !== username && "username",
                p.realm !== ch.realm && "realm",
                p.nonce !== ch.nonce && "nonce",
                p.uri !== pathname + s && "uri",
                ch.opaque !== undefined && p.opaque !== ch.opaque && "opaque",
                qop && p.qop !== "auth" && "qop",
                qop && !/^[0-9a-f]{8}$/.test(p.nc ?? "") && "nc",
                qop && seenNc.has(p.nc ?? "") && "nc reused",
                qop && !p.cnonce && "cnonce",
                p.response !== expected && "response",
              ].filter(Boolean);
              if (p.nc) seenNc.add(p.nc);
              verdicts.push(problems.join(","));
              return new Response(problems.length ? problems.join(",") : "ok", { status: problems.length ? 403 : 200 });
            };
            const digestFetch = createDigestFetch({ username, password, fetch: server });
            for (let i = 0; i < calls; i++) {
              const response = await digestFetch(`http://127.0.0.1:9${target}`);
              expect(await response.text()).toBe("ok");
            }
            expect(verdicts).toEqual(Array(calls).fill(""));
          },
        ),
        { seed, numRuns: 150 },
      );
    });
  }
});

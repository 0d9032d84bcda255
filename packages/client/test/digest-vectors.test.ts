import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { computeDigestResponse } from "../src/digest.js";

// RFC 7616 section 3.9.1.
const RFC7616 = {
  username: "Mufasa",
  password: "Circle of Life",
  realm: "http-auth@example.org",
  nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
  method: "GET",
  uri: "/dir/index.html",
  cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
  nc: "00000001",
  qop: "auth" as const,
};

const md5 = (s: string) => createHash("md5").update(s).digest("hex");
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe("computeDigestResponse", () => {
  it.each([
    ["MD5", "8ca523f5e9506fed4657c9700eebdbec"],
    ["SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"],
  ])("matches the RFC 7616 section 3.9.1 vector for %s", (algorithm, expected) => {
    expect(computeDigestResponse({ ...RFC7616, algorithm })).toBe(expected);
  });

  it("treats the algorithm name case-insensitively and defaults to MD5", () => {
    const { algorithm: _, ...noAlgorithm } = { ...RFC7616, algorithm: "MD5" };
    expect(computeDigestResponse(noAlgorithm)).toBe("8ca523f5e9506fed4657c9700eebdbec");
    expect(computeDigestResponse({ ...RFC7616, algorithm: "sha-256" })).toBe(
      "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
    );
  });

  it("computes the RFC 2069 form (no qop) like node:crypto does", () => {
    const { username, password, realm, nonce, method, uri } = RFC7616;
    const expected = md5(`${md5(`${username}:${realm}:${password}`)}:${nonce}:${md5(`${method}:${uri}`)}`);
    expect(computeDigestResponse({ username, password, realm, nonce, method, uri })).toBe(expected);
    // With qop the value differs: the test would notice a client that ignores the form.
    expect(computeDigestResponse({ ...RFC7616 })).not.toBe(expected);
  });

  it.each([
    ["MD5-sess", md5],
    ["SHA-256-sess", sha256],
  ])("computes %s like node:crypto does", (algorithm, h) => {
    const { username, password, realm, nonce, method, uri, cnonce, nc } = RFC7616;
    const ha1 = h(`${h(`${username}:${realm}:${password}`)}:${nonce}:${cnonce}`);
    const expected = h(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${h(`${method}:${uri}`)}`);
    expect(computeDigestResponse({ ...RFC7616, algorithm })).toBe(expected);
  });

  it("hashes UTF-8 text", () => {
    const input = { ...RFC7616, username: "Jäsøn Doe", password: "pässwörd" };
    const ha1 = md5(`${input.username}:${input.realm}:${input.password}`);
    const expected = md5(`${ha1}:${input.nonce}:${input.nc}:${input.cnonce}:auth:${md5(`GET:${input.uri}`)}`);
    expect(computeDigestResponse(input)).toBe(expected);
  });

  it("refuses an algorithm it does not know", () => {
    expect(() => computeDigestResponse({ ...RFC7616, algorithm: "SHA-512-256" })).toThrow(
      /Unsupported Digest algorithm/,
    );
  });
});

// Whatever arrives, the core answers with a documented status and never throws.
import { DEFAULT_BASE_URL as BASE, DOCUMENTED_STATUS_CODES } from "@atlas-snapshots/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAtlasMock } from "../src/index.js";

const PATH = "/groups/5b69d0349b15c62cdfc38b78/clusters/M2AWS/backup/tenant/snapshots";
const queryValue = fc.oneof(
  fc.string(),
  fc.integer().map(String),
  fc.constantFrom("true", "false", "1e999", "%ZZ", "%", "99999999999999999999", "", "-0"),
);
const queryName = fc.constantFrom("pageNum", "itemsPerPage", "includeCount", "pretty", "envelope", "other", "%E0");

describe("fuzz", () => {
  it("answers any query with a documented status", async () => {
    const mock = createAtlasMock({ auth: "off", rateLimit: false });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(queryName, queryValue), { maxLength: 6 }), async (pairs) => {
        const query = pairs.map(([k, v]) => `${k}=${v.replace(/[&#\s]/g, "")}`).join("&");
        const reply = await mock.reply({ method: "GET", url: `${BASE}${PATH}?${query}`, headers: new Headers() });
        expect(DOCUMENTED_STATUS_CODES).toContain(reply.status);
        expect(() => JSON.parse(reply.body)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it("answers any forged Authorization header and any path segment with 400 or 401", async () => {
    const mock = createAtlasMock({ rateLimit: false });
    const header = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ maxLength: 300 }).map((s) => `Digest ${s}`),
      fc
        .dictionary(
          fc.constantFrom("username", "realm", "nonce", "uri", "response", "qop", "nc", "cnonce", "algorithm"),
          fc.string(),
        )
        .map(
          (d) =>
            `Digest ${Object.entries(d)
              .map(([k, v]) => `${k}="${v.replace(/"/g, '\\"')}"`)
              .join(", ")}`,
        ),
    );
    await fc.assert(
      fc.asyncProperty(header, fc.string({ maxLength: 80 }), async (authorization, segment) => {
        const headers = new Headers();
        try {
          headers.set("authorization", authorization);
        } catch {
          return; // not a legal header value: no client can send it
        }
        const url = `${BASE}/groups/${encodeURIComponent(segment)}/clusters/M2AWS/backup/tenant/snapshots`;
        const reply = await mock.reply({ method: "GET", url, headers });
        expect([400, 401]).toContain(reply.status);
      }),
      { numRuns: 300 },
    );
  });
});

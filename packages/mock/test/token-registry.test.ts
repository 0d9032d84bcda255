import { describe, expect, it } from "vitest";
import { createTokenRegistry } from "../src/oauth/token-registry.js";
import { testClock } from "./helpers/fixtures.js";

const account = { clientId: "mdb_sa_id_cid", clientSecret: "csecret" };

function registry(options: { lifetimeSeconds?: number; maxTokens?: number } = {}) {
  const clock = testClock();
  let n = 0;
  const tokens = createTokenRegistry({ accounts: [account], now: clock.now, randomToken: () => `t${++n}`, ...options });
  return { tokens, clock };
}

describe("the mock's service-account tokens", () => {
  it.each([
    ["a wrong secret", { ...account, clientSecret: "csecreT" }],
    ["a longer secret", { ...account, clientSecret: "csecret!" }],
    ["an unknown client ID", { ...account, clientId: "mdb_sa_id_other" }],
    ["an empty secret", { ...account, clientSecret: "" }],
  ])("issues nothing for %s", (_name, credentials) => {
    expect(registry().tokens.issue(credentials)).toBeUndefined();
  });

  it("issues an hour-long token by default, valid until the hour is up", () => {
    const { tokens, clock } = registry();
    const issued = tokens.issue(account);
    expect(issued).toEqual({ accessToken: "t1", expiresIn: 3600 });
    clock.advance(3_599_999);
    expect(tokens.check("t1")).toEqual({ status: "valid", clientId: account.clientId });
    clock.advance(1);
    expect(tokens.check("t1").status).toBe("expired");
  });

  it("refuses a revoked token and knows nothing of others", () => {
    const { tokens } = registry({ lifetimeSeconds: 60 });
    tokens.issue(account);
    expect(tokens.revoke("t1")).toBe(true);
    expect(tokens.check("t1").status).toBe("revoked");
    expect(tokens.revoke("nope")).toBe(false);
    expect(tokens.check("nope")).toEqual({ status: "unknown" });
  });

  it("forgets the oldest tokens beyond its limit", () => {
    const { tokens } = registry({ maxTokens: 2 });
    for (let i = 0; i < 3; i++) tokens.issue(account);
    expect(["t1", "t2", "t3"].map((t) => tokens.check(t).status)).toEqual(["unknown", "valid", "valid"]);
  });
});

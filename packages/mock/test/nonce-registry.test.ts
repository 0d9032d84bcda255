// Replay protection with room for concurrency: each nc once, out of order within the window.
import { describe, expect, it } from "vitest";
import { createNonceRegistry, MAX_NONCES, NC_WINDOW } from "../src/nonce-registry.js";

describe("nonce registry", () => {
  const make = (ttl = 1000) => {
    let t = 0;
    let n = 0;
    const registry = createNonceRegistry(
      ttl,
      () => t,
      () => `nonce-${n++}`,
    );
    return { registry, advance: (ms: number) => (t += ms) };
  };

  it("accepts each nc once, in any order within the window", () => {
    const { registry } = make();
    const nonce = registry.issue();
    expect([5, 1, 3, 2, 4].map((nc) => registry.useCount(nonce, nc))).toEqual([true, true, true, true, true]);
    expect([1, 2, 3, 4, 5].map((nc) => registry.useCount(nonce, nc))).toEqual([false, false, false, false, false]);
    expect(registry.useCount(nonce, 0)).toBe(false);
  });

  it("refuses an nc that fell out of the window, and forgets slots as the window slides", () => {
    const { registry } = make();
    const nonce = registry.issue();
    expect(registry.useCount(nonce, 1)).toBe(true);
    expect(registry.useCount(nonce, NC_WINDOW + 2)).toBe(true);
    expect(registry.useCount(nonce, 2)).toBe(false); // too old
    expect(registry.useCount(nonce, 3)).toBe(true); // inside the window, unused
    expect(registry.useCount(nonce, 3 + NC_WINDOW)).toBe(true); // same slot as 3, a new value
    expect(registry.useCount(nonce, 3 + NC_WINDOW)).toBe(false);
    expect(registry.useCount(nonce, 10 * NC_WINDOW)).toBe(true);
    expect(registry.useCount(nonce, 10 * NC_WINDOW - 1)).toBe(true);
  });

  it("expires nonces after the TTL and knows nothing of foreign ones", () => {
    const { registry, advance } = make(1000);
    const nonce = registry.issue();
    expect(registry.status(nonce)).toBe("fresh");
    advance(1001);
    expect(registry.status(nonce)).toBe("expired");
    expect(registry.status("forged")).toBe("unknown");
    expect(registry.useCount("forged", 1)).toBe(false);
  });

  it("keeps a nonce in use while a flood of unanswered ones passes the limit, and stays bounded", () => {
    const { registry } = make(60_000);
    const inUse = registry.issue();
    const rfc2069 = registry.issue();
    expect(registry.useCount(inUse, 1)).toBe(true);
    registry.touch(rfc2069); // a verified answer without nc counts as answered too
    const flood = Array.from({ length: 3 * MAX_NONCES }, () => registry.issue());
    expect(registry.status(inUse)).toBe("fresh");
    expect(registry.useCount(inUse, 2)).toBe(true);
    expect(registry.status(rfc2069)).toBe("fresh");
    // The flood's oldest went first; its newest MAX_NONCES - 2 are still there.
    expect(registry.status(flood[0] as string)).toBe("unknown");
    expect(flood.filter((n) => registry.status(n) === "fresh").length).toBe(MAX_NONCES - 2);
    expect(registry.status(flood.at(-1) as string)).toBe("fresh");
  });

  it("when every nonce was answered, drops the least recently used one", () => {
    const { registry } = make(60_000);
    const nonces = Array.from({ length: MAX_NONCES }, () => registry.issue());
    expect(nonces.every((n) => registry.useCount(n, 1))).toBe(true);
    const [oldest, second] = nonces as [string, string];
    expect(registry.useCount(oldest, 2)).toBe(true); // now second is the least recently used
    const fresh = registry.issue();
    expect(registry.status(second)).toBe("unknown");
    expect(registry.status(oldest)).toBe("fresh");
    expect(registry.status(fresh)).toBe("fresh");
  });
});

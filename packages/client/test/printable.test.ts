// Server text reaches people with its control characters escaped and its length capped.
import { describe, expect, it } from "vitest";
import { AtlasApiError, createAtlasClient, printable } from "../src/index.js";
import { BASE_URL, CLUSTER, GROUP_ID } from "./helpers/snapshots.js";

const HOSTILE = "\u001b]52;c;ZWNobyBwd25lZA==\u0007\u001b[1A\u009b2J\u0000\u007f";

describe("printable", () => {
  it("escapes C0, DEL and C1 controls (ESC, BEL, OSC 52, CSI 0x9b) as visible \\xHH", () => {
    expect(printable(HOSTILE)).toBe("\\x1b]52;c;ZWNobyBwd25lZA==\\x07\\x1b[1A\\x9b2J\\x00\\x7f");
    expect(printable(printable(HOSTILE))).toBe(printable(HOSTILE));
  });

  it("keeps line breaks only when asked, and caps the length", () => {
    expect(printable("a\nb\tc")).toBe("a\\x0ab\\x09c");
    expect(printable("a\nb\r\u001b", { keep: "\n" })).toBe("a\nb\\x0d\\x1b");
    expect(printable("x".repeat(10), { maxLength: 4 })).toBe("xxxx... (6 more characters)");
  });

  it("escapes bidirectional overrides, isolates and marks, which reorder how a line reads, as \\uHHHH", () => {
    const spoof = "snapshot \u202eGNINNUR\u202c ok \u2066x\u2069 \u200f\u061c";
    expect(printable(spoof)).toBe("snapshot \\u202eGNINNUR\\u202c ok \\u2066x\\u2069 \\u200f\\u061c");
    expect(printable(printable(spoof))).toBe(printable(spoof));
  });

  it("leaves printable text, accents and emoji alone", () => {
    expect(printable("Cluster M2AWS: déjà vu ✓ 🚀")).toBe("Cluster M2AWS: déjà vu ✓ 🚀");
  });
});

describe("error messages built from server text", () => {
  it("escape errorCode and detail and cap their length; the fields keep the raw data", () => {
    const error = AtlasApiError.from({
      status: 404,
      body: { errorCode: `CLUSTER${HOSTILE}`, detail: `gone${HOSTILE}${"y".repeat(1000)}` },
    });
    expect(printable(error.message)).toBe(error.message); // nothing left to escape
    expect(error.message.length).toBeLessThan(600);
    expect(error.message).toContain("\\x1b]52;c;");
    expect(error.detail).toContain("\u001b]52;");
  });

  it("escape a non-JSON body quoted by the parser's message", async () => {
    const atlas = createAtlasClient({
      publicKey: "p",
      privateKey: "k",
      baseUrl: BASE_URL,
      fetch: async () => new Response(`${HOSTILE}not json`, { status: 200 }),
    });
    const error = await atlas.listTenantSnapshots({ groupId: GROUP_ID, clusterName: CLUSTER }).catch((e) => e);
    expect(error.name).toBe("AtlasResponseError");
    expect(printable(error.message)).toBe(error.message); // nothing left to escape
  });
});

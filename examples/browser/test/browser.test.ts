// The example page in real Chromium: the client, Digest included, against the
// mock's msw handlers in a service worker; an unknown cluster's 404 shown
// readably; and what a browser does with a Digest 401.
import { type MockServer, startMockServer } from "@atlas-snapshots/mock/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEMO_KEYS, SEED_CLUSTER_NAME, SEED_GROUP_ID } from "../src/settings.js";
import { type Browser, launchChromium } from "./helpers/chromium.js";
import { type ExampleApp, serveExample } from "./helpers/example-app.js";

const SEED_SNAPSHOT_ID = "5cc310ace5dc7ce369814bc8";
const ATLAS = "https://cloud.mongodb.com/api/atlas/v1.0";
const SNAPSHOTS = `${ATLAS}/groups/${SEED_GROUP_ID}/clusters/${SEED_CLUSTER_NAME}/backup/tenant/snapshots`;

let app: ExampleApp;
let upstream: MockServer; // a real Digest server behind the preview's /api proxy
let browser: Browser | undefined;

beforeAll(async () => {
  upstream = await startMockServer({ credentials: [DEMO_KEYS] });
  app = await serveExample(new URL(upstream.url).origin);
});
afterAll(async () => {
  await app?.close();
  await upstream?.close();
});
afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

/** Opens the page and waits until it says done or error. */
async function open(query = "") {
  browser = await launchChromium();
  const { page } = browser;
  await page.goto(new URL(query, app.url).href);
  const status = page.locator('#status:not([data-state="loading"])');
  await status.waitFor({ timeout: 60_000 });
  return { page, state: await status.getAttribute("data-state"), status: (await status.textContent()) ?? "" };
}

describe("the example page in Chromium", () => {
  it("lists the seed's example cluster through the service worker, Digest and all", async () => {
    const { page, state, status } = await open();
    expect(state, (await page.locator("#error").textContent()) ?? "").toBe("done");
    const row = page.locator(`tr[data-id="${SEED_SNAPSHOT_ID}"]`);
    await expect(row.textContent()).resolves.toMatch(
      /5cc310ace5dc7ce369814bc8\s*FAILED\s*4\.2\.7\s*2019-04-26T12:00:00Z/,
    );
    expect(await page.locator("#snapshots tbody tr").count()).toBeGreaterThan(1);
    // The mock in the page challenged the client and then let it in: Digest ran in the browser.
    const dataset = await page.locator("#status").evaluate((el) => ({ ...(el as HTMLElement).dataset }));
    expect(Number(dataset.challenged)).toBeGreaterThanOrEqual(1);
    expect(Number(dataset.authenticated)).toBeGreaterThanOrEqual(1);
    expect(status).toMatch(/snapshots\./);
    expect(browser?.pageErrors).toEqual([]);
    expect(browser?.authPrompts).toEqual([]);
  });

  it("shows an unknown cluster's 404 as a readable error", async () => {
    const { page, state } = await open("?cluster=NOPE");
    expect(state).toBe("error");
    const field = (name: string) => page.locator(`#error [data-field="${name}"]`).textContent();
    expect(await page.locator("#error").isVisible()).toBe(true);
    expect({
      name: await field("name"),
      status: await field("status"),
      errorCode: await field("errorCode"),
    }).toEqual({ name: "AtlasNotFoundError", status: "404", errorCode: "CLUSTER_NOT_FOUND" });
    expect(await field("message")).toMatch(/Atlas answered 404 CLUSTER_NOT_FOUND .*NOPE/);
    expect(await page.locator("#snapshots").isVisible()).toBe(false);
  });

  it("hands a Digest 401 from the worker to the page: no prompt, challenge readable, Authorization passed through", async () => {
    const { page, state } = await open();
    expect(state).toBe("done");
    const seen = await page.evaluate(async (url) => {
      const response = await fetch(url);
      // The page's devtools handle (see src/main.ts); this file is typed for Node, not the page.
      const example = (window as unknown as { atlasExample?: { mock?: { requests: { list(): unknown[] } } } })
        .atlasExample;
      const entries = (example?.mock?.requests.list() ?? []) as {
        headers: Record<string, string>;
        authenticated: boolean;
      }[];
      return {
        status: response.status,
        type: response.type,
        challenge: response.headers.get("www-authenticate"),
        // The client's requests as the handler saw them: Authorization arrived (the log redacts its value).
        authorizationSeen: entries.filter((e) => e.headers.authorization === "REDACTED" && e.authenticated).length,
      };
    }, SNAPSHOTS);
    expect(seen).toMatchObject({
      status: 401,
      type: "basic",
      challenge: expect.stringMatching(/^Digest realm="MMS Public API", .*nonce="/),
    });
    expect(seen.authorizationSeen).toBeGreaterThanOrEqual(1);
    expect(browser?.authPrompts).toEqual([]);
  });

  describe("a real Digest server on the page's own origin (through the /api proxy)", () => {
    it("lists the cluster without Chromium raising its login prompt (the client as it is)", async () => {
      const { page, state } = await open("?api=proxy");
      expect(state, (await page.locator("#error").textContent()) ?? "").toBe("done");
      expect(await page.locator(`tr[data-id="${SEED_SNAPSHOT_ID}"]`).count()).toBe(1);
      // Each entry is a login dialog a person would have had to cancel before the page got its 401.
      expect(browser?.authPrompts).toEqual([]);
    });

    it("lists the cluster without a prompt when requests go with credentials: 'omit' (the suggested fix)", async () => {
      const { page, state } = await open("?api=proxy&credentials=omit");
      expect(state, (await page.locator("#error").textContent()) ?? "").toBe("done");
      expect(await page.locator(`tr[data-id="${SEED_SNAPSHOT_ID}"]`).count()).toBe(1);
      expect(browser?.authPrompts).toEqual([]);
    });
  });
});

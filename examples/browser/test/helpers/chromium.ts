// Debian's chromium driven by playwright-core (no browser download: `npx playwright install` cannot work here).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions in the page. */
  pageErrors: Error[];
  /** HTTP authentication prompts Chromium raised (it would show a login dialog), answered with Cancel. */
  authPrompts: { url: string; scheme: string }[];
  close(): Promise<void>;
}

/** A fresh profile per launch: no service worker or cache carries over between tests. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium; tools/setup.sh does it).`,
    );
  }
  const userDataDir = mkdtempSync(join(tmpdir(), "atlas-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    // playwright passes the temporary profile as --user-data-dir itself.
    args: ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: Error[] = [];
  page.on("pageerror", (error) => pageErrors.push(error));
  // Watch for Chromium's own HTTP auth handling: the event fires where a person would get a login dialog.
  const authPrompts: Browser["authPrompts"] = [];
  const cdp = await context.newCDPSession(page);
  cdp.on("Fetch.authRequired", ({ requestId, request, authChallenge }) => {
    authPrompts.push({ url: request.url, scheme: authChallenge.scheme });
    cdp
      .send("Fetch.continueWithAuth", { requestId, authChallengeResponse: { response: "CancelAuth" } })
      .catch(() => {});
  });
  cdp.on("Fetch.requestPaused", ({ requestId }) => {
    cdp.send("Fetch.continueRequest", { requestId }).catch(() => {});
  });
  await cdp.send("Fetch.enable", { handleAuthRequests: true, patterns: [{ urlPattern: "*" }] });
  return {
    context,
    page,
    pageErrors,
    authPrompts,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

// The mock's msw handlers in a service worker: every request the page makes to
// https://cloud.mongodb.com/api/atlas/v1.0 is answered inside the browser.
import { type AtlasMock, createAtlasMock } from "@atlas-snapshots/mock";
import { setupWorker } from "msw/browser";
import { DEMO_KEYS } from "./settings.js";

export async function startMockWorker(): Promise<AtlasMock> {
  // Digest auth on, as on Atlas: the client gets a 401 challenge first and answers it.
  const mock = createAtlasMock({ auth: "digest", credentials: [DEMO_KEYS] });
  const worker = setupWorker(...mock.handlers);
  await worker.start({
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    // Vite's own requests and anything not under the mock's base URL go to the network.
    onUnhandledRequest: "bypass",
    quiet: true,
  });
  return mock;
}

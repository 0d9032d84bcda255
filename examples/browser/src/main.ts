// The client in a page: lists a cluster's snapshots from the mock in a service
// worker (default), or from a real server behind the dev server's proxy.
import { type AtlasClient, createAtlasClient, type FetchLike } from "@atlas-snapshots/client";
import type { AtlasMock } from "@atlas-snapshots/mock";
import { addSnapshotRow, showError, showStatus, showWhere } from "./render.js";
import { DEMO_KEYS, readSettings } from "./settings.js";
import { startMockWorker } from "./start-mock-worker.js";

/** The seed document's example snapshot: highlighted when it shows up. */
const SEED_SNAPSHOT_ID = "5cc310ace5dc7ce369814bc8";

declare global {
  interface Window {
    /** For poking at from the devtools console. */
    atlasExample?: { client: AtlasClient; mock?: AtlasMock };
  }
}

async function run(): Promise<void> {
  const settings = readSettings(location.search);
  const mock = settings.api === "worker" ? await startMockWorker() : undefined;
  // Digest needs no cookies; "omit" also keeps the browser's own login prompt out of the way (see README).
  const omit: FetchLike = (input, init) => fetch(new Request(input, init), { credentials: "omit" });
  const client = createAtlasClient({
    ...DEMO_KEYS,
    ...(settings.api === "proxy" ? { baseUrl: `${location.origin}/api/atlas/v1.0` } : {}),
    ...(settings.omitCredentials ? { fetch: omit } : {}),
    maxRetries: 1,
  });
  window.atlasExample = { client, mock };
  showWhere(
    `Project ${settings.groupId}, cluster ${settings.clusterName}, ` +
      (mock ? "answered by the Atlas mock in a service worker (mock data)." : `through ${location.origin}/api.`),
  );

  let count = 0;
  try {
    for await (const snapshot of client.iterateTenantSnapshots({
      groupId: settings.groupId,
      clusterName: settings.clusterName,
    })) {
      addSnapshotRow(snapshot, snapshot.id === SEED_SNAPSHOT_ID);
      count++;
    }
    const auth = mock ? digestSummary(mock) : "";
    showStatus("done", `${count} snapshot${count === 1 ? "" : "s"}.${auth}`);
  } catch (error) {
    showError(error);
    showStatus("error", `Could not list the snapshots (${count} shown before the failure).`);
  }
}

/** What the mock saw: proof that Digest really ran in the page. */
function digestSummary(mock: AtlasMock): string {
  const entries = mock.requests.list();
  const challenged = entries.filter((e) => e.status === 401).length;
  const authenticated = entries.filter((e) => e.authenticated).length;
  const status = document.querySelector<HTMLElement>("#status");
  if (status) Object.assign(status.dataset, { challenged: String(challenged), authenticated: String(authenticated) });
  return ` The mock saw ${entries.length} request(s): ${challenged} Digest challenge(s), ${authenticated} authenticated.`;
}

run().catch((error: unknown) => {
  showError(error);
  showStatus("error", "The page could not start.");
});

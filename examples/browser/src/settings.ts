// What the page shows and how it reaches "Atlas", read from its URL:
//   ?cluster=NAME&group=ID   which cluster (default: the seed's example)
//   ?api=worker              the mock's msw handlers in a service worker (default)
//   ?api=proxy               a real server behind the dev server's /api proxy (see vite.config.ts)
//   ?credentials=omit        send requests with credentials: "omit" (see README: Digest in the browser)

/** The seed document's example project and cluster. */
export const SEED_GROUP_ID = "5b69d0349b15c62cdfc38b78";
export const SEED_CLUSTER_NAME = "M2AWS";

/**
 * Demo keys: the in-page mock accepts them, and so does the mock server the
 * tests put behind the proxy. Never put real Atlas keys in a web page: anyone
 * who loads it can read them.
 */
export const DEMO_KEYS = { publicKey: "browserdemo", privateKey: "browser-demo-private-key" } as const;

export interface Settings {
  groupId: string;
  clusterName: string;
  api: "worker" | "proxy";
  omitCredentials: boolean;
}

export function readSettings(search: string): Settings {
  const params = new URLSearchParams(search);
  return {
    groupId: params.get("group") ?? SEED_GROUP_ID,
    clusterName: params.get("cluster") ?? SEED_CLUSTER_NAME,
    api: params.get("api") === "proxy" ? "proxy" : "worker",
    omitCredentials: params.get("credentials") === "omit",
  };
}

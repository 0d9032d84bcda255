import { redactUrlCredentials } from "@atlas-snapshots/client";
import { BASE_PATHS } from "@atlas-snapshots/types";
import { UsageError } from "./usage-error.js";

/** The spec's base paths, for messages: `/api/atlas/v1.0, /api/atlas/v2`. */
export const API_BASE_PATHS = BASE_PATHS.join(", ");

/**
 * An Atlas base URL from `--base-url`, `MONGODB_ATLAS_OPS_MANAGER_URL` or a
 * profile's `ops_manager_url`, checked and passed on as given: the client's
 * `baseUrl` rule (the host, each operation adding its base path from the spec,
 * v1.0's or v2's; the old form ending in a base path still accepted) is the one rule.
 */
export function normalizeBaseUrl(text: string, source: string): string {
  if (!(/^https?:\/\/[^/]/i.test(text) && URL.canParse(text))) {
    throw new UsageError(`${source} ${JSON.stringify(redactUrlCredentials(text))} must be an absolute http(s) URL`);
  }
  const url = new URL(text);
  // Dropping them quietly would send the request elsewhere than asked; echoing them would leak a secret.
  if (url.username || url.password) {
    throw new UsageError(
      `${source} must be an absolute http(s) URL without user:password@ (the keys go in MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY)`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** A request path under one of the spec's base paths; a 404 elsewhere says more about --base-url than about the project. */
export const isAtlasApiPath = (path: string): boolean => BASE_PATHS.some((base) => path.startsWith(`${base}/`));

import { DEFAULT_BASE_URL } from "@atlas-snapshots/types";
import { UsageError } from "./usage-error.js";

/** The API's base path, from the spec's server URL: `/api/atlas/v1.0`. */
export const API_BASE_PATH = new URL(DEFAULT_BASE_URL).pathname;

/**
 * An Atlas base URL from `--base-url`, `MONGODB_ATLAS_OPS_MANAGER_URL` or a
 * profile's `ops_manager_url`: the host alone (`https://cloud.mongodb.com`, as
 * the Atlas CLI takes it) gets the API's base path; a URL with a path is kept.
 */
export function normalizeBaseUrl(text: string, source: string): string {
  if (!(/^https?:\/\/[^/]/i.test(text) && URL.canParse(text))) {
    throw new UsageError(
      `${source} ${JSON.stringify(text.replace(/\/\/[^/@]*@/, "//[redacted]@"))} must be an absolute http(s) URL`,
    );
  }
  const url = new URL(text);
  // Dropping them quietly would send the request elsewhere than asked; echoing them would leak a secret.
  if (url.username || url.password) {
    throw new UsageError(
      `${source} must be an absolute http(s) URL without user:password@ (the keys go in MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY)`,
    );
  }
  const path = url.pathname.replace(/\/+$/, "");
  return `${url.origin}${path === "" ? API_BASE_PATH : path}`;
}

/** A request path under Atlas's API base; a 404 elsewhere says more about --base-url than about the project. */
export const isAtlasApiPath = (path: string): boolean => path.startsWith(`${API_BASE_PATH}/`);

// Atlas's OAuth 2.0 paths for service accounts (MongoDB's docs: "Generate Service
// Account Token" and "Revoke Service Account Token"), outside the API's base paths.
export const OAUTH_TOKEN_PATH = "/api/oauth/token";
export const OAUTH_REVOKE_PATH = "/api/oauth/revoke";
export const OAUTH_PATHS: readonly string[] = [OAUTH_TOKEN_PATH, OAUTH_REVOKE_PATH];

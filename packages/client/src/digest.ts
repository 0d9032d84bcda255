// The Digest piece on its own: `@atlas-snapshots/client/digest`.
export { computeDigestResponse, type DigestResponseInput } from "./digest/compute-digest-response.js";
export { createDigestFetch, type DigestFetchOptions } from "./digest/create-digest-fetch.js";
export { type AuthChallenge, parseWwwAuthenticate } from "./digest/parse-www-authenticate.js";

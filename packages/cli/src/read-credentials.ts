import type { AtlasProfile } from "./config/atlas-cli-config.js";
import { UsageError } from "./usage-error.js";

export const PUBLIC_KEY_VAR = "MONGODB_ATLAS_PUBLIC_API_KEY";
export const PRIVATE_KEY_VAR = "MONGODB_ATLAS_PRIVATE_API_KEY";
export const CLIENT_ID_VAR = "MONGODB_ATLAS_CLIENT_ID";
export const CLIENT_SECRET_VAR = "MONGODB_ATLAS_CLIENT_SECRET";

export interface Credentials {
  publicKey: string;
  privateKey: string;
}

/** Where the profile came from, for messages. */
export interface ProfileSource {
  file: string;
  name: string;
  profile?: AtlasProfile;
}

/**
 * The API key, as the Atlas CLI finds it: each key from its environment
 * variable, else from the profile. A missing one is a usage error (exit 2)
 * that names what to set. A service account alone is named too: this tool
 * speaks Digest with API keys only.
 */
export function readCredentials(env: NodeJS.ProcessEnv, source?: ProfileSource): Credentials {
  const profile = source?.profile ?? {};
  const publicKey = env[PUBLIC_KEY_VAR]?.trim() || profile.public_api_key;
  const privateKey = env[PRIVATE_KEY_VAR]?.trim() || profile.private_api_key;
  if (publicKey && privateKey) return { publicKey, privateKey };
  const clientId = env[CLIENT_ID_VAR]?.trim() || profile.client_id;
  if (clientId && !publicKey && !privateKey) {
    throw new UsageError(
      `a service account (client id) is configured, but atlas-snapshots signs in with an API key only; set ${PUBLIC_KEY_VAR} and ${PRIVATE_KEY_VAR}, or public_api_key and private_api_key in the profile`,
      false,
    );
  }
  const missing = [!publicKey && PUBLIC_KEY_VAR, !privateKey && PRIVATE_KEY_VAR].filter(Boolean);
  const profileNote = source?.profile
    ? ` (profile ${JSON.stringify(source.name)} in ${source.file} has none either)`
    : "";
  throw new UsageError(
    `${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set${profileNote}; set ${missing.length > 1 ? "them" : "it"} to your Atlas programmatic API key, use an Atlas CLI profile (-P NAME), or try --mock`,
    false,
  );
}

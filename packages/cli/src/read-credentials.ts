import type { AtlasProfile } from "./config/atlas-cli-config.js";
import { UsageError } from "./usage-error.js";

export const PUBLIC_KEY_VAR = "MONGODB_ATLAS_PUBLIC_API_KEY";
export const PRIVATE_KEY_VAR = "MONGODB_ATLAS_PRIVATE_API_KEY";
export const CLIENT_ID_VAR = "MONGODB_ATLAS_CLIENT_ID";
export const CLIENT_SECRET_VAR = "MONGODB_ATLAS_CLIENT_SECRET";

/** An API key (HTTP Digest) or a service account (OAuth 2.0 client credentials). */
export type Credentials = { publicKey: string; privateKey: string } | { clientId: string; clientSecret: string };

/** Where the profile came from, for messages. */
export interface ProfileSource {
  file: string;
  name: string;
  profile?: AtlasProfile;
}

/**
 * The credentials, as the Atlas CLI finds them: each value from its
 * environment variable, else from the profile. With both pairs complete, the
 * one the environment speaks for wins, and a service account (what MongoDB
 * recommends) when it speaks for both or neither. A half pair is a usage
 * error (exit 2) that names what to set.
 */
export function readCredentials(env: NodeJS.ProcessEnv, source?: ProfileSource): Credentials {
  const profile = source?.profile ?? {};
  const fromEnv = (name: string) => env[name]?.trim() || undefined;
  const clientId = fromEnv(CLIENT_ID_VAR) || profile.client_id;
  const clientSecret = fromEnv(CLIENT_SECRET_VAR) || profile.client_secret;
  const publicKey = fromEnv(PUBLIC_KEY_VAR) || profile.public_api_key;
  const privateKey = fromEnv(PRIVATE_KEY_VAR) || profile.private_api_key;
  const keysFromEnv = Boolean(fromEnv(PUBLIC_KEY_VAR) || fromEnv(PRIVATE_KEY_VAR));
  const accountFromEnv = Boolean(fromEnv(CLIENT_ID_VAR) || fromEnv(CLIENT_SECRET_VAR));
  const account = clientId && clientSecret ? { clientId, clientSecret } : undefined;
  const keys = publicKey && privateKey ? { publicKey, privateKey } : undefined;
  if (account && (!keys || accountFromEnv || !keysFromEnv)) return account;
  if (keys) return keys;
  // Name what is missing of the pair begun, the API key when none is.
  const [pair, values] =
    clientId || clientSecret
      ? [
          [CLIENT_ID_VAR, CLIENT_SECRET_VAR],
          [clientId, clientSecret],
        ]
      : [
          [PUBLIC_KEY_VAR, PRIVATE_KEY_VAR],
          [publicKey, privateKey],
        ];
  const missing = pair.filter((_, i) => !values[i]);
  const profileNote = source?.profile
    ? ` (profile ${JSON.stringify(source.name)} in ${source.file} has none either)`
    : "";
  throw new UsageError(
    `${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set${profileNote}; set ${PUBLIC_KEY_VAR} and ${PRIVATE_KEY_VAR} to an Atlas programmatic API key, or ${CLIENT_ID_VAR} and ${CLIENT_SECRET_VAR} to a service account, use an Atlas CLI profile (-P NAME), or try --mock`,
    false,
  );
}

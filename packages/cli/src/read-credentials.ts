import { UsageError } from "./usage-error.js";

export const PUBLIC_KEY_VAR = "MONGODB_ATLAS_PUBLIC_API_KEY";
export const PRIVATE_KEY_VAR = "MONGODB_ATLAS_PRIVATE_API_KEY";

export interface Credentials {
  publicKey: string;
  privateKey: string;
}

/**
 * Reads the API key from the Atlas CLI's variables. A missing one is a usage
 * error (exit 2) that names exactly which variable is missing.
 */
export function readCredentials(env: NodeJS.ProcessEnv): Credentials {
  const publicKey = env[PUBLIC_KEY_VAR]?.trim();
  const privateKey = env[PRIVATE_KEY_VAR]?.trim();
  const missing = [!publicKey && PUBLIC_KEY_VAR, !privateKey && PRIVATE_KEY_VAR].filter(Boolean);
  if (missing.length > 0) {
    throw new UsageError(
      `${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set; set ${missing.length > 1 ? "them" : "it"} to your Atlas programmatic API key, or try --mock`,
      false,
    );
  }
  return { publicKey: publicKey as string, privateKey: privateKey as string };
}

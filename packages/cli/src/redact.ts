export const REDACTED = "[redacted]";

/**
 * Shorter secrets are not searched for: a one- or two-character key would be
 * "found" inside every word and garble each message, while protecting nothing
 * (no message of ours holds the key; Atlas private keys are 36-character UUIDs).
 */
export const MIN_REDACTED_LENGTH = 6;

/** Replaces every occurrence of each secret in `text`; secrets shorter than MIN_REDACTED_LENGTH are ignored. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= MIN_REDACTED_LENGTH) out = out.split(secret).join(REDACTED);
  return out;
}

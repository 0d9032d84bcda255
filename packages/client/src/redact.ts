// One redaction rule, for the client's own messages and for the CLI's (which prints
// with these): a secret, or a URL's user:password@, shows as one placeholder.

/** What a secret reads as wherever it would otherwise show. */
export const REDACTED = "[redacted]";

/**
 * Shorter secrets are not searched for: a one- or two-character key would be
 * "found" inside every word and garble each message, while protecting nothing
 * (no message of ours holds the key; Atlas private keys are 36-character UUIDs).
 */
export const MIN_REDACTED_LENGTH = 6;

/** `text` with every occurrence of each secret replaced; secrets shorter than MIN_REDACTED_LENGTH are ignored. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= MIN_REDACTED_LENGTH) out = out.split(secret).join(REDACTED);
  return out;
}

/**
 * `text` with the user:password@ of every URL in it replaced (`https://[redacted]@host/`):
 * everything from `//` to the last `@` before the path, query or fragment, so a
 * password holding `@` (or a space) never shows in part, scheme or not.
 */
export function redactUrlCredentials(text: string): string {
  return text.replace(/\/\/[^/?#]*@/g, `//${REDACTED}@`);
}

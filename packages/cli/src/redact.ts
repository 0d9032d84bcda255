export const REDACTED = "[redacted]";

/** Replaces every occurrence of each secret in `text`; empty secrets are ignored. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join(REDACTED);
  return out;
}

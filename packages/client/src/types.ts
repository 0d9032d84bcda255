/** Any fetch-compatible function: `globalThis.fetch`, undici, a test double. */
export type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/**
 * Receives retry and authentication events. Every method is optional. The
 * client never passes credentials or an Authorization header to it.
 */
export interface Logger {
  debug?(message: string, meta?: Record<string, unknown>): void;
  info?(message: string, meta?: Record<string, unknown>): void;
  warn?(message: string, meta?: Record<string, unknown>): void;
  error?(message: string, meta?: Record<string, unknown>): void;
}

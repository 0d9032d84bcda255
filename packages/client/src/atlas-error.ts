/** Base class of every error this package throws. */
export class AtlasError extends Error {
  override name = "AtlasError";

  /** Plain data for logs. Errors never hold request headers or credentials. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, message: this.message };
  }
}

/**
 * A bad argument, caught before any request was sent. Here rather than with the
 * other classes (errors.ts, loaded on first failure): createAtlasClient and
 * iterateTenantSnapshots throw it synchronously.
 */
export class AtlasValidationError extends AtlasError {
  override name = "AtlasValidationError";
  constructor(
    readonly argument: string,
    readonly value: unknown,
    readonly rule: string,
  ) {
    const shown = typeof value === "string" ? JSON.stringify(value) : String(value);
    super(`Invalid ${argument} ${shown.length > 60 ? `${shown.slice(0, 57)}...` : shown}: ${rule}`);
  }
}

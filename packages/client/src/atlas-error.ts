// The error classes that are never loaded lazily (the others are in errors.ts, loaded on
// first failure: docs/decisions/0016): the base class; the one thrown synchronously; and
// the two thrown when no reply came, when the network may be gone and no chunk could load.

/** Base class of every error this package throws. */
export class AtlasError extends Error {
  override name = "AtlasError";

  /** Plain data for logs. Errors never hold request headers or credentials. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, message: this.message };
  }
}

/** A bad argument, caught before any request was sent (createAtlasClient and iterateTenantSnapshots throw it synchronously). */
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

/** No answer: refused connection, DNS failure, reset... `cause` holds the original error. */
export class AtlasConnectionError extends AtlasError {
  override name = "AtlasConnectionError";
}

/** No answer within `timeoutMs`. */
export class AtlasTimeoutError extends AtlasConnectionError {
  override name = "AtlasTimeoutError";
}

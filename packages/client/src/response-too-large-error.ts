import { AtlasError } from "./atlas-error.js";

/**
 * A reply body grew past the client's `maxResponseBytes` (counted after
 * decompression) and was cut off there. Not retried: it would be as large again.
 */
export class AtlasResponseTooLargeError extends AtlasError {
  override name = "AtlasResponseTooLargeError";
  constructor(
    /** Method, path and query of the request. */
    readonly request: string,
    /** The cap in bytes. */
    readonly maxBytes: number,
  ) {
    super(
      `The reply to ${request} is larger than ${maxBytes} bytes (the client's maxResponseBytes) and was cut off there; ` +
        "a page of 500 snapshots is about 100 KB, so check baseUrl, or raise maxResponseBytes",
    );
  }
}

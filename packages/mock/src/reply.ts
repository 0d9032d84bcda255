// The mock's answer before any adapter turns it into a Response or bytes on a socket.
import type { ApiError, ApiErrorEnvelope } from "@atlas-snapshots/types";

/** What the core needs from a request; a fetch `Request` fits, and so does a thin wrapper over node's. */
export interface MockRequest {
  method: string;
  /** Absolute URL as the client asked for it. */
  url: string;
  headers: {
    get(name: string): string | null | undefined;
    entries(): Iterable<[string, string]>;
  };
  /**
   * The form body of a POST to an OAuth path, as the adapter read it (oauth/form-body.ts);
   * absent on every other request, whose body nobody reads. Never logged.
   */
  formBody?: FormBody;
}

/** A form body's text, or the mark of one past the size limit. */
export type FormBody = { text: string } | { tooLarge: true };

/** Faults that no Response can express; adapters act them out on the transport. */
export type TransportFault = "drop" | "truncate";

export interface MockReply {
  status: number;
  headers: Record<string, string>;
  /** The body text (JSON). */
  body: string;
  /** drop: close the connection without answering; truncate: send part of the body, then close. */
  transportFault?: TransportFault;
}

export interface ReplyFormat {
  pretty: boolean;
  envelope: boolean;
}

export function jsonText(value: unknown, pretty: boolean): string {
  return pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value);
}

/**
 * An Atlas error reply; with envelope=true it travels as HTTP 200 `{status, content}`.
 * The `X-Error-Code` header repeats the code, as on every recorded Atlas error
 * but the Digest challenge; the mock sends it with an envelope too (its own choice).
 */
export function errorReply(error: ApiError, format: ReplyFormat, headers: Record<string, string> = {}): MockReply {
  if (error.errorCode) headers = { ...headers, "X-Error-Code": error.errorCode };
  if (format.envelope) {
    const wrapped: ApiErrorEnvelope = { status: error.error, content: error };
    return { status: 200, headers, body: jsonText(wrapped, format.pretty) };
  }
  return { status: error.error, headers, body: jsonText(error, format.pretty) };
}

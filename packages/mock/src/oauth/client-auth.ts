// What both OAuth endpoints share: the client's HTTP Basic pair, and the
// replies for a wrong method, a wrong pair and a body past the limit.
import { NOT_AUTHORIZED_BODY } from "../api-error.js";
import type { MockReply, MockRequest } from "../reply.js";
import { FORM_BODY_LIMIT_BYTES } from "./form-body.js";
import type { ServiceAccountCredentials } from "./token-registry.js";

export const JSON_HEADERS = { "Content-Type": "application/json" };

/** The client ID and secret from `Authorization: Basic base64(clientId:clientSecret)`, if well formed. */
export function basicCredentials(request: MockRequest): ServiceAccountCredentials | undefined {
  const encoded = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (encoded === undefined) return undefined;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
  const colon = text.indexOf(":");
  return colon < 0 ? undefined : { clientId: text.slice(0, colon), clientSecret: text.slice(colon + 1) };
}

/** Anything but POST. */
export const postOnly = (): MockReply => ({
  status: 405,
  headers: { ...JSON_HEADERS, Allow: "POST" },
  body: JSON.stringify({ error: 405, reason: "Method Not Allowed" }),
});

/** A wrong or missing client pair: Atlas's 401 body, as the token endpoint gives it. */
export const notAuthorized = (): MockReply => ({
  status: 401,
  headers: { ...JSON_HEADERS },
  body: NOT_AUTHORIZED_BODY,
});

/** A form body past FORM_BODY_LIMIT_BYTES; no source shows Atlas's, so the status and body are the mock's choice. */
export const bodyTooLarge = (): MockReply => ({
  status: 413,
  headers: { ...JSON_HEADERS },
  body: JSON.stringify({
    detail: `The request body is larger than ${FORM_BODY_LIMIT_BYTES} bytes. Send only the form fields, e.g. token=<access token>&token_type_hint=access_token.`,
    error: 413,
    errorCode: "REQUEST_BODY_TOO_LARGE",
    parameters: [],
    reason: "Content Too Large",
  }),
});

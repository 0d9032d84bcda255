// Atlas's OAuth 2.0 token endpoint for service accounts, as the mock answers it:
// HTTP Basic with the client ID and secret gives an hour-long Bearer token.
import { NOT_AUTHORIZED_BODY } from "../api-error.js";
import type { MockReply, MockRequest } from "../reply.js";
import type { TokenRegistry } from "./token-registry.js";

export const OAUTH_TOKEN_PATH = "/api/oauth/token";

const JSON_HEADERS = { "Content-Type": "application/json" };

/**
 * `POST /api/oauth/token` with `Authorization: Basic base64(clientId:clientSecret)`.
 * The mock does not read the form body (its adapters pass no body); Atlas's
 * `grant_type=client_credentials` is the only grant there is. A wrong or
 * missing pair gets Atlas's 401 body.
 */
export function tokenReply(request: MockRequest, tokens: TokenRegistry): MockReply {
  if (request.method !== "POST") {
    return {
      status: 405,
      headers: { ...JSON_HEADERS, Allow: "POST" },
      body: JSON.stringify({ error: 405, reason: "Method Not Allowed" }),
    };
  }
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  const pair = basic === undefined ? undefined : decodeBasic(basic);
  const issued = pair && tokens.issue(pair);
  if (!issued) return { status: 401, headers: { ...JSON_HEADERS }, body: NOT_AUTHORIZED_BODY };
  return {
    status: 200,
    headers: { ...JSON_HEADERS, "Cache-Control": "no-store" },
    body: JSON.stringify({ access_token: issued.accessToken, token_type: "Bearer", expires_in: issued.expiresIn }),
  };
}

function decodeBasic(encoded: string): { clientId: string; clientSecret: string } | undefined {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
  const colon = text.indexOf(":");
  return colon < 0 ? undefined : { clientId: text.slice(0, colon), clientSecret: text.slice(colon + 1) };
}

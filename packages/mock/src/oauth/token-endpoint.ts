// Atlas's OAuth 2.0 token endpoint for service accounts, as the mock answers it:
// HTTP Basic with the client ID and secret gives an hour-long Bearer token.
import type { MockReply, MockRequest } from "../reply.js";
import { basicCredentials, bodyTooLarge, JSON_HEADERS, notAuthorized, postOnly } from "./client-auth.js";
import type { TokenRegistry } from "./token-registry.js";

/**
 * `POST /api/oauth/token` with `Authorization: Basic base64(clientId:clientSecret)`.
 * The mock does not look inside the form body; Atlas's `grant_type=client_credentials`
 * is the only grant there is. A wrong or missing pair gets Atlas's 401 body.
 */
export function tokenReply(request: MockRequest, tokens: TokenRegistry): MockReply {
  if (request.method !== "POST") return postOnly();
  if (request.formBody && "tooLarge" in request.formBody) return bodyTooLarge();
  const pair = basicCredentials(request);
  const issued = pair && tokens.issue(pair);
  if (!issued) return notAuthorized();
  return {
    status: 200,
    headers: { ...JSON_HEADERS, "Cache-Control": "no-store" },
    body: JSON.stringify({ access_token: issued.accessToken, token_type: "Bearer", expires_in: issued.expiresIn }),
  };
}

// Atlas's OAuth 2.0 revocation endpoint for service accounts (MongoDB's docs,
// "Revoke Service Account Token"), with RFC 7009's semantics.
import type { MockReply, MockRequest } from "../reply.js";
import { basicCredentials, bodyTooLarge, JSON_HEADERS, notAuthorized, postOnly } from "./client-auth.js";
import type { TokenRegistry } from "./token-registry.js";

/**
 * `POST /api/oauth/revoke`, HTTP Basic `clientId:clientSecret`, form body
 * `token=<access token>&token_type_hint=access_token`. 200 with an empty body
 * whether or not the token was valid (RFC 7009 2.2), so the reply tells a caller
 * nothing about other tokens; a wrong or missing pair gets the token endpoint's 401.
 */
export function revokeReply(request: MockRequest, tokens: TokenRegistry): MockReply {
  if (request.method !== "POST") return postOnly();
  const form = request.formBody ?? { text: "" };
  if ("tooLarge" in form) return bodyTooLarge();
  const client = basicCredentials(request);
  if (!client || !tokens.authenticate(client)) return notAuthorized();
  const token = new URLSearchParams(form.text).get("token");
  if (!token) return missingToken();
  // The mock's choice, as RFC 7009 2.1 has it and no MongoDB source says otherwise:
  // a client revokes only tokens issued to itself; another client's token stays valid,
  // and the reply is the same 200. token_type_hint is ignored: access tokens are all there is.
  if (tokens.check(token).clientId === client.clientId) tokens.revoke(token);
  return { status: 200, headers: { ...JSON_HEADERS, "Cache-Control": "no-store" }, body: "" };
}

/**
 * No `token` field. MongoDB's docs list a 400 without its body; RFC 7009 2.2.1 and
 * RFC 6749 5.2 name `invalid_request`, so the body is that (the mock's choice).
 */
function missingToken(): MockReply {
  return {
    status: 400,
    headers: { ...JSON_HEADERS, "Cache-Control": "no-store" },
    body: JSON.stringify({
      error: "invalid_request",
      error_description:
        "The form body has no token. Send token=<access token>&token_type_hint=access_token, form-encoded.",
    }),
  };
}

// A loopback HTTP server that plays Atlas for service accounts, written apart
// from the client: a token endpoint (HTTP Basic, client credentials) and an API
// path that wants a Bearer token it issued and has not revoked.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";

export interface OAuthServerOptions {
  clientId: string;
  clientSecret: string;
  /** Seconds each token lives, as `expires_in` says; default 3600. */
  expiresIn?: number;
  /** Replaces the token endpoint's answer, e.g. to fail it. */
  tokenReply?: () => { status: number; headers?: Record<string, string>; body: string } | undefined;
}

export interface TokenRequest {
  authorization?: string;
  contentType?: string;
  body: string;
}

const ATLAS_401 = JSON.stringify({
  error: 401,
  reason: "Unauthorized",
  detail: "You are not authorized for this resource.",
});

export async function startOAuthServer(options: OAuthServerOptions) {
  const live = new Set<string>();
  const state = { refuseEveryToken: false };
  const tokenRequests: TokenRequest[] = [];
  const apiRequests: { authorization?: string; path: string }[] = [];
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = "";
      req.setEncoding("utf8").on("data", (c: string) => {
        body += c;
      });
      req.on("end", () => resolve(body));
    });
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    if (req.method === "POST" && req.url === "/api/oauth/token") {
      tokenRequests.push({ authorization: req.headers.authorization, contentType: req.headers["content-type"], body });
      const forced = options.tokenReply?.();
      if (forced) {
        res.writeHead(forced.status, { "content-type": "application/json", ...forced.headers }).end(forced.body);
        return;
      }
      const basic = `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`, "utf8").toString("base64")}`;
      if (req.headers.authorization !== basic || new URLSearchParams(body).get("grant_type") !== "client_credentials") {
        res.writeHead(401, { "content-type": "application/json" }).end(ATLAS_401);
        return;
      }
      const token = randomBytes(24).toString("base64url");
      live.add(token);
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ access_token: token, token_type: "Bearer", expires_in: options.expiresIn ?? 3600 }));
      return;
    }
    apiRequests.push({ authorization: req.headers.authorization, path: req.url ?? "" });
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (!bearer || !live.has(bearer) || state.refuseEveryToken) {
      res.writeHead(401, { "content-type": "application/json" }).end(ATLAS_401);
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ results: [], totalCount: 0 }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    tokenRequests,
    apiRequests,
    /** Tokens the server has issued and still accepts. */
    live,
    /** Set `refuseEveryToken` to make the API refuse every token, even new ones. */
    state,
    /** Refuses every token issued so far, as `POST /api/oauth/revoke` would. */
    revokeAll: () => live.clear(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

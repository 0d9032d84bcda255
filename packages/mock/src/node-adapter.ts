// node:http ⇄ core, with no layers between: a thin MockRequest over node's
// request, and the reply written straight to the socket.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AtlasMockCore } from "./atlas-mock.js";
import { FORM_BODY_LIMIT_BYTES, formBodyOf, wantsFormBody } from "./oauth/form-body.js";
import type { MockReply, MockRequest } from "./reply.js";

/** host[:port] as a Host header may carry it; anything else falls back to the listening address. */
const HOST_HEADER = /^(?:[a-zA-Z0-9.-]+|\[[0-9a-fA-F:.]+\])(?::\d{1,5})?$/;

function toMockRequest(req: IncomingMessage, fallbackHost: string): MockRequest {
  const host = req.headers.host && HOST_HEADER.test(req.headers.host) ? req.headers.host : fallbackHost;
  const target = req.url ?? "/";
  return {
    method: req.method ?? "GET",
    // Absolute-form targets (proxies) are used as they are; origin-form gets this server's origin.
    url: /^https?:\/\//i.test(target) ? target : `http://${host}${target.startsWith("/") ? "" : "/"}${target}`,
    headers: {
      get: (name) => {
        const value = req.headers[name.toLowerCase()];
        return Array.isArray(value) ? value.join(", ") : value;
      },
      *entries() {
        const raw = req.rawHeaders;
        for (let i = 0; i + 1 < raw.length; i += 2) yield [raw[i] as string, raw[i + 1] as string];
      },
    },
  };
}

function writeReply(reply: MockReply, res: ServerResponse): void {
  if (reply.transportFault === "drop") {
    res.socket?.destroy();
    return;
  }
  const body = Buffer.from(reply.body);
  res.writeHead(reply.status, { ...reply.headers, "Content-Length": body.length });
  if (reply.transportFault === "truncate") {
    // Promise the whole body, send half, then cut the connection.
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
    return;
  }
  res.end(body);
}

/** Answers one node request through the mock; never throws. */
export function handleNodeRequest(
  mock: AtlasMockCore,
  req: IncomingMessage,
  res: ServerResponse,
  fallbackHost: string,
) {
  const request = toMockRequest(req, fallbackHost);
  const answer = (r: MockRequest) =>
    mock.reply(r).then(
      (reply) => writeReply(reply, res),
      () => res.destroy(),
    );
  if (!wantsFormBody(request.method, request.url)) {
    req.resume(); // no body is read here; drain any so keep-alive works
    answer(request);
    return;
  }
  // A POST to an OAuth path: keep its form body up to the limit, drain the rest, then answer.
  const chunks: Buffer[] = [];
  let total = 0;
  req.on("data", (chunk: Buffer) => {
    total += chunk.length;
    if (total <= FORM_BODY_LIMIT_BYTES) chunks.push(chunk);
  });
  req.on("end", () => answer({ ...request, formBody: formBodyOf(Buffer.concat(chunks), total) }));
  req.on("error", () => res.destroy());
}

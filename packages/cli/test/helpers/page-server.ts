import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** What to answer for one page: a status and a body, sent as JSON unless it is a string (sent as HTML). */
export type PageReply = { status: number; body: unknown };

/**
 * A bare HTTP server (no auth) that answers each page from `reply(pageNum)`:
 * for what the mock will not do on purpose, such as sending pages out of
 * order or failing only from page 2 on.
 */
export async function startPageServer(reply: (pageNum: number, url: URL) => PageReply) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const { status, body } = reply(Number(url.searchParams.get("pageNum") ?? "1"), url);
    const raw = typeof body === "string";
    res
      .writeHead(status, { "content-type": raw ? "text/html" : "application/json" })
      .end(raw ? body : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/atlas/v1.0`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()) && server.closeAllConnections()),
  };
}

/** A port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

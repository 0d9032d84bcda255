// A loopback HTTP server that answers every request with one recorded reply.
import { createServer, type Server } from "node:http";
import type { RecordedReply } from "./recordings.js";

/** Hop-by-hop and length headers: node sets its own for the bytes it sends. */
const NOT_REPLAYED = new Set(["content-length", "transfer-encoding", "connection", "keep-alive"]);

export interface ReplayServer {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  /** How many requests it answered. */
  hits(): number;
  close(): Promise<void>;
}

export async function startReplayServer(reply: RecordedReply): Promise<ReplayServer> {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits++;
    req.resume();
    const headers = reply.headers.filter(([name]) => !NOT_REPLAYED.has(name.toLowerCase()));
    // A docs sample has no headers; it is JSON.
    if (reply.kind === "docs-sample") headers.push(["Content-Type", "application/json"]);
    res.writeHead(reply.status, headers.flat());
    res.end(Buffer.from(reply.body, "latin1"));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("the replay server has no address");
  return {
    origin: `http://127.0.0.1:${address.port}`,
    hits: () => hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

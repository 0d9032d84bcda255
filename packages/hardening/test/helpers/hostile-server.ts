// A real HTTP server on loopback that lies the way a broken proxy or a hostile
// host can: pages that ignore pageNum, promises (totalCount, next) that the
// data never keeps, huge, endless and compressed-bomb bodies, trickled bodies,
// and terminal escape sequences in fields and error text. It asks for no
// authentication, so the client talks to it as to an open origin.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { gzipSync } from "node:zlib";

export const BASE_PATH = "/api/atlas/v1.0";

export interface HostileServer {
  /** The base URL a client is given (ends with /api/atlas/v1.0). */
  url: string;
  /** Requests answered so far. */
  readonly requests: number;
  close(): Promise<void>;
}

export type Handler = (request: IncomingMessage, response: ServerResponse, url: URL) => void;

export async function startHostileServer(handler: Handler): Promise<HostileServer> {
  const sockets = new Set<Socket>();
  let requests = 0;
  const server = createServer((request, response) => {
    requests++;
    handler(request, response, new URL(request.url ?? "/", "http://127.0.0.1"));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${BASE_PATH}`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Endless and trickled bodies never end by themselves.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A valid snapshot with a 24-hex id built from `n`. */
export function snapshot(n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: n.toString(16).padStart(24, "0"),
    status: "COMPLETED",
    mongoDBVersion: "8.0.4",
    scheduledTime: new Date(Date.UTC(2025, 0, 1) - n * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
    ...extra,
  };
}

export interface LyingPagesOptions {
  /** What totalCount says (sent when includeCount is not false). */
  totalCount: number;
  /** Snapshots actually held. */
  held: number;
  /** Pages (1-based) that come back empty although more are held. */
  emptyPages?: number[];
  /** Always answer page 1, whatever pageNum says. */
  ignorePageNum?: boolean;
  /** Send a `next` link on every page that the promise (totalCount) says is not the last. */
  nextByPromise?: boolean;
}

/** Pages of snapshots, lying in the ways `options` says. */
export function lyingPages(options: LyingPagesOptions): Handler {
  return (_request, response, url) => {
    const query = url.searchParams;
    const itemsPerPage = Number(query.get("itemsPerPage") ?? 100);
    const pageNum = options.ignorePageNum ? 1 : Number(query.get("pageNum") ?? 1);
    const start = (pageNum - 1) * itemsPerPage;
    const results = options.emptyPages?.includes(pageNum)
      ? []
      : Array.from({ length: Math.max(0, Math.min(itemsPerPage, options.held - start)) }, (_, i) =>
          snapshot(start + i + 1),
        );
    const promisedPages = Math.ceil(options.totalCount / itemsPerPage);
    const self = `${url.origin}${url.pathname}?pageNum=${pageNum}&itemsPerPage=${itemsPerPage}`;
    const links: { rel: string; href: string }[] = [{ rel: "self", href: self }];
    const moreHeld = start + itemsPerPage < options.held;
    if (options.nextByPromise ? pageNum < promisedPages : moreHeld) {
      links.push({ rel: "next", href: self.replace(`pageNum=${pageNum}`, `pageNum=${pageNum + 1}`) });
    }
    const page: Record<string, unknown> = { links, results };
    if (query.get("includeCount") !== "false") page.totalCount = options.totalCount;
    json(response, 200, page);
  };
}

export function json(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

/** A 200 whose body is `bytes` long: a valid page start, then padding inside a string. */
export function hugeBody(bytes: number): Handler {
  const head = '{"results":[],"padding":"';
  const tail = '"}';
  const chunk = Buffer.alloc(64 * 1024, "x");
  return (_request, response) => {
    response.writeHead(200, { "content-type": "application/json", "content-length": bytes });
    response.write(head);
    let left = bytes - head.length - tail.length;
    const pump = () => {
      while (left > 0) {
        const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= piece.length;
        if (!response.write(piece)) return void response.once("drain", pump);
      }
      response.end(tail);
    };
    pump();
  };
}

/** A 200 with no length that never ends, written as fast as the client reads. */
export function endlessBody(): Handler {
  const chunk = Buffer.alloc(64 * 1024, "x");
  return (_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.write('{"results":[],"padding":"');
    const pump = () => {
      while (!response.destroyed) if (!response.write(chunk)) return void response.once("drain", pump);
    };
    response.on("close", () => response.removeAllListeners("drain"));
    pump();
  };
}

/** A small gzip body that inflates to `inflatedBytes` (a page whose padding is zeros). */
export function gzipBomb(inflatedBytes: number): Handler {
  const body = gzipSync(
    Buffer.concat([Buffer.from('{"results":[],"padding":"'), Buffer.alloc(inflatedBytes, "0"), Buffer.from('"}')]),
    {
      level: 9,
    },
  );
  return (_request, response) => {
    response.writeHead(200, {
      "content-type": "application/json",
      "content-encoding": "gzip",
      "content-length": body.length,
    });
    response.end(body);
  };
}

/** Headers at once, then one byte of a never-finished page every `everyMs`. */
export function trickle(everyMs = 100): Handler {
  return (_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.write('{"results":[');
    const timer = setInterval(() => response.write(" "), everyMs);
    response.on("close", () => clearInterval(timer));
  };
}

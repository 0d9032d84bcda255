// @atlas-snapshots/mock/server: the mock on a real port, for curl, other
// languages and anything that cannot use msw.
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { REASON_PHRASES } from "./api-error.js";
import { type AtlasMockCore, createAtlasCore } from "./atlas-mock.js";
import { handleNodeRequest } from "./node-adapter.js";
import type { AtlasMockOptions } from "./options.js";

export interface MockServerOptions extends AtlasMockOptions {
  /** Port to listen on (default 0: any free port). */
  port?: number;
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** Serve this mock (from createAtlasMock, say) instead of creating one from the other options. */
  mock?: AtlasMockCore;
  /** Largest request head node accepts before answering 431 (default 16 KiB). */
  maxHeaderSize?: number;
}

export interface MockServer {
  /** e.g. http://127.0.0.1:PORT/api/atlas/v1.0 (the mock's base path on this server). */
  url: string;
  port: number;
  host: string;
  /** The mock behind the server (store, requests, forceResponse...); msw handlers are not loaded here. */
  mock: AtlasMockCore;
  /** Stops listening and closes open connections; calling it again returns the same promise. */
  close(): Promise<void>;
}

/** An Atlas-style error written raw, for requests node refuses before they reach the mock. */
function refuseRaw(socket: Socket, status: number, errorCode: string, detail: string): void {
  const reason = REASON_PHRASES[status] ?? "Bad Request";
  const body = JSON.stringify({ detail, error: status, errorCode, parameters: [], reason });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function onClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
  } else if (error.code === "HPE_HEADER_OVERFLOW") {
    refuseRaw(socket, 431, "REQUEST_HEADER_FIELDS_TOO_LARGE", "The request's headers are too large.");
  } else {
    refuseRaw(socket, 400, "INVALID_REQUEST", "The request is not valid HTTP/1.1.");
  }
}

function hostForUrl(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { port = 0, host = "127.0.0.1", mock: given, maxHeaderSize = 16_384, ...mockOptions } = options;
  const mock = given ?? createAtlasCore(mockOptions);
  let fallbackHost = hostForUrl(host);
  const server: Server = createServer({ maxHeaderSize }, (req, res) => handleNodeRequest(mock, req, res, fallbackHost));
  server.on("clientError", onClientError);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  fallbackHost = `${hostForUrl(host)}:${address.port}`;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${fallbackHost}${mock.options.basePath}`,
    port: address.port,
    host,
    mock,
    // Idempotent, so a test's cleanup may call it again after the test did.
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      })),
  };
}

export { DEFAULT_MOCK_CREDENTIALS } from "./default-credentials.js";

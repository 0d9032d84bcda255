// Raw HTTP/1.1 over node:net, for requests fetch refuses to send.
import { connect } from "node:net";

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Everything received, or "" when the server closed without a byte. */
  raw: string;
}

/**
 * Sends `head` (request line and headers, CRLF-separated, without the final
 * blank line) and reads the reply until the server closes the connection.
 */
export function rawRequest(port: number, head: string | Buffer, timeoutMs = 60_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(
          `no complete answer within ${timeoutMs} ms; got: ${Buffer.concat(chunks).toString("latin1").slice(0, 300)}`,
        ),
      );
    }, timeoutMs);
    socket.on("data", (c) => chunks.push(c));
    socket.on("error", () => {}); // a reset after the answer is fine; "close" reports what arrived
    socket.on("close", () => {
      clearTimeout(timer);
      const raw = Buffer.concat(chunks).toString("latin1");
      const [top = "", ...rest] = raw.split("\r\n\r\n");
      const [statusLine = "", ...lines] = top.split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const i = line.indexOf(":");
        if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      const body = Buffer.from(rest.join("\r\n\r\n"), "latin1").toString("utf8");
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, body, raw });
    });
    const end = "\r\nConnection: close\r\n\r\n";
    socket.write(
      typeof head === "string" ? Buffer.from(head + end, "latin1") : Buffer.concat([head, Buffer.from(end)]),
    );
  });
}

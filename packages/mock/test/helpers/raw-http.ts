// Raw sockets and curl, for what fetch cannot show: exact bytes, broken requests, cut connections.
import { execFile } from "node:child_process";
import { connect } from "node:net";

/** Writes `request` as-is and collects everything until the server closes or `idleMs` passes. */
export function rawRequest(port: number, request: string | Buffer, idleMs = 300): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let data = "";
    socket.setTimeout(idleMs, () => socket.end());
    socket.on("data", (chunk) => {
      data += chunk.toString("latin1");
    });
    socket.on("close", () => resolve(data));
    socket.on("error", (error: NodeJS.ErrnoException) => (error.code === "ECONNRESET" ? resolve(data) : reject(error)));
    socket.write(request);
  });
}

export interface CurlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function curl(args: string[]): Promise<CurlResult> {
  return new Promise((resolve) => {
    execFile("curl", args, { timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

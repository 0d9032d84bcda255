import { readFileSync } from "node:fs";
import { createServer } from "node:net";

/** Where the kernel hands out ports for `listen(0)`; Linux's default when /proc cannot say. */
function ephemeralStart(): number {
  try {
    const start = Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]);
    return Number.isInteger(start) && start > 12_000 ? start : 32_768;
  } catch {
    return 32_768;
  }
}

function tryListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * A free loopback port for a program that binds it itself, seconds later (Prism,
 * Verdaccio). Picked at random below the kernel's ephemeral range and checked
 * free: a port from `listen(0)` could be handed to any other server that binds
 * port 0 meanwhile (say, a mock server in a parallel test), and a readiness
 * check would then be answered by the wrong server.
 */
export async function freePort(host = "127.0.0.1"): Promise<number> {
  const top = ephemeralStart();
  const bottom = top - 10_000;
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = bottom + Math.floor(Math.random() * (top - bottom));
    if (await tryListen(port, host)) return port;
  }
  throw new Error(`no free port on ${host} between ${bottom} and ${top} after 200 tries`);
}

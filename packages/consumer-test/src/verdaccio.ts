import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { freePort } from "@atlas-snapshots/contract-tests/free-port";

const require = createRequire(import.meta.url);
const verdaccioBin = join(dirname(require.resolve("verdaccio/package.json")), "bin/verdaccio");

export interface Registry {
  url: string;
  /** A token that may publish, from the registry's own user endpoint. */
  token: string;
  /** Everything Verdaccio printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Verdaccio for our scope only: its own storage under `dir`, no uplinks, so it
 * never reaches the internet. Consumers route `@atlas-snapshots/*` here with a
 * scoped registry and take everything else from their usual registry.
 */
const config = (dir: string) => `storage: ${JSON.stringify(join(dir, "storage"))}
auth:
  htpasswd:
    file: ${JSON.stringify(join(dir, "htpasswd"))}
    max_users: 10
uplinks: {}
packages:
  "@atlas-snapshots/*":
    access: $all
    publish: $authenticated
  "**":
    access: $all
    publish: $authenticated
log: { type: stdout, format: pretty, level: warn }
`;

/** Starts Verdaccio on a free loopback port and waits (generously: slow on a busy machine) until it answers. */
export async function startVerdaccio(dir: string, startTimeoutMs = 120_000): Promise<Registry> {
  const configFile = join(dir, "verdaccio.yaml");
  await writeFile(configFile, config(dir));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [verdaccioBin, "--config", configFile, "--listen", `127.0.0.1:${port}`], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const stop = () => stopChild(child);
  try {
    await waitForPing(url, child, startTimeoutMs, () => output);
    return { url, token: await createUser(url), output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForPing(url: string, child: ChildProcess, timeoutMs: number, output: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Verdaccio exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${url}/-/ping`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Verdaccio did not answer ${url}/-/ping within ${timeoutMs} ms:\n${output()}`);
}

/** The npm "adduser" call: a new user in the registry's htpasswd file, and its token. */
async function createUser(url: string): Promise<string> {
  const name = "consumer-test";
  const response = await fetch(`${url}/-/user/org.couchdb.user:${name}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, password: "consumer-test-password" }),
  });
  const body = (await response.json()) as { token?: string };
  if (!response.ok || !body.token) throw new Error(`could not create a registry user: HTTP ${response.status}`);
  return body.token;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

// Starts Debian's apache2 (mod_auth_digest) from a private config on a free
// loopback port. A Digest server that no one here wrote.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const APACHE = "/usr/sbin/apache2";
const MODULES = "/usr/lib/apache2/modules";

export interface ApacheOptions {
  realm: string;
  user: string;
  password: string;
  /** Request path → file body. */
  files: Record<string, string>;
}

export interface RunningApache {
  baseUrl: string;
  dir: string;
  /** Parsed access log lines: request line and status. */
  accessLog(): { request: string; status: number }[];
  /**
   * The access log once it holds at least `atLeast` lines and has stopped
   * growing. Apache logs after it answers, so a line can land after the client
   * already has its response; a loaded machine can delay it by seconds, so wait
   * for the count the caller knows must come (the deadline only guards against
   * a hang), then a little longer so that a line too many would show.
   */
  settledAccessLog(atLeast: number): Promise<{ request: string; status: number }[]>;
  stop(): void;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function apacheMissingMessage(): string | undefined {
  return existsSync(APACHE)
    ? undefined
    : `${APACHE} is missing. This test needs Debian's apache2 with mod_auth_digest: run \`apt-get install -y apache2\`.`;
}

export async function startApache(options: ApacheOptions): Promise<RunningApache> {
  const dir = mkdtempSync(join(tmpdir(), "atlas-apache-"));
  chmodSync(dir, 0o755); // apache's workers run as www-data and must read the files
  const port = await freePort();
  const ha1 = createHash("md5").update(`${options.user}:${options.realm}:${options.password}`).digest("hex");
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    chmodSync(join(dir, name), 0o644);
  };
  write("passwd", `${options.user}:${options.realm}:${ha1}\n`);
  mkdirSync(join(dir, "htdocs"));
  chmodSync(join(dir, "htdocs"), 0o755);
  const aliases = Object.entries(options.files).map(([path, body], i) => {
    write(`file-${i}.json`, body);
    return `Alias ${path} ${join(dir, `file-${i}.json`)}`;
  });
  const load = (name: string, file: string) => `LoadModule ${name}_module ${MODULES}/mod_${file}.so`;
  const config = [
    `ServerRoot ${dir}`,
    "ServerName 127.0.0.1",
    `Listen 127.0.0.1:${port}`,
    `PidFile ${dir}/httpd.pid`,
    `ErrorLog ${dir}/error.log`,
    `Mutex file:${dir} default`,
    // log_config and unixd are built in: loading them again is an error.
    load("mpm_event", "mpm_event"),
    load("authn_core", "authn_core"),
    load("authn_file", "authn_file"),
    load("authz_core", "authz_core"),
    load("authz_user", "authz_user"),
    load("auth_digest", "auth_digest"),
    load("alias", "alias"),
    load("mime", "mime"),
    "User www-data",
    "Group www-data",
    "TypesConfig /etc/mime.types",
    'LogFormat "%h \\"%r\\" %>s" tiny',
    `CustomLog ${dir}/access.log tiny`,
    `DocumentRoot ${dir}/htdocs`,
    ...aliases,
    "<Location /api/>",
    "  AuthType Digest",
    `  AuthName "${options.realm}"`,
    "  AuthDigestProvider file",
    `  AuthUserFile ${dir}/passwd`,
    "  Require valid-user",
    "</Location>",
  ].join("\n");
  write("httpd.conf", `${config}\n`);
  const conf = join(dir, "httpd.conf");

  const stop = () => {
    try {
      execFileSync(APACHE, ["-f", conf, "-k", "stop"], { stdio: "ignore" });
    } catch {}
    // Belt and braces: kill by pid file if it is still there.
    try {
      const pid = Number(readFileSync(join(dir, "httpd.pid"), "utf8"));
      if (pid > 0) process.kill(pid, "SIGTERM");
    } catch {}
  };

  try {
    execFileSync(APACHE, ["-f", conf, "-k", "start"], { stdio: "pipe" });
    await waitForPort(port);
  } catch (error) {
    stop();
    const log = existsSync(join(dir, "error.log")) ? readFileSync(join(dir, "error.log"), "utf8") : "";
    throw new Error(`apache2 did not start: ${(error as Error).message}\n${log}`);
  }

  const accessLog = () =>
    readFileSync(join(dir, "access.log"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const m = /"(.*)" (\d{3})$/.exec(line);
        return { request: m?.[1] ?? line, status: Number(m?.[2]) };
      });

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    dir,
    accessLog,
    async settledAccessLog(atLeast: number) {
      const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      for (const deadline = Date.now() + 60_000; Date.now() < deadline && accessLog().length < atLeast; )
        await pause(50);
      let lines = accessLog();
      for (;;) {
        await pause(250);
        const now = accessLog();
        if (now.length === lines.length) return now;
        lines = now;
      }
    },
    stop() {
      stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number): Promise<void> {
  // Up to a minute: a loaded 2-core machine can take a while to fork Apache's workers.
  for (let i = 0; i < 1200; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`nothing listens on 127.0.0.1:${port}`);
}

import { readFile } from "node:fs/promises";
import { type AtlasClient, createAtlasClient, type Logger } from "@atlas-snapshots/client";
import type { MockData } from "@atlas-snapshots/mock";
import { type ClusterSnapshots, clusterSnapshots } from "./cluster-snapshots.js";
import type { ConnectionOptions } from "./resolve-options.js";
import type { Terminal } from "./terminal.js";
import { UsageError } from "./usage-error.js";

export interface Connection {
  client: AtlasClient;
  /** The cluster's snapshots through the API that serves it (tenant or Flex, found out or forced by --api). */
  cluster: ClusterSnapshots;
  /** The embedded mock's URL when --mock started one. */
  mockUrl?: string;
  close(): Promise<void>;
}

/**
 * A client for Atlas (the resolved API key or service account), for --base-url, or
 * for an embedded mock server on a free loopback port, reached over real
 * HTTP with Digest auth so --mock exercises the same path as Atlas.
 */
export async function openConnection(options: ConnectionOptions, terminal: Terminal): Promise<Connection> {
  const cluster = (client: AtlasClient) => clusterSnapshots(client, options, (line) => terminal.err(line));
  const logger = options.verbose ? verboseLogger(terminal) : undefined;
  const common = {
    maxRetries: options.retries,
    timeoutMs: options.timeoutMs,
    concurrency: options.concurrency,
    logger,
  };
  if (!options.mock) {
    if (!options.credentials) throw new Error("no credentials resolved for Atlas");
    const client = createAtlasClient({ ...options.credentials, baseUrl: options.baseUrl, ...common });
    return { client, cluster: cluster(client), close: async () => {} };
  }
  const data = options.mockDataFile === undefined ? undefined : await readMockData(options.mockDataFile);
  // Loaded only for --mock: a plain `list` against Atlas never pays for the mock.
  const { startMockServer } = await import("@atlas-snapshots/mock/server");
  let server: Awaited<ReturnType<typeof startMockServer>>;
  try {
    // No credentials given: the mock accepts its published default key, which we read back below.
    server = await startMockServer({ host: "127.0.0.1", port: 0, data: data as MockData | undefined });
  } catch (error) {
    // Only a --mock-data file is to blame for bad data; the built-in data's problems are ours.
    if ((error as Error)?.name === "MockDataError" && options.mockDataFile !== undefined) {
      throw new UsageError(`--mock-data ${options.mockDataFile}: ${(error as Error).message}`, false);
    }
    throw error;
  }
  const [credentials] = server.mock.options.credentials;
  if (!credentials) throw new Error("the embedded mock has no credentials");
  const { publicKey, privateKey } = credentials;
  let client: AtlasClient;
  try {
    client = createAtlasClient({ publicKey, privateKey, baseUrl: server.url, ...common });
  } catch (error) {
    await server.close(); // a refused option must not leave the mock keeping the process alive
    throw error;
  }
  return { client, cluster: cluster(client), mockUrl: server.url, close: () => server.close() };
}

async function readMockData(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new UsageError(
      `--mock-data ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? error})`,
      false,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--mock-data ${file}: not JSON (${(error as Error).message})`, false);
  }
}

/** --verbose: the client's retry and auth events on stderr (redacted by the terminal). */
function verboseLogger(terminal: Terminal): Logger {
  const line = (level: string) => (message: string) => terminal.err(`atlas-snapshots: ${level}: ${message}`);
  return { debug: line("debug"), info: line("info"), warn: line("warn"), error: line("error") };
}

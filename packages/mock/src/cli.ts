#!/usr/bin/env node
// atlas-mock-server: the mock server from the command line. Ctrl-C stops it.
import { readFileSync } from "node:fs";
import { OPERATIONS, type OperationId } from "@atlas-snapshots/types";
import { parseCliArgs, privateKeysIn, redact, USAGE } from "./cli-args.js";
import { DEFAULT_MOCK_CREDENTIALS, DEFAULT_MOCK_SERVICE_ACCOUNT } from "./default-credentials.js";
import { DEFAULT_CLUSTER_NAME, DEFAULT_FLEX_CLUSTER_NAME, DEFAULT_GROUP_ID } from "./default-data.js";
import type { ClusterKind } from "./mock-data.js";
import { startMockServer } from "./server.js";
import type { MockStore } from "./store.js";
import { loadMockData } from "./validate-mock-data.js";

const argv = process.argv.slice(2);
const secrets = privateKeysIn(argv);
// Everything printed goes through here, so a --private-key value never shows.
const print = (stream: NodeJS.WriteStream, text: string) => stream.write(redact(text, secrets));

/** Which API serves each kind, in the words the listing prints. */
const KIND_WORDS: Readonly<Record<ClusterKind, string>> = {
  tenant: "tenant: M2/M5 API v1.0",
  flex: "flex: Flex API v2",
};
const MAX_PROJECTS_SHOWN = 5;

/** Each project's clusters and their kinds, so a user knows which API to ask about which cluster. */
function describeClusters(store: MockStore): string[] {
  const groups = store.listGroups();
  const lines = groups.slice(0, MAX_PROJECTS_SHOWN).map((groupId) => {
    const clusters = store
      .listClusters(groupId)
      .map((name) => `${name} (${KIND_WORDS[store.clusterKind(groupId, name) ?? "tenant"]})`);
    return `Project ${groupId}: ${clusters.length > 0 ? clusters.join(", ") : "no clusters"}`;
  });
  if (groups.length > MAX_PROJECTS_SHOWN) lines.push(`... and ${groups.length - MAX_PROJECTS_SHOWN} more projects`);
  return lines;
}

/** An operation's URL under `root` (the server's origin and root path), its path from the spec's table. */
function operationUrl(root: string, id: OperationId, params: Record<string, string>): string {
  const { basePath, path } = OPERATIONS[id];
  return root + basePath + path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ""));
}

function usageError(message: string): never {
  print(process.stderr, `atlas-mock-server: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const command = parseCliArgs(argv);
  if (command.kind === "help") {
    print(process.stdout, `${USAGE}\n`);
    return;
  }
  if (command.kind === "error") usageError(command.message);
  const { options, dataFile } = command;
  if (dataFile !== undefined) {
    try {
      options.data = loadMockData(readFileSync(dataFile, "utf8"));
    } catch (error) {
      usageError(`--data ${dataFile}: ${(error as Error).message}`);
    }
  }
  const server = await startMockServer(options).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EADDRINUSE") throw error;
    // Name the port and host as the user gave them, so it is clear which flag to change.
    const { port = 0, host = "127.0.0.1" } = options;
    throw new Error(`port ${port} on ${host} is in use (EADDRINUSE); pick another with --port, or 0 for a free one`);
  });
  const lines = [`Atlas mock listening on ${server.url}`, ...describeClusters(server.mock.store)];
  const root = new URL(server.url).origin + server.mock.options.rootPath;
  const example = operationUrl(root, "listSharedClusterBackups", {
    groupId: DEFAULT_GROUP_ID,
    clusterName: DEFAULT_CLUSTER_NAME,
  });
  // The Flex example only when the data has the default Flex cluster (a data file may not); a v2
  // operation answers only an Accept that names its version.
  const flexExample =
    server.mock.store.clusterKind(DEFAULT_GROUP_ID, DEFAULT_FLEX_CLUSTER_NAME) === "flex"
      ? operationUrl(root, "listFlexBackupSnapshots", { groupId: DEFAULT_GROUP_ID, name: DEFAULT_FLEX_CLUSTER_NAME })
      : undefined;
  const tries = (curl: string) => [
    `Try: ${curl} --header "Accept: application/json" --request GET "${example}"`,
    ...(flexExample
      ? [
          `Try (Flex, API v2): ${curl} --header "Accept: ${OPERATIONS.listFlexBackupSnapshots.accept}" --request GET "${flexExample}"`,
        ]
      : []),
  ];
  if (options.auth === "off") {
    lines.push("Authentication is off.", ...tries("curl --include"));
  } else if (!options.credentials) {
    const { publicKey, privateKey } = DEFAULT_MOCK_CREDENTIALS;
    lines.push(
      `Accepting the default mock keys: public key ${publicKey}, private key ${privateKey}`,
      ...tries(`curl --user "${publicKey}:${privateKey}" --digest --include`),
    );
  } else {
    // Never echo a private key the user chose.
    lines.push(...tries(`curl --user "${options.credentials[0]?.publicKey}:{PRIVATE-KEY}" --digest --include`));
  }
  if (options.auth !== "off") {
    const tokenUrl = `${new URL(server.url).origin}/api/oauth/token`;
    if (!options.serviceAccounts) {
      const { clientId, clientSecret } = DEFAULT_MOCK_SERVICE_ACCOUNT;
      lines.push(`Accepting the default mock service account: client id ${clientId}, client secret ${clientSecret}`);
      lines.push(
        `Tokens: curl --user "${clientId}:${clientSecret}" --data grant_type=client_credentials "${tokenUrl}"`,
      );
    } else {
      // Never echo a secret the user chose.
      lines.push(`Accepting service account ${options.serviceAccounts[0]?.clientId}; tokens from POST ${tokenUrl}`);
    }
  }
  const stop = (signal: string) => {
    print(process.stdout, `Received ${signal}, stopping.\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // Listen for signals before saying we are listening: whoever waits for that line may signal at once.
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
  print(process.stdout, `${lines.join("\n")}\n`);
}

main().catch((error: Error) => {
  print(process.stderr, `atlas-mock-server: ${error.message}\n`);
  process.exit(1);
});

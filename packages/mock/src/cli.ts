#!/usr/bin/env node
// atlas-mock-server: the mock server from the command line. Ctrl-C stops it.
import { readFileSync } from "node:fs";
import { parseCliArgs, privateKeysIn, redact, USAGE } from "./cli-args.js";
import { DEFAULT_MOCK_CREDENTIALS, DEFAULT_MOCK_SERVICE_ACCOUNT } from "./default-credentials.js";
import { DEFAULT_CLUSTER_NAME, DEFAULT_GROUP_ID } from "./default-data.js";
import { startMockServer } from "./server.js";
import { loadMockData } from "./validate-mock-data.js";

const argv = process.argv.slice(2);
const secrets = privateKeysIn(argv);
// Everything printed goes through here, so a --private-key value never shows.
const print = (stream: NodeJS.WriteStream, text: string) => stream.write(redact(text, secrets));

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
  const lines = [`Atlas mock listening on ${server.url}`];
  const example = `${server.url}/groups/${DEFAULT_GROUP_ID}/clusters/${DEFAULT_CLUSTER_NAME}/backup/tenant/snapshots`;
  if (options.auth === "off") {
    lines.push("Authentication is off.", `Try: curl --include "${example}"`);
  } else if (!options.credentials) {
    const { publicKey, privateKey } = DEFAULT_MOCK_CREDENTIALS;
    lines.push(
      `Accepting the default mock keys: public key ${publicKey}, private key ${privateKey}`,
      `Try: curl --user "${publicKey}:${privateKey}" --digest --include --header "Accept: application/json" --request GET "${example}"`,
    );
  } else {
    // Never echo a private key the user chose.
    lines.push(
      `Try: curl --user "${options.credentials[0]?.publicKey}:{PRIVATE-KEY}" --digest --include --request GET "${example}"`,
    );
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

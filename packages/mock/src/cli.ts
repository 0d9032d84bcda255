#!/usr/bin/env node
// atlas-mock-server: the mock server from the command line. Ctrl-C stops it.
import { readFileSync } from "node:fs";
import { parseCliArgs, USAGE } from "./cli-args.js";
import { DEFAULT_MOCK_CREDENTIALS } from "./default-credentials.js";
import { DEFAULT_CLUSTER_NAME, DEFAULT_GROUP_ID } from "./default-data.js";
import { startMockServer } from "./server.js";
import { loadMockData } from "./validate-mock-data.js";

function usageError(message: string): never {
  process.stderr.write(`atlas-mock-server: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const command = parseCliArgs(process.argv.slice(2));
  if (command.kind === "help") {
    process.stdout.write(`${USAGE}\n`);
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
  const server = await startMockServer(options);
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
  process.stdout.write(`${lines.join("\n")}\n`);

  const stop = (signal: string) => {
    process.stdout.write(`Received ${signal}, stopping.\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: Error & { code?: string }) => {
  process.stderr.write(`atlas-mock-server: ${error.code === "EADDRINUSE" ? "that port is in use" : error.message}\n`);
  process.exit(1);
});

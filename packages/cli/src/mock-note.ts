import { CLIENT_ID_VAR, CLIENT_SECRET_VAR, PRIVATE_KEY_VAR, PUBLIC_KEY_VAR } from "./read-credentials.js";

/** Told on stderr after every --mock run, so nobody mistakes the data for theirs. */
export function mockNote(url: string): string {
  return [
    `Note: this is mock data, served by the embedded mock Atlas at ${url}.`,
    `To read your own snapshots, set ${CLIENT_ID_VAR} and ${CLIENT_SECRET_VAR} to a service account`,
    `(or ${PUBLIC_KEY_VAR} and ${PRIVATE_KEY_VAR} to an API key)`,
    "and run without --mock, with --group ID --cluster NAME (an M2/M5 or a Flex cluster).",
  ].join("\n");
}

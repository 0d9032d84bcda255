import { PRIVATE_KEY_VAR, PUBLIC_KEY_VAR } from "./read-credentials.js";

/** Told on stderr after every --mock run, so nobody mistakes the data for theirs. */
export function mockNote(url: string): string {
  return [
    `Note: this is mock data, served by the embedded mock Atlas at ${url}.`,
    `To read your own snapshots, set ${PUBLIC_KEY_VAR} and ${PRIVATE_KEY_VAR}`,
    "to an Atlas programmatic API key and run without --mock, with --group ID --cluster NAME.",
  ].join("\n");
}

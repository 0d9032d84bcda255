// Command-line flags of atlas-mock-server, read strictly: a bad value is a
// usage error (exit 2) with a message that names the flag.
import { parseArgs } from "node:util";
import { FAULT_KINDS, type FaultKind } from "./faults.js";
import type { MockServerOptions } from "./server.js";

export const USAGE = `Usage: atlas-mock-server [options]

Serves a mock of Atlas's snapshot endpoints for M2/M5 clusters (API v1.0) and their
successor for Flex clusters (API v2).

Options:
  --port N                   port to listen on (default 0: a free port)
  --host H                   address to listen on (default 127.0.0.1)
  --public-key K             public API key to accept (with --private-key)
  --private-key S            private API key to accept (with --public-key)
  --client-id ID             service account client ID to accept (with --client-secret)
  --client-secret S          service account client secret to accept (with --client-id)
  --seed N                   seed for generated data and faults (default 1)
  --snapshots N              snapshots in the default M2AWS cluster (default 30)
  --data FILE                serve this data file instead of generated data
  --latency MS               delay each reply by MS, or by MIN-MAX milliseconds
  --fault-rate R             share of requests that get a fault, 0 to 1 (default 0)
  --fault-kinds LIST         faults to draw from (default ${FAULT_KINDS.join(",")})
  --rate-limit CAP/PER_MIN   token bucket per project (default 4000/2000; "off" for none)
  --no-auth                  accept requests without Digest authentication
  -h, --help                 show this help`;

export type CliCommand =
  | { kind: "help" }
  | { kind: "run"; options: MockServerOptions; dataFile?: string }
  | { kind: "error"; message: string };

class UsageError extends Error {}

const REDACTED = "{PRIVATE-KEY}";

/**
 * Every --private-key value on the command line, found without parseArgs so
 * they are known even when parsing fails. Shorter than 4 characters they are
 * left alone: not real secrets, and replacing them would garble every message.
 */
export function privateKeysIn(argv: readonly string[]): string[] {
  const keys: string[] = [];
  argv.forEach((arg, i) => {
    for (const flag of ["--private-key", "--client-secret"]) {
      if (arg === flag && i + 1 < argv.length) keys.push(argv[i + 1] as string);
      else if (arg.startsWith(`${flag}=`)) keys.push(arg.slice(flag.length + 1));
    }
  });
  return keys.filter((k) => k.length >= 4);
}

/** `text` with each of `keys` replaced: everything the CLI prints goes through this. */
export function redact(text: string, keys: readonly string[]): string {
  return keys.reduce((out, key) => out.split(key).join(REDACTED), text);
}

/** Positionals safe to echo (our own words, not the user's): a subcommand someone may expect. */
const COMMAND_WORDS = new Set(["serve", "start", "run", "help"]);

function integer(flag: string, value: string, min: number, max: number): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= min && n <= max))
    throw new UsageError(`--${flag} must be an integer from ${min} to ${max}; got "${value}".`);
  return n;
}

export function parseCliArgs(argv: readonly string[]): CliCommand {
  try {
    const { values, tokens } = parseArgs({
      args: [...argv],
      strict: true,
      // Positionals are refused below: parseArgs' own message would echo them, and a stray one is often a key.
      allowPositionals: true,
      tokens: true,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "public-key": { type: "string" },
        "private-key": { type: "string" },
        "client-id": { type: "string" },
        "client-secret": { type: "string" },
        seed: { type: "string" },
        snapshots: { type: "string" },
        data: { type: "string" },
        latency: { type: "string" },
        "fault-rate": { type: "string" },
        "fault-kinds": { type: "string" },
        "rate-limit": { type: "string" },
        "no-auth": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
    const positional = tokens.find((t) => t.kind === "positional");
    if (positional) {
      const shown = COMMAND_WORDS.has(positional.value)
        ? ` "${positional.value}" (atlas-mock-server has no subcommands)`
        : values["public-key"] !== undefined && values["private-key"] === undefined
          ? " (not shown; a forgotten --private-key?)"
          : " (not shown, in case it is a key)";
      throw new UsageError(
        `unexpected positional argument #${positional.index + 1}${shown}; flags take the form --name value.`,
      );
    }
    if (values.help) return { kind: "help" };
    const options: MockServerOptions = {};
    if (values.port !== undefined) options.port = integer("port", values.port, 0, 65535);
    if (values.host !== undefined) {
      if (values.host === "") throw new UsageError("--host must not be empty.");
      options.host = values.host;
    }
    const publicKey = values["public-key"];
    const privateKey = values["private-key"];
    if ((publicKey === undefined) !== (privateKey === undefined)) {
      throw new UsageError("--public-key and --private-key go together; give both or neither.");
    }
    if (publicKey !== undefined && privateKey !== undefined) {
      if (!publicKey || !privateKey) throw new UsageError("--public-key and --private-key must not be empty.");
      options.credentials = [{ publicKey, privateKey }];
    }
    const clientId = values["client-id"];
    const clientSecret = values["client-secret"];
    if ((clientId === undefined) !== (clientSecret === undefined)) {
      throw new UsageError("--client-id and --client-secret go together; give both or neither.");
    }
    if (clientId !== undefined && clientSecret !== undefined) {
      if (!clientId || !clientSecret || clientId.includes(":"))
        throw new UsageError("--client-id and --client-secret must not be empty, and --client-id has no ':'.");
      options.serviceAccounts = [{ clientId, clientSecret }];
    }
    if (values.seed !== undefined) options.seed = integer("seed", values.seed, 0, 4_294_967_295);
    if (values.snapshots !== undefined) options.snapshots = integer("snapshots", values.snapshots, 0, 1_000_000);
    if (values.latency !== undefined) {
      const m = /^(\d+)(?:-(\d+))?$/.exec(values.latency);
      const [min, max] = [Number(m?.[1]), Number(m?.[2] ?? m?.[1])];
      if (!m || min > max || max > 600_000) {
        throw new UsageError(`--latency must be milliseconds (0 to 600000) or MIN-MAX; got "${values.latency}".`);
      }
      options.latencyMs = min === max ? min : [min, max];
    }
    const faultRate = values["fault-rate"];
    if (faultRate !== undefined) {
      const rate = /^(0|1|0?\.\d+|1\.0*)$/.test(faultRate) ? Number(faultRate) : Number.NaN;
      if (!(rate >= 0 && rate <= 1))
        throw new UsageError(`--fault-rate must be a number from 0 to 1; got "${faultRate}".`);
      options.faults = { rate };
    }
    const faultKinds = values["fault-kinds"];
    if (faultKinds !== undefined) {
      const kinds = faultKinds.split(",").map((k) => k.trim());
      const unknown = kinds.find((k) => !(FAULT_KINDS as readonly string[]).includes(k));
      if (unknown !== undefined) {
        throw new UsageError(`--fault-kinds takes a list of ${FAULT_KINDS.join(",")}; got "${unknown}".`);
      }
      options.faults = { rate: options.faults?.rate ?? 0, kinds: kinds as FaultKind[] };
    }
    const rateLimit = values["rate-limit"];
    if (rateLimit === "off") {
      options.rateLimit = false;
    } else if (rateLimit !== undefined) {
      const m = /^(\d+)\/(\d+)$/.exec(rateLimit);
      if (!m || Number(m[1]) < 1 || Number(m[1]) > 1e9 || Number(m[2]) > 1e9) {
        throw new UsageError(`--rate-limit must be CAPACITY/PER_MINUTE, e.g. 4000/2000, or off; got "${rateLimit}".`);
      }
      options.rateLimit = { capacity: Number(m[1]), refillPerMinute: Number(m[2]) };
    }
    if (values["no-auth"]) options.auth = "off";
    if (values.data !== undefined && values.data === "") throw new UsageError("--data needs a file name.");
    return values.data === undefined ? { kind: "run", options } : { kind: "run", options, dataFile: values.data };
  } catch (error) {
    // parseArgs throws TypeErrors with codes like ERR_PARSE_ARGS_UNKNOWN_OPTION; both kinds are usage errors.
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      return { kind: "error", message: redact((error as Error).message, privateKeysIn(argv)) };
    }
    throw error;
  }
}

import { AtlasApiError } from "@atlas-snapshots/client";

/**
 * The two APIs that serve a cluster's snapshots: `tenant`, API v1.0's M2/M5
 * endpoints (the reference page's), and `flex`, API v2's Flex cluster backups
 * (their successor since MongoDB migrated M2/M5 clusters to Flex).
 */
export const API_KINDS = ["tenant", "flex"] as const;
export type ApiKind = (typeof API_KINDS)[number];

/** Atlas's code when the cluster (tenant) API is asked about a Flex cluster (recorded). */
export const FLEX_CLUSTER_IN_CLUSTER_API = "CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API";
/** Atlas's code when the Flex API is asked about a cluster that is not a Flex cluster (recorded). */
export const NON_FLEX_CLUSTER_IN_FLEX_API = "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API";

/**
 * The tenant API's replies that mean "this is a Flex cluster: ask the Flex API".
 * Only what a recorded Atlas reply shows (spec/fidelity/recordings/400-CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API.http).
 * Left out on purpose: a 404, which an unknown cluster or a typo gets too (switching
 * would hide it behind a second request), and 410 `VERSION_GONE`, which MongoDB's
 * v1 spec defines for sunset resources but no recording shows on this endpoint.
 * When a recording shows Atlas answering a Flex cluster another way, add a row here.
 */
const FLEX_SIGNALS: readonly { status: number; errorCode: string }[] = [
  { status: 400, errorCode: FLEX_CLUSTER_IN_CLUSTER_API },
];

/** True when the tenant API refused the cluster as a Flex cluster. */
export function saysFlexCluster(error: unknown): boolean {
  return (
    error instanceof AtlasApiError &&
    FLEX_SIGNALS.some((signal) => signal.status === error.status && signal.errorCode === error.errorCode)
  );
}

/** The one line on stderr when discovery moves a cluster to the Flex API. */
export const flexNotice = (clusterName: string) =>
  `${clusterName} is a Flex cluster: using the Flex API (API v2) for it (--api flex skips asking the M2/M5 API first).`;

export interface ApiKindDiscovery {
  /** The API in use: the forced one, the one found, or undefined until the tenant API has answered. */
  readonly kind: ApiKind | undefined;
  /** Runs `call` with the API to use, finding it out on the first call (see discoverApiKind). */
  run<T>(call: (kind: ApiKind) => Promise<T>): Promise<T>;
  /** The same for a stream of items: the switch happens only if the tenant stream fails before its first item. */
  stream<T>(open: (kind: ApiKind) => AsyncIterable<T>): AsyncGenerator<T, void, undefined>;
}

/**
 * Which API serves one cluster, found out rather than guessed: with `forced`,
 * that one and nothing else (a wrong kind gets Atlas's 400 as an error). Otherwise
 * the tenant API first; when it answers with one of the FLEX_SIGNALS, the Flex API
 * from then on (`onFlex` is told once, however many calls follow). Any other error
 * is the caller's, and leaves the question open.
 */
export function discoverApiKind(options: { forced?: ApiKind; onFlex: () => void }): ApiKindDiscovery {
  let kind: ApiKind | undefined = options.forced;
  const toFlex = () => {
    if (kind === "flex") return;
    kind = "flex";
    options.onFlex();
  };
  return {
    get kind() {
      return kind;
    },
    async run(call) {
      if (kind) return call(kind);
      try {
        const result = await call("tenant");
        kind ??= "tenant";
        return result;
      } catch (error) {
        if (!saysFlexCluster(error)) throw error;
        toFlex();
        return call("flex");
      }
    },
    async *stream(open) {
      if (kind) {
        yield* open(kind);
        return;
      }
      let started = false;
      try {
        for await (const item of open("tenant")) {
          started = true;
          kind ??= "tenant";
          yield item;
        }
        kind ??= "tenant";
        return;
      } catch (error) {
        // After the first item the tenant API has spoken for the cluster: a later refusal is an error, not a switch.
        if (started || !saysFlexCluster(error)) throw error;
      }
      toFlex();
      yield* open("flex");
    },
  };
}

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createAtlasClient } from "@atlas-snapshots/client";
import { computeDigestResponse, createDigestFetch } from "@atlas-snapshots/client/digest";
import { type paths, SNAPSHOTS_PATH } from "@atlas-snapshots/types";
import createClient from "openapi-fetch";
import { Bench } from "tinybench";
import { repoRoot } from "../lib/paths.js";
import { formatNs, formatRatio, round, SampleSet } from "../lib/stats.js";
import type { Benchmark, BenchmarkResult } from "../lib/types.js";

const BASE_URL = "http://127.0.0.1:9/api/atlas/v1.0"; // never dialled: every fetch here is a stub
const GROUP_ID = "5e2211c17a3e5a48f5497de3";
const CLUSTER_NAME = "bench-cluster";
const QUERY = { pageNum: 1, itemsPerPage: 100 } as const;
const GOAL = 1.5;

type Stub = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/** A fetch that answers every request with the canned page. */
function okStub(page: string): Stub {
  return async () => new Response(page, { status: 200, headers: { "content-type": "application/json" } });
}

/** A fetch that challenges a request without credentials (once, in practice) and accepts the rest. */
function digestStub(page: string): Stub {
  let challenges = 0;
  return async (input, init) => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    if (!request.headers.has("authorization")) {
      challenges++;
      return new Response(JSON.stringify({ error: 401, errorCode: "NOT_AUTHORIZED" }), {
        status: 401,
        headers: {
          "content-type": "application/json",
          "www-authenticate": `Digest realm="MMS Public API", domain="", nonce="bench-nonce-${challenges}", algorithm=MD5, qop="auth", stale=false`,
        },
      });
    }
    return new Response(page, { status: 200, headers: { "content-type": "application/json" } });
  };
}

/**
 * 4. What one call costs in-process (no network): plain fetch, bare
 * openapi-fetch, openapi-fetch with only our Digest wrapper, and our client
 * (Digest hashing, retry/timeout layer, validation) against a stub that
 * returns the seed's example page. tinybench, in interleaved rounds; the
 * figure per series is the median of the rounds' median latencies.
 */
export const clientOverhead: Benchmark = {
  id: "client-overhead",
  title: "4. Client cost per call",
  async run({ quick, log }): Promise<BenchmarkResult> {
    const page = readFileSync(join(repoRoot, "spec/reference/seed-example-response.json"), "utf8");
    const rounds = quick ? 1 : 7;
    const timeMs = quick ? 150 : 400;

    const plainFetch = okStub(page);
    const bare = createClient<paths>({ baseUrl: BASE_URL, fetch: okStub(page) });
    const digestOnly = createClient<paths>({
      baseUrl: BASE_URL,
      fetch: createDigestFetch({ username: "bench-public", password: "bench-private", fetch: digestStub(page) }),
    });
    const ours = createAtlasClient({
      publicKey: "bench-public",
      privateKey: "bench-private",
      baseUrl: BASE_URL,
      fetch: digestStub(page),
    });
    const params = { path: { groupId: GROUP_ID, clusterName: CLUSTER_NAME }, query: QUERY };
    const tasks: Record<string, () => Promise<unknown>> = {
      plainFetch: async () => {
        const query = new URLSearchParams({ pageNum: String(QUERY.pageNum), itemsPerPage: String(QUERY.itemsPerPage) });
        const url = `${BASE_URL}/groups/${encodeURIComponent(GROUP_ID)}/clusters/${encodeURIComponent(CLUSTER_NAME)}/backup/tenant/snapshots?${query}`;
        const response = await plainFetch(url);
        if (!response.ok) throw new Error(`status ${response.status}`);
        return response.json();
      },
      openapiFetch: async () => {
        const { data, error } = await bare.GET(SNAPSHOTS_PATH, { params });
        if (error !== undefined || data === undefined) throw new Error("openapi-fetch returned an error");
        return data;
      },
      openapiFetchWithOurDigest: async () => {
        const { data, error } = await digestOnly.GET(SNAPSHOTS_PATH, { params });
        if (error !== undefined || data === undefined) throw new Error("openapi-fetch + digest returned an error");
        return data;
      },
      ours: () => ours.listTenantSnapshots({ groupId: GROUP_ID, clusterName: CLUSTER_NAME, ...QUERY }),
    };
    // One call each before timing: the Digest stubs challenge the first and accept the rest.
    for (const task of Object.values(tasks)) await task();

    const samples = new SampleSet();
    for (let pass = 0; pass < rounds; pass++) {
      const bench = new Bench({ time: timeMs, warmupTime: quick ? 50 : 150, throws: true });
      // Rotate the order each round so no series always runs first (or last) on a warming JIT.
      const names = Object.keys(tasks);
      for (let i = 0; i < names.length; i++) {
        const name = names[(i + pass) % names.length] as string;
        bench.add(name, tasks[name] as () => Promise<unknown>);
      }
      await bench.run();
      for (const task of bench.tasks) {
        const result = task.result;
        if (result.state !== "completed") throw new Error(`tinybench task ${task.name}: ${result.state}`);
        samples.add(`${task.name}.nsPerOp`, result.latency.p50 * 1e6);
      }
      log(`  round ${pass + 1}/${rounds}: ours ${formatNs(samples.last("ours.nsPerOp") ?? 0)}`);
    }
    const parts = await measureParts(quick);

    const med = (name: string) => samples.median(`${name}.nsPerOp`);
    const perRound = (a: string, b: string) => samples.medianRatio(`${a}.nsPerOp`, `${b}.nsPerOp`);
    const ratios = {
      oursToOpenapiFetch: perRound("ours", "openapiFetch"),
      oursToPlainFetch: perRound("ours", "plainFetch"),
      openapiFetchWithOurDigestToOpenapiFetch: perRound("openapiFetchWithOurDigest", "openapiFetch"),
    };
    const medians = {
      plainFetchNs: round(med("plainFetch"), 0),
      openapiFetchNs: round(med("openapiFetch"), 0),
      openapiFetchWithOurDigestNs: round(med("openapiFetchWithOurDigest"), 0),
      oursNs: round(med("ours"), 0),
    };
    const met = ratios.oursToOpenapiFetch <= GOAL;
    const digestShare = medians.openapiFetchWithOurDigestNs - medians.openapiFetchNs;
    const layersShare = medians.oursNs - medians.openapiFetchWithOurDigestNs;
    const rows: BenchmarkResult["rows"] = [
      {
        benchmark: this.title,
        metric: "time per call, Digest active (median)",
        goal: `≤ ${GOAL}x bare openapi-fetch`,
        ours: formatNs(medians.oursNs),
        alternative: `bare openapi-fetch: ${formatNs(medians.openapiFetchNs)}`,
        ratio: formatRatio(ratios.oursToOpenapiFetch),
        met,
      },
      {
        benchmark: this.title,
        metric: "time per call, Digest active (median)",
        goal: "(for scale)",
        ours: formatNs(medians.oursNs),
        alternative: `plain fetch + JSON: ${formatNs(medians.plainFetchNs)}`,
        ratio: formatRatio(ratios.oursToPlainFetch),
        met: undefined,
      },
    ];
    const partsText =
      `one \`new Request\` ${formatNs(parts.newRequestNs)}, one \`AbortSignal.any\` ${formatNs(parts.abortSignalAnyNs)}, ` +
      `one Digest \`response\` from scratch (three MD5s via @noble/hashes) ${formatNs(parts.digestResponseNs)}, ` +
      `the same with node:crypto ${formatNs(parts.digestResponseNodeCryptoNs)}`;
    const notes = [
      `Client cost split (medians): bare openapi-fetch ${formatNs(medians.openapiFetchNs)}; our Digest wrapper adds ` +
        `${formatNs(digestShare)}; the retry/timeout, envelope and validation layers add ${formatNs(layersShare)}. ` +
        `Building blocks on this machine: ${partsText}.`,
    ];
    const unmet = met
      ? []
      : [
          `**Client cost per call**: ${formatNs(medians.oursNs)} against ${formatNs(medians.openapiFetchNs)} for bare ` +
            `openapi-fetch (${formatRatio(ratios.oursToOpenapiFetch)}, goal ≤ ${GOAL}x). Of the ` +
            `${formatNs(medians.oursNs - medians.openapiFetchNs)} extra, the Digest wrapper takes ${formatNs(digestShare)} ` +
            `and the retry/timeout, envelope and validation layers ${formatNs(layersShare)}; here ${partsText}. ` +
            "The client already builds one `Request` per attempt, keeps `AbortSignal.any` off the call path and hashes " +
            "H(user:realm:password) once per challenge (two MD5s per call). What remains, measured by removing parts one " +
            "at a time (packages/client/README.md): reading the body into a new Response so that the timeout covers it and " +
            "a reset mid-body is retried, the attempt's Request and its AbortSignal (Node 20 pays about 3.5 µs for each " +
            "signal), two MD5s, and async hops. Reaching 1.5x would mean dropping one of those features; against Atlas " +
            "(tens of milliseconds per round trip) the gap is well under 1% of a call.",
        ];
    return {
      id: this.id,
      title: this.title,
      settings: {
        rounds,
        timePerTaskMs: timeMs,
        page: "spec/reference/seed-example-response.json",
        statistic: "tinybench p50 latency per round, median over rounds",
      },
      samples: Object.fromEntries(Object.entries(samples.series).map(([k, v]) => [k, v.map((x) => round(x, 0))])),
      medians: {
        ...medians,
        ...Object.fromEntries(Object.entries(parts).map(([k, v]) => [`parts.${k}`, round(v, 0)])),
      },
      ratios: Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, round(v)])),
      rows,
      notes,
      unmet,
    };
  },
};

/** What the building blocks of a call cost here, to explain the gap (ns per op, tinybench p50). */
interface Parts {
  newRequestNs: number;
  abortSignalAnyNs: number;
  digestResponseNs: number;
  digestResponseNodeCryptoNs: number;
}

async function measureParts(quick: boolean): Promise<Parts> {
  const url = `${BASE_URL}/groups/${GROUP_ID}/clusters/${CLUSTER_NAME}/backup/tenant/snapshots?pageNum=1&itemsPerPage=100`;
  const input = {
    username: "bench-public",
    password: "bench-private",
    realm: "MMS Public API",
    nonce: "bench-nonce",
    method: "GET",
    uri: new URL(url).pathname,
    qop: "auth" as const,
    nc: "00000001",
    cnonce: "0123456789abcdef0123456789abcdef",
  };
  const md5 = (text: string) => createHash("md5").update(text).digest("hex");
  const bench = new Bench({ time: quick ? 50 : 200, warmupTime: quick ? 20 : 50, throws: true });
  bench
    .add("newRequestNs", () => new Request(url))
    .add("abortSignalAnyNs", () => AbortSignal.any([new AbortController().signal, new AbortController().signal]))
    .add("digestResponseNs", () => computeDigestResponse(input))
    .add("digestResponseNodeCryptoNs", () => {
      const ha1 = md5(`${input.username}:${input.realm}:${input.password}`);
      const ha2 = md5(`${input.method}:${input.uri}`);
      return md5(`${ha1}:${input.nonce}:${input.nc}:${input.cnonce}:${input.qop}:${ha2}`);
    });
  await bench.run();
  const parts: Record<string, number> = {};
  for (const task of bench.tasks) {
    if (task.result.state !== "completed") throw new Error(`tinybench task ${task.name}: ${task.result.state}`);
    parts[task.name] = task.result.latency.p50 * 1e6;
  }
  return parts as unknown as Parts;
}

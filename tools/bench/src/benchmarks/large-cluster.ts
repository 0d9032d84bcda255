import { createAtlasClient } from "@atlas-snapshots/client";
import { startMockServer } from "@atlas-snapshots/mock/server";
import type { TenantSnapshotPage } from "@atlas-snapshots/types";
import { getWithChallengeEveryCall } from "../lib/challenge-every-call.js";
import { BENCH_CREDENTIALS, CLUSTER_NAME, GROUP_ID, SNAPSHOTS_PATH } from "../lib/mock-target.js";
import { formatMs, formatRatio, round, SampleSet } from "../lib/stats.js";
import { ATLAS_BUCKET, replayTokenBucket } from "../lib/token-bucket.js";
import type { Benchmark, BenchmarkResult } from "../lib/types.js";

const ITEMS_PER_PAGE = 500;
const LATENCY_MS = 50;
/** At least 5x faster: at most a fifth of the walk's time. */
const GOAL = 0.2;

/**
 * 2. Listing a large cluster: every snapshot of one cluster through
 * `iterateTenantSnapshots` (default concurrency) against a sequential
 * `rel=next` walk that answers a fresh challenge on every page. The mock
 * enforces Atlas's token bucket; the request times in its log are replayed
 * against the same bucket to show the peak rate stays inside it.
 */
export const largeCluster: Benchmark = {
  id: "large-cluster",
  title: "2. Large cluster",
  async run({ quick, log }): Promise<BenchmarkResult> {
    // Quick mode keeps the sizes (a few seconds) and runs once.
    const snapshots = 10_000;
    const reps = quick ? 1 : 3;
    const pages = Math.ceil(snapshots / ITEMS_PER_PAGE);
    const server = await startMockServer({
      latencyMs: LATENCY_MS,
      credentials: [BENCH_CREDENTIALS],
      snapshots,
      requestLogSize: 20 * pages,
      // Atlas's own bucket (the mock's default), stated so the benchmark says what it checks.
      rateLimit: { capacity: ATLAS_BUCKET.capacity, refillPerMinute: ATLAS_BUCKET.refillPerMinute },
    });
    try {
      const credentials = { username: BENCH_CREDENTIALS.publicKey, password: BENCH_CREDENTIALS.privateKey };
      const firstPage = `${server.url}${SNAPSHOTS_PATH}?itemsPerPage=${ITEMS_PER_PAGE}&pageNum=1`;

      const iterate = async (concurrency?: number) => {
        const client = createAtlasClient({ ...BENCH_CREDENTIALS, baseUrl: server.url });
        let count = 0;
        for await (const _ of client.iterateTenantSnapshots({
          groupId: GROUP_ID,
          clusterName: CLUSTER_NAME,
          itemsPerPage: ITEMS_PER_PAGE,
          concurrency,
        })) {
          count++;
        }
        return count;
      };
      const contenders = {
        ours: () => iterate(),
        // Not the goal's figure: what a higher default would give, to say what would close the gap.
        oursConcurrency8: () => iterate(8),
        walk: async () => {
          let count = 0;
          let url: string | undefined = firstPage;
          for (let page = 0; url && page <= pages + 1; page++) {
            const response = await getWithChallengeEveryCall(url, credentials);
            if (response.status !== 200) throw new Error(`walk: ${url} answered ${response.status}`);
            const body = (await response.json()) as TenantSnapshotPage;
            count += body.results?.length ?? 0;
            url = body.links?.find((link) => link.rel === "next")?.href;
          }
          return count;
        },
      };
      // Warm-up on a small page count: connections and JIT, not the timed data.
      await getWithChallengeEveryCall(firstPage, credentials).then((r) => r.arrayBuffer());

      const samples = new SampleSet();
      let oursTimes: number[] = [];
      let inFlight = 0;
      let challenges = 0;
      let beyondLast = 0;
      let limited = 0;
      const names = Object.keys(contenders) as (keyof typeof contenders)[];
      for (let rep = 0; rep < reps; rep++) {
        for (let i = 0; i < names.length; i++) {
          const name = names[(i + rep) % names.length] as keyof typeof contenders;
          server.mock.requests.clear();
          server.mock.reset(); // full bucket for every run, as a fresh project would have
          const started = performance.now();
          const count = await contenders[name]();
          const ms = performance.now() - started;
          if (count !== snapshots) throw new Error(`${name}: listed ${count} snapshots, expected ${snapshots}`);
          const logged = server.mock.requests.list();
          limited += logged.filter((entry) => entry.status === 429).length;
          samples.add(`${name}.ms`, round(ms, 1));
          samples.add(`${name}.requests`, logged.length);
          if (name === "ours") {
            oursTimes = logged.map((entry) => entry.timestamp);
            inFlight = Math.max(inFlight, peakInFlight(logged));
            challenges = logged.filter((entry) => entry.status === 401).length;
            beyondLast = logged.filter(
              (entry) => Number(new URL(entry.url).searchParams.get("pageNum")) > pages,
            ).length;
          }
        }
        log(
          `  rep ${rep + 1}/${reps}: ${names.map((n) => `${n} ${formatMs(samples.last(`${n}.ms`) ?? 0)}`).join(", ")}`,
        );
      }

      const oursMs = samples.median("ours.ms");
      const walkMs = samples.median("walk.ms");
      const ratio = samples.medianRatio("ours.ms", "walk.ms");
      const oursRequests = samples.median("ours.requests");
      const walkRequests = samples.median("walk.requests");
      const concurrency8Ms = samples.median("oursConcurrency8.ms");
      const concurrency8Ratio = samples.medianRatio("oursConcurrency8.ms", "walk.ms");
      const bucket = replayTokenBucket(oursTimes);
      const inside = bucket.rejected === 0 && limited === 0;
      const rows: BenchmarkResult["rows"] = [
        {
          benchmark: this.title,
          metric: `list ${snapshots.toLocaleString("en")} snapshots, ${ITEMS_PER_PAGE}/page, ${LATENCY_MS} ms latency`,
          goal: `≤ ${GOAL}x (≥ ${1 / GOAL}x faster), default concurrency`,
          ours: formatMs(oursMs),
          alternative: `sequential rel=next walk, challenge per page: ${formatMs(walkMs)}`,
          ratio: `${formatRatio(ratio)} (${(1 / ratio).toFixed(1)}x faster)`,
          met: ratio <= GOAL,
        },
        {
          benchmark: this.title,
          metric: "HTTP requests for the listing",
          goal: "(for scale)",
          ours: String(oursRequests),
          alternative: `walk: ${walkRequests}`,
          ratio: formatRatio(oursRequests / walkRequests),
          met: undefined,
        },
        {
          benchmark: this.title,
          metric: "Atlas token bucket (4000, +2000/min)",
          goal: "no 429, bucket never empty",
          ours:
            `peak ${bucket.peakPerMinuteWindow} req in a 60 s window ` +
            `(${Math.round(bucket.peakRatePerMinute).toLocaleString("en")}/min in its busiest second); ` +
            `${Math.floor(bucket.minTokens)} tokens left at least; ${limited} × 429`,
          alternative: `limit: ${ATLAS_BUCKET.capacity} burst, ${ATLAS_BUCKET.refillPerMinute}/min sustained`,
          ratio: formatRatio(bucket.peakPerMinuteWindow / ATLAS_BUCKET.capacity),
          met: inside,
        },
      ];
      const unmet: string[] = [];
      if (ratio > GOAL) {
        const roundTrips = 1 + challenges + Math.ceil((pages - 1) / Math.max(1, inFlight)) + beyondLast;
        unmet.push(
          `**Large cluster**: ${formatMs(oursMs)} against ${formatMs(walkMs)} for the walk, ${(1 / ratio).toFixed(1)}x faster ` +
            `(goal ≥ ${1 / GOAL}x). At ${LATENCY_MS} ms per round trip the walk needs ${2 * pages} sequential round trips; ` +
            `the client needs about ${roundTrips}: ${challenges} challenge, page 1 (for the count), ` +
            `${Math.ceil((pages - 1) / Math.max(1, inFlight))} rounds of ${inFlight} pages` +
            (beyondLast > 0
              ? `, and ${beyondLast} more for a page past the last (page ${pages} is full and the client does not take its ` +
                "missing `next` link as the end, so it asks for an empty page after it)"
              : "") +
            `. Measured in the same run, \`concurrency: 8\` lists them in ${formatMs(concurrency8Ms)} ` +
            `(${(1 / concurrency8Ratio).toFixed(1)}x faster than the walk). What would close it: a higher default ` +
            "concurrency; a whole listing costs well under 1% of the bucket.",
        );
      }
      if (!inside) {
        unmet.push(
          `**Rate limit**: the listing met ${limited} × 429 from the mock's Atlas bucket, or the replay found the bucket empty ` +
            `${bucket.rejected} times. Lower the concurrency or honour RateLimit-Remaining before scheduling more pages.`,
        );
      }
      return {
        id: this.id,
        title: this.title,
        settings: {
          snapshots,
          itemsPerPage: ITEMS_PER_PAGE,
          pages,
          latencyMs: LATENCY_MS,
          reps,
          concurrency: "client default",
          bucket: ATLAS_BUCKET,
        },
        samples: { ...samples.series, "ours.lastRunRequestTimesMs": oursTimes.map((t) => t - (oursTimes[0] ?? 0)) },
        medians: {
          oursMs: round(oursMs, 1),
          walkMs: round(walkMs, 1),
          oursRequests,
          walkRequests,
          oursConcurrency8Ms: round(concurrency8Ms, 1),
          oursPeakInFlight: inFlight,
          oursChallenges: challenges,
          oursPagesPastTheLast: beyondLast,
        },
        ratios: {
          oursToWalk: round(ratio),
          requestsOursToWalk: round(oursRequests / walkRequests),
          oursConcurrency8ToWalk: round(concurrency8Ratio),
        },
        rows,
        notes: [
          `Large cluster: a whole listing costs ${oursRequests} requests (${pages} pages, ${challenges} challenge` +
            `${beyondLast > 0 ? `, ${beyondLast} empty page past the last` : ""}) out of a ` +
            `${ATLAS_BUCKET.capacity}-token bucket; at least ${Math.floor(bucket.minTokens)} tokens were left. At its busiest second the ` +
            `client ran at ${Math.round(bucket.peakRatePerMinute).toLocaleString("en")} requests/min with up to ${inFlight} requests ` +
            `in flight (the mock's log); the bucket's burst capacity absorbs that, and its ${ATLAS_BUCKET.refillPerMinute}/min ` +
            `refill alone would sustain about ${Math.floor(ATLAS_BUCKET.refillPerMinute / oursRequests)} such listings a minute.`,
        ],
        unmet,
      };
    } finally {
      await server.close();
    }
  },
};

/** Most requests the mock was answering at once, from arrival times and durations in its log. */
function peakInFlight(entries: readonly { timestamp: number; durationMs: number }[]): number {
  const events = entries.flatMap((e) => [
    [e.timestamp, 1],
    [e.timestamp + e.durationMs, -1],
  ]);
  events.sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number));
  let current = 0;
  let peak = 0;
  for (const [, delta] of events) {
    current += delta as number;
    peak = Math.max(peak, current);
  }
  return peak;
}

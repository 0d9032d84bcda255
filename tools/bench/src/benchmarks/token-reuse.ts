import { createAtlasClient, type FetchLike } from "@atlas-snapshots/client";
import { DEFAULT_GROUP_ID } from "@atlas-snapshots/mock";
import { startMockServer } from "@atlas-snapshots/mock/server";
import type { Benchmark, BenchmarkResult } from "../lib/types.js";

/** A service account the benchmark's mock server accepts; it unlocks nothing but the mock. */
const BENCH_ACCOUNT = { clientId: "mdb_sa_id_bench", clientSecret: "mdb_sa_sk_bench-not-a-secret" } as const;
const FLEX_CLUSTER = "FlexAWS";
const TOKEN_PATH = "/api/oauth/token";
/** Calls in flight at once: the first wave is cold, so one token request must serve all of them. */
const WAVE = 25;

interface Run {
  tokenRequests: number;
  apiCalls: number;
  refusedCalls: number;
}

/**
 * 6. Token reuse with a service account: 1,000 calls of the Flex listing (25 at
 * a time, the first wave cold) by one client against the mock server's token
 * endpoint, counting token requests in the mock's request log; then the same
 * with the token revoked halfway, which must cost one more token request and
 * no failed call. A client that asked for a token per call would pay 1,000.
 */
export const tokenReuse: Benchmark = {
  id: "token-reuse",
  title: "6. Service-account token reuse",
  async run({ quick, log }): Promise<BenchmarkResult> {
    const calls = quick ? 200 : 1000;
    const server = await startMockServer({
      serviceAccounts: [BENCH_ACCOUNT],
      rateLimit: false,
      requestLogSize: 4 * calls,
    });
    try {
      const once = async (revokeAt?: number): Promise<Run> => {
        let token: string | undefined;
        // Reads the token the mock issued (a copy of the reply), so that it can be revoked.
        const fetch: FetchLike = async (input, init) => {
          const response = await globalThis.fetch(input, init);
          if (new URL(response.url).pathname === TOKEN_PATH && response.ok) {
            token = ((await response.clone().json()) as { access_token?: string }).access_token;
          }
          return response;
        };
        const atlas = createAtlasClient({ ...BENCH_ACCOUNT, baseUrl: server.url, fetch });
        server.mock.requests.clear();
        for (let done = 0; done < calls; done += WAVE) {
          if (revokeAt !== undefined && done === revokeAt && token) server.mock.revokeToken(token);
          const wave = Array.from({ length: Math.min(WAVE, calls - done) }, () =>
            atlas.listFlexSnapshots({ groupId: DEFAULT_GROUP_ID, name: FLEX_CLUSTER, itemsPerPage: 1 }),
          );
          await Promise.all(wave);
        }
        const logged = server.mock.requests.list();
        const isToken = (url: string) => new URL(url).pathname === TOKEN_PATH;
        return {
          tokenRequests: logged.filter((e) => isToken(e.url)).length,
          apiCalls: logged.filter((e) => !isToken(e.url) && e.status === 200).length,
          refusedCalls: logged.filter((e) => !isToken(e.url) && e.status === 401).length,
        };
      };
      const plain = await once();
      const revoked = await once(Math.floor(calls / 2 / WAVE) * WAVE);
      for (const [name, run] of [
        ["plain", plain],
        ["revoked", revoked],
      ] as const) {
        if (run.apiCalls !== calls) throw new Error(`${name}: the mock logged ${run.apiCalls} 200s for ${calls} calls`);
      }
      log(`  ${plain.tokenRequests} token request(s); revoked halfway: ${revoked.tokenRequests}`);
      const per1000 = (n: number) => (n * 1000) / calls;
      const rows: BenchmarkResult["rows"] = [
        {
          benchmark: this.title,
          metric: `token requests per 1,000 calls (${calls} Flex listings, ${WAVE} at a time, mock's log)`,
          goal: "1 (one per token lifetime)",
          ours: String(per1000(plain.tokenRequests)),
          alternative: "a token per call: 1000",
          ratio: (per1000(plain.tokenRequests) / 1000).toFixed(3),
          met: plain.tokenRequests === 1,
        },
        {
          benchmark: this.title,
          metric: "token requests, token revoked halfway (calls refused, then renewed once)",
          goal: "2, no failed call",
          ours: `${revoked.tokenRequests} (${revoked.refusedCalls} refused and sent again)`,
          alternative: "",
          ratio: "",
          met: revoked.tokenRequests === 2,
        },
      ];
      const unmet: string[] = [];
      if (plain.tokenRequests !== 1) {
        unmet.push(
          `**Token reuse**: ${plain.tokenRequests} token requests for ${calls} calls; the client should ask once ` +
            "however many calls run at once and reuse the token until shortly before it expires.",
        );
      }
      if (revoked.tokenRequests !== 2) {
        unmet.push(
          `**Token renewal**: ${revoked.tokenRequests} token requests with the token revoked halfway; a 401 on a ` +
            "token the client holds should renew it once for every call waiting on it.",
        );
      }
      return {
        id: this.id,
        title: this.title,
        settings: { calls, wave: WAVE, cluster: FLEX_CLUSTER, operation: "listFlexBackupSnapshots" },
        samples: {},
        medians: { tokenRequests: plain.tokenRequests, tokenRequestsRevoked: revoked.tokenRequests },
        ratios: { tokenRequestsPerCall: plain.tokenRequests / calls },
        rows,
        notes: [
          `Service accounts: ${calls} Flex listings by one client cost ${plain.tokenRequests} token request(s); ` +
            `with the token revoked halfway, ${revoked.tokenRequests} (${revoked.refusedCalls} calls were refused ` +
            "once and sent again with the new token).",
        ],
        unmet,
      };
    } finally {
      await server.close();
    }
  },
};

import type { TenantSnapshot } from "@atlas-snapshots/types";

export const GROUP_ID = "5b69d0349b15c62cdfc38b78";
export const CLUSTER = "M2AWS";
export const BASE_URL = "https://atlas.test/api/atlas/v1.0";
export const SNAPSHOTS_URL = `${BASE_URL}/groups/${GROUP_ID}/clusters/${CLUSTER}/backup/tenant/snapshots`;

export function makeSnapshots(count: number): TenantSnapshot[] {
  return Array.from({ length: count }, (_, i) => ({
    id: (0x5cc310ace5dc7ce369810000n + BigInt(i)).toString(16).padStart(24, "0"),
    status: "COMPLETED",
    mongoDBVersion: "4.2.7",
    scheduledTime: new Date(Date.UTC(2024, 0, 1) - i * 86_400_000).toISOString().replace(".000", ""),
  }));
}

export interface PageServerOptions {
  /** What `totalCount` says (an estimate); default the true count. */
  reportedCount?: number;
  /** Leave `totalCount` out even when asked for it. */
  omitCount?: boolean;
  /** Send `self`/`next` links (default), none (`false`), or these for every page. */
  links?: boolean | { rel: string; href: string }[];
  /** Milliseconds each page takes. */
  delayMs?: number;
  /** Change the data between requests (e.g. to create duplicates). */
  mutate?: (pageNum: number, data: TenantSnapshot[]) => TenantSnapshot[];
}

/** A paging server over `data` that records the query of every request and the peak of concurrent requests. */
export function createPageServer(data: TenantSnapshot[], options: PageServerOptions = {}) {
  const state = { queries: [] as URLSearchParams[], inFlight: 0, maxInFlight: 0 };
  async function fetch(input: Request | string | URL, init?: RequestInit): Promise<Response> {
    const request = new Request(input, init);
    const url = new URL(request.url);
    state.queries.push(url.searchParams);
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    try {
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      const pageNum = Number(url.searchParams.get("pageNum") ?? 1);
      const itemsPerPage = Number(url.searchParams.get("itemsPerPage") ?? 100);
      const includeCount = url.searchParams.get("includeCount") !== "false";
      const rows = options.mutate ? options.mutate(pageNum, data) : data;
      const results = rows.slice((pageNum - 1) * itemsPerPage, pageNum * itemsPerPage);
      const link = (n: number) => {
        const u = new URL(url);
        u.searchParams.set("pageNum", String(n));
        return u.href;
      };
      const links =
        options.links === false
          ? undefined
          : Array.isArray(options.links)
            ? options.links
            : [
                { href: url.href, rel: "self" },
                ...(pageNum * itemsPerPage < rows.length ? [{ href: link(pageNum + 1), rel: "next" }] : []),
              ];
      const totalCount = includeCount && !options.omitCount ? (options.reportedCount ?? rows.length) : undefined;
      return Response.json({ links, results, totalCount });
    } finally {
      state.inFlight--;
    }
  }
  return { fetch, state };
}

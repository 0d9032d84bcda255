/** One page of any paged operation of the spec (the operation table's `paged`): items with an id, links, a count. */
export interface Page<Item extends { id: string }> {
  results?: Item[];
  links?: unknown;
  totalCount?: number;
}

/** Loads one page; `includeCount` is true for page 1 only. */
export type PageLoader<Item extends { id: string }> = (
  pageNum: number,
  includeCount: boolean,
  signal: AbortSignal,
) => Promise<Page<Item>>;

export interface PaginateOptions {
  itemsPerPage: number;
  concurrency: number;
  signal?: AbortSignal;
}

/**
 * Yields every item of a paged operation once, in page order. Page 1 asks for the count; the
 * pages the count promises are then fetched up to `concurrency` at a time,
 * without the count (counting makes deep pages slow). The count may be an
 * estimate: past it, pages are fetched one by one while more may follow (see
 * `hasMore`). The first page that says none follows ends it, and pages fetched
 * beyond it are cancelled. A later page that brings no new snapshot also ends
 * it: a server repeating itself must not loop us forever.
 */
export async function* paginate<Item extends { id: string }>(
  load: PageLoader<Item>,
  options: PaginateOptions,
): AsyncGenerator<Item> {
  const { itemsPerPage, concurrency } = options;
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const pending = new Map<number, Promise<Page<Item>>>();
  const seen = new Set<string>();
  let scheduled = 1;
  const schedule = () => {
    const pageNum = ++scheduled;
    const page = load(pageNum, false, signal);
    page.catch(() => {}); // awaited later; avoid an unhandled rejection if we stop first
    pending.set(pageNum, page);
  };

  try {
    let page = await load(1, true, signal);
    const promised = typeof page.totalCount === "number" ? Math.ceil(page.totalCount / itemsPerPage) : 1;
    for (let pageNum = 1; ; pageNum++) {
      let added = 0;
      for (const snapshot of page.results ?? []) {
        if (seen.has(snapshot.id)) continue;
        seen.add(snapshot.id);
        added++;
        yield snapshot;
      }
      if (!hasMore(page, itemsPerPage) || (pageNum > 1 && added === 0)) return;
      while (scheduled < promised && pending.size < concurrency) schedule();
      if (scheduled <= pageNum) schedule();
      const next = pending.get(pageNum + 1) as Promise<Page<Item>>;
      pending.delete(pageNum + 1);
      page = await next;
    }
  } finally {
    stop.abort();
  }
}

/**
 * Atlas sends `next` whenever another page follows, so a page with links but
 * no `next` is the last even when full: no empty page is asked for after it.
 * A server that sends no links at all is only trusted to stop at a short page.
 */
function hasMore(page: Page<{ id: string }>, itemsPerPage: number): boolean {
  const count = page.results?.length ?? 0;
  // findPageProblem does not check links: anything but an array counts as none.
  const links: unknown[] = Array.isArray(page.links) ? page.links : [];
  const next = links.some((link) => (link as { rel?: unknown } | null)?.rel === "next");
  return count > 0 && (next || (count >= itemsPerPage && links.length === 0));
}

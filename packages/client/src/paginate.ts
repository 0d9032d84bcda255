import { loadErrors } from "./lazy-errors.js";

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
 * beyond it are cancelled.
 *
 * The server's promises are held to (AtlasIncompleteListingError otherwise,
 * never a shorter list): a page that `next` linked to must bring a snapshot,
 * no page after the first may bring only snapshots already received (a server
 * ignoring pageNum, which would also loop us forever), and the listing may end
 * short of `totalCount` only on the last page the count promises, which leaves
 * room for an estimate and for snapshots that expire while we list.
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
    const totalCount = typeof page.totalCount === "number" ? page.totalCount : undefined;
    const promised = totalCount === undefined ? 1 : Math.ceil(totalCount / itemsPerPage);
    const incomplete = async (pageNum: number, problem: string) => {
      const received = seen.size;
      return new (await loadErrors()).AtlasIncompleteListingError(pageNum, received, totalCount, problem);
    };
    let linkedHere = false; // the previous page linked to this one with `next`
    for (let pageNum = 1; ; pageNum++) {
      const results = page.results ?? [];
      let added = 0;
      for (const snapshot of results) {
        if (seen.has(snapshot.id)) continue;
        seen.add(snapshot.id);
        added++;
        yield snapshot;
      }
      if (pageNum > 1 && results.length > 0 && added === 0) {
        throw await incomplete(
          pageNum,
          `page ${pageNum} only repeated snapshots of earlier pages (is pageNum ignored?)`,
        );
      }
      if (results.length === 0 && linkedHere) {
        throw await incomplete(pageNum, `page ${pageNum} came back empty although page ${pageNum - 1} linked to it`);
      }
      if (!hasMore(page, itemsPerPage)) {
        if (pageNum < promised) {
          throw await incomplete(
            pageNum,
            `the pages ended at page ${pageNum} although totalCount (${totalCount}) promised ${promised} pages of ${itemsPerPage}`,
          );
        }
        return;
      }
      linkedHere = hasNext(page);
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

// findPageProblem does not check links: anything but an array counts as none.
const linksOf = (page: Page<{ id: string }>): unknown[] => (Array.isArray(page.links) ? page.links : []);
const hasNext = (page: Page<{ id: string }>) =>
  linksOf(page).some((link) => (link as { rel?: unknown } | null)?.rel === "next");

/**
 * Atlas sends `next` whenever another page follows, so a page with links but
 * no `next` is the last even when full: no empty page is asked for after it.
 * A server that sends no links at all is only trusted to stop at a short page.
 */
function hasMore(page: Page<{ id: string }>, itemsPerPage: number): boolean {
  const count = page.results?.length ?? 0;
  return count > 0 && (hasNext(page) || (count >= itemsPerPage && linksOf(page).length === 0));
}

import { AtlasError } from "./atlas-error.js";

/**
 * A listing whose pages broke the server's own promises: a page that `next`
 * linked to came back empty or only repeated snapshots already received (a
 * server that ignores pageNum), or the pages ended a whole page or more short
 * of `totalCount`. What arrived is not returned as if it were complete.
 */
export class AtlasIncompleteListingError extends AtlasError {
  override name = "AtlasIncompleteListingError";
  constructor(
    /** The page where the promise broke (1-based). */
    readonly pageNum: number,
    /** Distinct snapshots received before the listing was abandoned. */
    readonly received: number,
    /** `totalCount` from page 1, when it was sent. */
    readonly totalCount: number | undefined,
    /** What was promised and what arrived, in words. */
    readonly problem: string,
  ) {
    super(
      `The snapshot listing is incomplete: ${problem}; ${received} snapshots arrived` +
        `${totalCount === undefined ? "" : ` of the ${totalCount} that totalCount promised`}. ` +
        "The server (or a proxy in front of it) is not paging correctly; run again, or list one page at a time",
    );
  }
}

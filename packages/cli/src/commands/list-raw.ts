import type { Connection } from "../open-connection.js";
import { type ListOptions, pageSize } from "../resolve-options.js";
import type { Terminal } from "../terminal.js";

/** `-o json-raw`: one page exactly as Atlas sent it (results, totalCount, links), pretty-printed; either API's. */
export async function printRawPage(connection: Connection, options: ListOptions, terminal: Terminal): Promise<void> {
  const { pageNum = 1 } = options;
  const page = await connection.cluster.page({
    pageNum,
    itemsPerPage: pageSize(options),
    includeCount: true,
  });
  await terminal.out(`${JSON.stringify(page, null, 2)}\n`);
}

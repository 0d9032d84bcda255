/**
 * What keeps a parsed 200 body from being a page of snapshots, or undefined
 * when it is one. Only what paging relies on is checked: `results` is an
 * array of objects with a string `id`. Everything else, unknown fields and
 * status values included, passes through (docs/decisions/0002).
 */
export function findPageProblem(body: unknown): string | undefined {
  const results = typeof body === "object" && body !== null ? (body as { results?: unknown }).results : undefined;
  if (!Array.isArray(results)) return "its body has no `results` array";
  const index = results.findIndex(
    (item) => typeof item !== "object" || item === null || typeof (item as { id?: unknown }).id !== "string",
  );
  return index === -1 ? undefined : `results[${index}] is not a snapshot with a string \`id\``;
}

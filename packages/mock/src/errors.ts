// Errors the mock throws at its users (never at HTTP clients: those get Atlas bodies).

/** A data file or data object that does not fit the format; `path` points at the first problem. */
export class MockDataError extends Error {
  override readonly name = "MockDataError";
  constructor(
    /** JSON path of the first problem, e.g. `groups[0].clusters[1].snapshots[3].status`. */
    readonly path: string,
    /** What is wrong there. */
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}

/** A store call that cannot be done (unknown cluster, invalid snapshot...). */
export class MockStoreError extends Error {
  override readonly name = "MockStoreError";
}

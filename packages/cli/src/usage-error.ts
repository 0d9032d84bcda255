/**
 * Bad command-line input: exit 2. `showUsage` adds the command's usage line,
 * which helps for flags but not for, say, a missing environment variable.
 */
export class UsageError extends Error {
  override name = "UsageError";
  constructor(
    message: string,
    readonly showUsage = true,
  ) {
    super(message);
  }
}

import { AtlasValidationError } from "@atlas-snapshots/client";

/**
 * Bad command-line input: exit 2. The client's AtlasValidationError (bad input,
 * nothing sent), so one class means "bad input" whichever of the two caught it,
 * with the CLI's own sentence as its message and rule; `argument` is
 * "command line". `showUsage` adds the command's usage line, which helps for
 * flags but not for, say, a missing environment variable.
 */
export class UsageError extends AtlasValidationError {
  override name = "UsageError";
  constructor(
    message: string,
    readonly showUsage = true,
  ) {
    super("command line", undefined, message);
    this.message = message;
  }
}

/**
 * The error classes and their messages, loaded when the first failure that comes
 * with a reply arrives: a successful listing never builds an error, so a browser
 * app does not download them for it (docs/decisions/0016). The module is the one
 * index.ts exports the classes from, so a caller's `instanceof` holds. Errors are
 * only thrown from async code here, after this resolves; those thrown
 * synchronously or without a reply are in atlas-error.ts.
 */
export const loadErrors = () => import("./errors.js");

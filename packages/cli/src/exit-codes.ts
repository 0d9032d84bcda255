/** Process exit codes. Documented in --help and the README; tests pin them. */
export const EXIT = {
  ok: 0,
  checkFailed: 1,
  usage: 2,
  auth: 3,
  notFound: 4,
  rateLimited: 5,
  network: 6,
  unexpected: 7,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

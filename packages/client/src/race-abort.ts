/**
 * `response`, or a rejection with the signal's reason as soon as `signal`
 * aborts, whether or not the fetch below noticed (its link to the signal may
 * be weak: see read-body.ts). A response that arrives after the abort has its
 * body cancelled, which ends the connection.
 */
export function raceAbort(response: Promise<Response>, signal: AbortSignal): Promise<Response> {
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason);
    if (signal.aborted) abort();
    signal.addEventListener("abort", abort, { once: true });
    response.then(
      (value) => {
        signal.removeEventListener("abort", abort);
        if (signal.aborted) value.body?.cancel().catch(() => {});
        resolve(value);
      },
      (error) => {
        signal.removeEventListener("abort", abort);
        reject(error);
      },
    );
  });
}

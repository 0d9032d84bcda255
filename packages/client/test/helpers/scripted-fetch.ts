import type { FetchLike } from "../../src/index.js";

/** One scripted reply: a status (JSON body), an error to throw, or a function of the request. */
export type Step =
  | number
  | Error
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | ((request: Request) => Response | Promise<Response>);

/** A fetch that plays `steps` in order (the last one repeats) and records every request. */
export function scriptedFetch(...steps: Step[]): FetchLike & { calls: Request[] } {
  const calls: Request[] = [];
  const fetch = async (input: Request | string | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    calls.push(request);
    const step = steps[Math.min(calls.length, steps.length) - 1];
    if (step instanceof Error) throw step;
    if (typeof step === "function") return step(request);
    const { status, headers, body } =
      typeof step === "number" ? { status: step, headers: {}, body: undefined } : (step ?? { status: 200 });
    const json =
      body ??
      (status < 400
        ? { results: [], totalCount: 0 }
        : { error: status, errorCode: `E${status}`, detail: `failed with ${status}` });
    return Response.json(json, { status, headers });
  };
  return Object.assign(fetch, { calls });
}

/** A fetch that never answers until the request is aborted, then rejects like fetch does. */
export function hangingFetch(): FetchLike & { calls: Request[] } {
  const calls: Request[] = [];
  const fetch = (input: Request | string | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    calls.push(request);
    return new Promise<Response>((_, reject) => {
      request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true });
    });
  };
  return Object.assign(fetch, { calls });
}

import { type Direction, judgeResponse, type Verdict } from "./verdict.js";

/**
 * A fetch that sends through Prism and keeps Prism's verdict on every
 * exchange. Tests hand it to the client (or call it directly) and then
 * assert on `verdicts`.
 */
export function judgingFetch(
  direction: Direction,
  documented: ReadonlySet<number>,
  inner: typeof fetch = fetch,
  { control = false }: { control?: boolean } = {},
) {
  const verdicts: Verdict[] = [];
  const wrapped = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const response = await inner(request);
    verdicts.push(
      await judgeResponse(response, { method: request.method, url: request.url }, direction, documented, control),
    );
    return response;
  };
  return Object.assign(wrapped as typeof fetch, { verdicts });
}

// A fetch double that records every request and answers with an empty page
// (or whatever `answer` returns). Nothing leaves the process.
import type { FetchLike } from "@atlas-snapshots/client";

export interface RecordingFetch {
  fetch: FetchLike;
  requests: Request[];
}

export function recordingFetch(answer?: (request: Request) => Response | Promise<Response>): RecordingFetch {
  const requests: Request[] = [];
  return {
    requests,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      requests.push(request);
      if (answer) return answer(request);
      return Response.json({ results: [], links: [], totalCount: 0 });
    },
  };
}

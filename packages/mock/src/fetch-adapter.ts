// Turns a MockReply into a fetch Response, acting out transport faults the way
// a browser or fetch would see them.
import type { MockReply, TransportFault } from "./reply.js";

const faults = new WeakMap<Response, TransportFault>();

/** The transport fault a Response from `mock.handle` stands for, if any. */
export function transportFaultOf(response: Response): TransportFault | undefined {
  return faults.get(response);
}

/** A body stream that sends the first half of `text` and then fails, like a cut connection. */
function truncatedBody(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes.slice(0, Math.floor(bytes.length / 2)));
      controller.error(new TypeError("[atlas-mock] connection closed before the body was complete (injected fault)"));
    },
  });
}

/** `head`: the reply to a HEAD request, whose body a fetch never delivers (headers stay the GET's). */
export function replyToResponse(reply: MockReply, head = false): Response {
  if (reply.transportFault === "drop") {
    const response = Response.error();
    faults.set(response, "drop");
    return response;
  }
  const body = head ? null : reply.transportFault === "truncate" ? truncatedBody(reply.body) : reply.body;
  const response = new Response(body, { status: reply.status, headers: reply.headers });
  if (reply.transportFault) faults.set(response, reply.transportFault);
  return response;
}

// msw handlers over the core: one catch-all under the base URL, so unknown
// paths there also get an Atlas 404 and nothing falls through unnoticed.
import type { ApiError, ApiErrorEnvelope, TenantSnapshotPage } from "@atlas-snapshots/types";
import { type HttpHandler, HttpResponse, http } from "msw";
import type { AtlasMockCore } from "./atlas-mock.js";
import { replyToResponse } from "./fetch-adapter.js";
import { withFormBody } from "./oauth/form-body.js";
import { OAUTH_PATHS } from "./oauth/paths.js";
import { BASE_PATHS } from "./route.js";

/** Every body the endpoint sends, as the generated types describe them. */
export type AtlasResponseBody = TenantSnapshotPage | ApiError | ApiErrorEnvelope;

export function createMswHandlers(mock: Pick<AtlasMockCore, "reply" | "options">): HttpHandler[] {
  const base = new URL(mock.options.baseUrl);
  const prefixes = BASE_PATHS.map((basePath) => `${mock.options.rootPath}${basePath}/`);
  // A predicate rather than a `${baseUrl}/*` pattern: msw's pattern matching decodes the
  // path and throws on bad percent-encoding, which must reach the core and get Atlas's 400.
  const underBase = ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    if (url.origin !== base.origin) return false;
    // The service-account OAuth endpoints too, so a client with a clientId works under msw as against the server.
    return OAUTH_PATHS.includes(url.pathname) || prefixes.some((prefix) => url.pathname.startsWith(prefix));
  };
  return [
    http.all<never, never, AtlasResponseBody>(underBase, async ({ request }) => {
      const reply = await mock.reply(await withFormBody(request));
      if (reply.transportFault === "drop") return HttpResponse.error();
      // The core has already serialised the body (pretty or not); msw's types want the object type.
      return replyToResponse(reply, request.method === "HEAD") as HttpResponse<AtlasResponseBody>;
    }),
  ];
}

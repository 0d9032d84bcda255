// The mock as msw users get it: the core plus its msw handlers, made on first use.
import type { HttpHandler } from "msw";
import { type AtlasMockCore, createAtlasCore } from "./atlas-mock.js";
import { createMswHandlers } from "./msw-handlers.js";
import type { AtlasMockOptions } from "./options.js";

export interface AtlasMock extends AtlasMockCore {
  /** msw handlers for setupServer (Node) and setupWorker (browser), answering everything under baseUrl. */
  readonly handlers: HttpHandler[];
}

export function createAtlasMock(input: AtlasMockOptions = {}): AtlasMock {
  const core = createAtlasCore(input);
  let handlers: HttpHandler[] | undefined;
  return Object.defineProperty(core, "handlers", {
    get: () => {
      handlers ??= createMswHandlers(core);
      return handlers;
    },
    enumerable: true,
  }) as AtlasMock;
}

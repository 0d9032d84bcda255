// The generic walk the generators rely on: an operation's Accept, base server and paging,
// read from the spec's structure (the Flex successor's versioned type, allOf renames).
import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../src/lib/load-spec.ts";
import { isPaged, readOperations } from "../src/lib/spec-model.ts";

const page = { type: "object", properties: { results: { type: "array", items: {} } } };
const query = (name: string) => ({ name, in: "query", schema: { type: "integer" } });

function docWith(okType: string, okSchema: object, errorType = "application/json"): OpenApiDocument {
  return {
    openapi: "3.0.3",
    servers: [{ url: "https://example.test/api/v1" }],
    components: { schemas: { Page: page, Renamed: { allOf: [{ $ref: "#/components/schemas/Page" }] } } },
    paths: {
      "/things": {
        servers: [{ url: "https://example.test/api/v2" }],
        get: {
          operationId: "listThings",
          parameters: [query("pageNum"), query("itemsPerPage")],
          responses: {
            "200": { description: "ok", content: { [okType]: { schema: okSchema } } },
            "404": { description: "no", content: { [errorType]: { schema: { type: "object" } } } },
          },
        },
      },
    },
  } as unknown as OpenApiDocument;
}

describe("readOperations", () => {
  it("names error-only media types at q=0.5 beside a plain JSON success", () => {
    const [op] = readOperations(docWith("application/json", page, "text/plain"));
    expect(op?.accept).toEqual(["application/json", "text/plain;q=0.5"]);
  });

  it("sends a versioned Atlas media type alone: Atlas picks the version from it", () => {
    const [op] = readOperations(docWith("application/vnd.atlas.2024-11-13+json", page));
    expect(op?.accept).toEqual(["application/vnd.atlas.2024-11-13+json"]);
  });

  it("takes the path's own server over the document's", () => {
    const [op] = readOperations(docWith("application/json", page));
    expect(op?.serverUrl).toBe("https://example.test/api/v2");
  });

  it("counts a page reached through an allOf rename as paged, and a non-page as not", () => {
    const renamed = docWith("application/json", { $ref: "#/components/schemas/Renamed" });
    const [paged] = readOperations(renamed);
    expect(paged && isPaged(renamed, paged)).toBe(true);
    const plain = docWith("application/json", { type: "object", properties: { id: { type: "string" } } });
    const [notPaged] = readOperations(plain);
    expect(notPaged && isPaged(plain, notPaged)).toBe(false);
  });
});

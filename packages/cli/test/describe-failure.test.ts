import {
  AtlasApiError,
  AtlasConnectionError,
  AtlasResponseError,
  AtlasTimeoutError,
  AtlasValidationError,
} from "@atlas-snapshots/client";
import { describe, expect, it } from "vitest";
import { describeFailure } from "../src/describe-failure.js";
import { UsageError } from "../src/usage-error.js";

const api = (status: number) => AtlasApiError.from({ status, body: { errorCode: "X", detail: "d" } });
const notAPage = new AtlasResponseError(200, "GET /api/atlas/v1.0/x?pageNum=2", "its body has no `results` array");

describe("describeFailure", () => {
  it.each([
    ["usage", new UsageError("bad"), 2],
    ["client validation", new AtlasValidationError("groupId", "x", "must match"), 2],
    ["401", api(401), 3],
    ["403", api(403), 3],
    ["404", api(404), 4],
    ["429", api(429), 5],
    ["500", api(500), 6],
    ["503", api(503), 6],
    ["connection", new AtlasConnectionError("refused"), 6],
    ["timeout", new AtlasTimeoutError("slow"), 6],
    ["400", api(400), 7],
    ["409", api(409), 7],
    ["a 200 that is not a page", notAPage, 7],
    ["a bug", new TypeError("x is undefined"), 7],
    ["a non-error", "string thrown", 7],
  ])("%s exits %i", (_name, error, code) => {
    expect(describeFailure(error).code).toBe(code);
  });

  it("passes a reply that is not a page on as it is, with a hint about --base-url", () => {
    expect(describeFailure(notAPage)).toEqual({
      code: 7,
      message: notAPage.message,
      hint: expect.stringMatching(/^check that --base-url /),
    });
  });

  it("names the credential variables on 401", () => {
    expect(describeFailure(api(401)).hint).toMatch(/MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY/);
  });
});

describe("UsageError", () => {
  it("is the client's AtlasValidationError with the CLI's own sentence", () => {
    const error = new UsageError("use either --mock or --base-url, not both", false);
    expect(error).toBeInstanceOf(AtlasValidationError);
    expect(error).toMatchObject({
      name: "UsageError",
      message: "use either --mock or --base-url, not both",
      rule: "use either --mock or --base-url, not both",
      argument: "command line",
      showUsage: false,
    });
    expect(describeFailure(error)).toEqual({ code: 2, message: error.message });
  });
});

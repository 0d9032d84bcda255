import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { collectExamples, type SpecExample } from "../src/lib/collect-examples.ts";
import { loadSpec } from "../src/lib/load-spec.ts";
import { repoRoot } from "../src/lib/repo-paths.ts";

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = (addFormatsModule as unknown as { default: typeof addFormatsModule }).default ?? addFormatsModule;

const spec = await loadSpec();
const examples = collectExamples(spec);

/** OpenAPI 3.0 schemas are JSON Schema plus a few annotation keywords that ajv must not trip on. */
function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return (example: Pick<SpecExample, "schema" | "value">) => {
    const validate = ajv.compile(example.schema as object);
    return validate(example.value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}

describe("the spec's examples", () => {
  const check = validator();

  it("are many enough to be worth checking", () => {
    // Each documented status has an example, plus five 200 examples and schema/parameter ones.
    expect(examples.length).toBeGreaterThanOrEqual(16);
  });

  it.each(examples.map((e) => [e.where, e] as const))("%s validates against its schema", (_where, example) => {
    expect(check(example)).toEqual([]);
  });

  it("include the reference page's example response as the 200 example", async () => {
    const seed = JSON.parse(await readFile(join(repoRoot, "spec/reference/seed-example-response.json"), "utf8"));
    const example = examples.find((e) => e.where.includes("/responses/200/") && e.where.endsWith("/examples/seed"));
    expect(example?.value).toEqual(seed);
  });
});

describe("the example checker itself", () => {
  const check = validator();
  const seed = examples.find((e) => e.where.includes("/200/") && e.where.endsWith("/examples/seed")) as SpecExample;
  const page = seed.value as { results: Record<string, unknown>[] };
  const withSnapshot = (change: (s: Record<string, unknown>) => void) => {
    const copy = structuredClone(page);
    change(copy.results[0] as Record<string, unknown>);
    return { schema: seed.schema, value: copy };
  };

  it.each([
    ["an unknown status", (s: Record<string, unknown>) => (s.status = "DELETED")],
    ["a missing id", (s: Record<string, unknown>) => delete s.id],
    ["an invented field", (s: Record<string, unknown>) => (s.sizeBytes = 1)],
    ["a non-UTC time", (s: Record<string, unknown>) => (s.finishTime = "2019-04-26T14:08:07+02:00")],
    ["a short id", (s: Record<string, unknown>) => (s.id = "5cc310ace5dc")],
  ])("rejects a snapshot with %s", (_name, change) => {
    expect(check(withSnapshot(change)).length).toBeGreaterThan(0);
  });
});

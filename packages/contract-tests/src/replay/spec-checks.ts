// Judges a recorded reply against spec/openapi.yaml as if this operation had sent
// it: the body against the schema for its status, each documented header against
// its schema (required ones must be there), the media type against the spec's.
import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";
import { specFile } from "../prism-spec.js";
import { type Check, fail, pass, skip } from "./check.js";
import {
  headerOf,
  isObject,
  isV2MediaType,
  mediaTypeOf,
  parseJson,
  type RecordedReply,
  shapeOf,
} from "./recordings.js";

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = (addFormatsModule as unknown as { default: typeof addFormatsModule }).default ?? addFormatsModule;

type Node = Record<string, unknown>;
const OPERATION = "/groups/{groupId}/clusters/{clusterName}/backup/tenant/snapshots";
const pointerSegment = (segment: string) => segment.replaceAll("~", "~0").replaceAll("/", "~1");

export interface SpecJudge {
  /** Every check of one reply. */
  judge(reply: RecordedReply): Check[];
  /** Statuses the operation documents. */
  documented: ReadonlySet<number>;
}

export function createSpecJudge(source = specFile): SpecJudge {
  const doc = parse(readFileSync(source, "utf8")) as Node;
  // OpenAPI 3.0 schemas are JSON Schema plus annotations (example, nullable) that ajv must not trip on.
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(doc, "spec");
  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (pointer: string) => {
    let validate = compiled.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `spec#${pointer}` });
      compiled.set(pointer, validate);
    }
    return validate;
  };
  const errorsOf = (validate: ValidateFunction) =>
    (validate.errors ?? []).map((e) => `${e.instancePath || "(root)"} [${e.keyword}] ${e.message}`).join("; ");

  const at = (pointer: string): Node => {
    let node: unknown = doc;
    for (const part of pointer.split("/").slice(1)) {
      node = (node as Node)[part.replaceAll("~1", "/").replaceAll("~0", "~")];
    }
    return node as Node;
  };
  /** Follows a local $ref to the pointer of what it names. */
  const resolved = (pointer: string): string => {
    const ref = at(pointer).$ref;
    return typeof ref === "string" ? resolved(ref.slice(1)) : pointer;
  };

  const responses = at(`/paths/${pointerSegment(OPERATION)}/get/responses`);
  const documented = new Set(Object.keys(responses).map(Number));

  function judge(reply: RecordedReply): Check[] {
    const checks: Check[] = [];
    const status = String(reply.status);
    if (!(status in responses)) return [fail("status", `${reply.status} is not a status the spec documents`)];
    checks.push(pass("status"));
    const response = resolved(`/paths/${pointerSegment(OPERATION)}/get/responses/${status}`);
    const content = at(response).content as Node | undefined;
    const media = mediaTypeOf(headerOf(reply, "content-type")) ?? "application/json";

    // The recording must be whole: its body is as long as it says.
    const length = headerOf(reply, "content-length");
    if (length === undefined) checks.push(skip("intact", "no Content-Length was recorded"));
    else if (Buffer.byteLength(reply.body, "latin1") === Number(length)) checks.push(pass("intact"));
    else
      checks.push(fail("intact", `Content-Length ${length} but the body has ${Buffer.byteLength(reply.body)} bytes`));

    // Media type.
    if (reply.kind === "docs-sample") {
      checks.push(skip("media type", "a documentation sample has no headers"));
    } else if (isV2MediaType(media)) {
      checks.push(
        skip("media type", `${media} is the v2 API's versioned type; this v1.0 operation sends application/json`),
      );
    } else if (content && media in content) {
      checks.push(pass("media type"));
    } else {
      checks.push(fail("media type", `${media} is not among ${Object.keys(content ?? {}).join(", ")}`));
    }

    // Body, by what the reply is.
    const body = parseJson(reply.body);
    const jsonSchema = `${response}/content/${pointerSegment("application/json")}/schema`;
    const shape = shapeOf(reply);
    if (shape === "page" || shape === "error") {
      const validate = validatorAt(jsonSchema);
      checks.push(validate(body) ? pass("body") : fail("body", errorsOf(validate)));
    } else if (shape === "snapshot") {
      const validate = validatorAt("/components/schemas/TenantSnapshot");
      checks.push(
        validate(body)
          ? pass("body (as one TenantSnapshot)")
          : fail("body (as one TenantSnapshot)", errorsOf(validate)),
      );
    } else {
      checks.push(skip("body", "a success of another Atlas resource, not a page of snapshots; only its links apply"));
      const links = isObject(body) && Array.isArray(body.links) ? body.links : [];
      const validate = validatorAt("/components/schemas/Link");
      const bad = links.map((link, i) => (validate(link) ? "" : `links[${i}] ${errorsOf(validate)}`)).filter(Boolean);
      checks.push(
        links.length === 0
          ? skip("links", "the reply has no links")
          : bad.length === 0
            ? pass("links (each as a Link)")
            : fail("links (each as a Link)", bad.join("; ")),
      );
    }

    // Documented headers.
    const headers = (at(response).headers ?? {}) as Node;
    if (reply.kind === "docs-sample") {
      checks.push(skip("headers", "a documentation sample has no headers"));
      return checks;
    }
    for (const name of Object.keys(headers)) {
      const header = resolved(`${response}/headers/${pointerSegment(name)}`);
      const value = headerOf(reply, name);
      if (value === undefined) {
        checks.push(
          at(header).required
            ? fail(`header ${name}`, "required but absent")
            : pass(`header ${name} (absent, optional)`),
        );
        continue;
      }
      const schema = at(`${header}/schema`) as Node;
      const typed = schema.type === "integer" && /^-?\d+$/.test(value) ? Number(value) : value;
      const validate = validatorAt(`${header}/schema`);
      checks.push(
        validate(typed)
          ? pass(`header ${name}`)
          : fail(`header ${name}`, `${JSON.stringify(value)}: ${errorsOf(validate)}`),
      );
    }
    return checks;
  }

  return { judge, documented };
}

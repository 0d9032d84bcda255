// Judges a recorded reply against spec/openapi.yaml as the reply of the operation
// that produced it (judged-as.ts): the body against that operation's schema for
// the status and media type, each documented header against its schema (required
// ones must be there), the media type against the ones the spec documents.
import { readFileSync } from "node:fs";
import { OPERATIONS, type OperationId } from "@atlas-snapshots/types";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";
import { mediaTypeOf } from "../media-type.js";
import { specFile } from "../prism-spec.js";
import { type Check, fail, pass, skip } from "./check.js";
import { type Judgement, judgedAs } from "./judged-as.js";
import { headerOf, isObject, parseJson, type RecordedReply, shapeOf } from "./recordings.js";

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = (addFormatsModule as unknown as { default: typeof addFormatsModule }).default ?? addFormatsModule;

type Node = Record<string, unknown>;
const pointerSegment = (segment: string) => segment.replaceAll("~", "~0").replaceAll("/", "~1");

export interface SpecJudge {
  /** Every check of one reply, each named with the operation it was judged as. */
  judge(reply: RecordedReply): Check[];
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
  /** The pointer of an operation in the spec, found by its operationId and method. */
  const operationPointer = (id: OperationId): string => {
    const method = OPERATIONS[id].method.toLowerCase();
    const paths = at("/paths");
    const path = Object.keys(paths).find(
      (p) => (at(`/paths/${pointerSegment(p)}/${method}`)?.operationId ?? "") === id,
    );
    if (!path) throw new Error(`${id} is in the operation table but not in ${source}`);
    return `/paths/${pointerSegment(path)}/${method}`;
  };

  /** The checks of `reply` as the reply of operation `id`, each name ending `(as id)`. */
  function judgeAs(id: OperationId, reply: RecordedReply, judgement: Judgement): Check[] {
    const as = (name: string) => `${name} (as ${id})`;
    const status = String(reply.status);
    const responses = at(`${operationPointer(id)}/responses`);
    if (!(status in responses)) return [fail(as("status"), `${reply.status} is not a status ${id} documents`)];
    const checks: Check[] = [pass(as("status"))];
    const response = resolved(`${operationPointer(id)}/responses/${status}`);
    const content = (at(response).content ?? {}) as Node;
    const documentedTypes = Object.keys(content);

    // Media type: the recorded one must be one the operation documents for this status.
    const media = mediaTypeOf(headerOf(reply, "content-type"));
    if (reply.kind === "docs-sample") checks.push(skip(as("media type"), "a documentation sample has no headers"));
    else if (media && media in content) checks.push(pass(as("media type")));
    else checks.push(fail(as("media type"), `${media ?? "none"} is not among ${documentedTypes.join(", ")}`));

    // Body: against the schema of the recorded media type (else the first documented one).
    const body = parseJson(reply.body);
    const schemaType = media && media in content ? media : documentedTypes[0];
    const schema = schemaType && `${response}/content/${pointerSegment(schemaType)}/schema`;
    const shape = shapeOf(reply);
    if (!judgement.inSpec && (shape === "snapshot" || shape === "other-success")) {
      // Another resource's success is no reply of this operation: only its links can be judged.
      checks.push(skip(as("body"), `${judgement.basis}; only its links apply`));
      const links = isObject(body) && Array.isArray(body.links) ? body.links : [];
      const validate = validatorAt("/components/schemas/Link");
      const bad = links.map((link, i) => (validate(link) ? "" : `links[${i}] ${errorsOf(validate)}`)).filter(Boolean);
      checks.push(
        links.length === 0
          ? skip(as("links"), "the reply has no links")
          : bad.length === 0
            ? pass(as("links (each as a Link)"))
            : fail(as("links (each as a Link)"), bad.join("; ")),
      );
    } else if (!schema || !at(schema)) {
      checks.push(fail(as("body"), `${id} documents no body for ${reply.status}`));
    } else {
      const validate = validatorAt(schema);
      checks.push(validate(body) ? pass(as("body")) : fail(as("body"), errorsOf(validate)));
    }

    // Documented headers.
    if (reply.kind === "docs-sample") return [...checks, skip(as("headers"), "a documentation sample has no headers")];
    const headers = (at(response).headers ?? {}) as Node;
    for (const name of Object.keys(headers)) {
      const header = resolved(`${response}/headers/${pointerSegment(name)}`);
      const value = headerOf(reply, name);
      if (value === undefined) {
        checks.push(
          at(header).required
            ? fail(as(`header ${name}`), "required but absent")
            : pass(as(`header ${name} (absent, optional)`)),
        );
        continue;
      }
      const headerSchema = at(`${header}/schema`) as Node;
      const typed = headerSchema.type === "integer" && /^-?\d+$/.test(value) ? Number(value) : value;
      const validate = validatorAt(`${header}/schema`);
      checks.push(
        validate(typed)
          ? pass(as(`header ${name}`))
          : fail(as(`header ${name}`), `${JSON.stringify(value)}: ${errorsOf(validate)}`),
      );
    }
    return checks;
  }

  function judge(reply: RecordedReply): Check[] {
    const checks: Check[] = [];
    // The recording must be whole: its body is as long as it says.
    const length = headerOf(reply, "content-length");
    if (length === undefined) checks.push(skip("intact", "no Content-Length was recorded"));
    else if (Buffer.byteLength(reply.body, "latin1") === Number(length)) checks.push(pass("intact"));
    else
      checks.push(fail("intact", `Content-Length ${length} but the body has ${Buffer.byteLength(reply.body)} bytes`));

    const judgement = judgedAs(reply);
    if (judgement.operations.length === 0) {
      return [...checks, fail("status", `${reply.status}: ${judgement.basis}, and none does`)];
    }
    for (const id of judgement.operations) checks.push(...judgeAs(id, reply, judgement));
    return checks;
  }

  return { judge };
}

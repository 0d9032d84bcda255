// Media types, read from the operation table: a reply's Content-Type, and
// whether a request's Accept names a versioned (API v2) operation's type.
import { OPERATION_DETAILS, type OperationId } from "@atlas-snapshots/types";

const JSON_TYPE = "application/json";
/** Atlas's versioned media types (API v2), e.g. `application/vnd.atlas.2024-11-13+json`. */
const VERSIONED = /^application\/vnd\.atlas\.\d{4}-\d{2}-\d{2}\+json$/;

const responsesOf = (id: OperationId): Readonly<Record<string, readonly string[]>> => OPERATION_DETAILS[id].responses;

/**
 * The Content-Type of a reply with `status` to operation `id`: the spec's first media type for that
 * status, so a v2 operation's 200 (an enveloped error too) is its versioned type and its errors are
 * `application/json`, as recorded; `application/json` for an undocumented status or a path that names
 * no operation. A versioned type gets `;charset=utf-8`, as on every recorded v2 reply; the recorded
 * v1.0 replies say `application/json` alone.
 */
export function replyContentType(id: OperationId | undefined, status: number): string {
  const type = (id && responsesOf(id)[String(status)]?.[0]) || JSON_TYPE;
  return VERSIONED.test(type) ? `${type};charset=utf-8` : type;
}

/** The versioned media types of an operation's successful replies; none for the v1.0 operations. */
export function versionedTypes(id: OperationId): string[] {
  return Object.entries(responsesOf(id))
    .filter(([status]) => status.startsWith("2"))
    .flatMap(([, types]) => types.filter((type) => VERSIONED.test(type)));
}

/**
 * True when the Accept header lists one of `types` (exactly, parameters aside) with a q above 0.
 * A wildcard range names no version, so it alone selects none (the mock's reading of Atlas's
 * "Invalid accept header or version date").
 */
export function acceptsOneOf(accept: string | null | undefined, types: readonly string[]): boolean {
  return (accept ?? "").split(",").some((range) => {
    const [type = "", ...params] = range.split(";").map((part) => part.trim().toLowerCase());
    const q = params.find((param) => /^q\s*=/.test(param));
    return types.includes(type) && (q === undefined || Number(q.split("=")[1]) > 0);
  });
}

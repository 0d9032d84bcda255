// Which operations of the spec a recorded reply is judged as: the one its request
// (spec/fidelity/requests.yaml) names, matched against the generated table.
import { BASE_PATHS, OPERATION_DETAILS, OPERATIONS, type OperationId } from "@atlas-snapshots/types";
import { matchOperation } from "../operation-of.js";
import type { RecordedReply } from "./recordings.js";

const OPERATION_IDS = Object.keys(OPERATIONS) as OperationId[];

export interface Judgement {
  /** The operations whose documented reply for the recorded status this reply must be (each of them). */
  operations: OperationId[];
  /** True when the request names an operation of the spec; false for another Atlas resource or a docs sample. */
  inSpec: boolean;
  /** The path values of the operation it names (in-spec only). */
  params: Record<string, string>;
  /** Why these operations, in words, for skip reasons and failure messages. */
  basis: string;
}

const documents = (id: OperationId, status: number) =>
  (OPERATION_DETAILS[id].statuses as readonly number[]).includes(status);

/**
 * A recording of one of the spec's operations is judged as that operation's reply, status, media type,
 * body and headers. A recording of a resource outside the spec (the v2 clusters API, flexClusters/{name},
 * databaseUsers) cannot be judged as what produced it; its error shape is Atlas's shared one, which every
 * operation documents alike, so it is judged as the reply of every operation of the same API version (base
 * path) that documents its status, and must fit each (none documenting it is a failure). A docs sample has
 * no request: every operation that documents its status.
 */
export function judgedAs(reply: RecordedReply): Judgement {
  const { request } = reply;
  if (request) {
    const match = matchOperation(request.method, request.path);
    if (match) {
      return {
        operations: [match.id],
        inSpec: true,
        params: match.params,
        basis: `${match.id}, which its request names`,
      };
    }
  }
  const base = request && BASE_PATHS.find((path) => request.path.startsWith(`${path}/`));
  const pool = base ? OPERATION_IDS.filter((id) => OPERATIONS[id].basePath === base) : OPERATION_IDS;
  const operations = pool.filter((id) => documents(id, reply.status));
  const basis = request
    ? `another Atlas resource (${request.method} ${request.path}), judged as each ${base ?? ""} operation that documents ${reply.status}`
    : `a docs sample without a request, judged as each operation that documents ${reply.status}`;
  return { operations, inSpec: false, params: {}, basis };
}

// Path parameter and id rules, read from the spec's generated constants.
import { CLUSTER_NAME_MAX_LENGTH, CLUSTER_NAME_PATTERN, GROUP_ID_PATTERN } from "@atlas-snapshots/types";

const groupIdRe = new RegExp(GROUP_ID_PATTERN);
const clusterNameRe = new RegExp(CLUSTER_NAME_PATTERN);
/** The spec's ObjectId schema: the same 24-hex shape as a group id. */
const objectIdRe = /^[a-f0-9]{24}$/;

export function isGroupId(value: unknown): value is string {
  return typeof value === "string" && groupIdRe.test(value);
}

export function isClusterName(value: unknown): value is string {
  return typeof value === "string" && value.length <= CLUSTER_NAME_MAX_LENGTH && clusterNameRe.test(value);
}

export function isObjectId(value: unknown): value is string {
  return typeof value === "string" && objectIdRe.test(value);
}

export const GROUP_ID_RULE = "must be 24 lowercase hexadecimal characters";
export const CLUSTER_NAME_RULE = `must start with a letter or digit, hold only letters, digits and hyphens, and be at most ${CLUSTER_NAME_MAX_LENGTH} characters`;

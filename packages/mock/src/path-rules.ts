// Path parameter and id rules: the checks and messages generated from the spec.
import {
  CLUSTER_NAME_RULE,
  checkObjectId,
  checkParamClusterName,
  checkParamGroupId,
  GROUP_ID_RULE,
} from "@atlas-snapshots/types";

export function isGroupId(value: unknown): value is string {
  return checkParamGroupId(value) === undefined;
}

export function isClusterName(value: unknown): value is string {
  return checkParamClusterName(value) === undefined;
}

export function isObjectId(value: unknown): value is string {
  return checkObjectId(value) === undefined;
}

export { CLUSTER_NAME_RULE, GROUP_ID_RULE };

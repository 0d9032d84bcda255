import { fileURLToPath } from "node:url";

/** Absolute path of the repository root (tools/src/lib/ is three levels down). */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** The one hand-written source of truth. */
export const specPath = "spec/openapi.yaml";

/** Folder that holds every generated file; nothing else writes there. */
export const generatedDir = "packages/types/src/generated";

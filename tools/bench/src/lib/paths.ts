import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (tools/bench/src/lib → four levels up). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../../../..");

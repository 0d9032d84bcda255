// The built binaries the tests run as subprocesses (turbo builds them first: test dependsOn ^build).
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

function built(pkg: string, file: string): string {
  const path = join(dirname(require.resolve(`${pkg}/package.json`)), file);
  if (!existsSync(path))
    throw new Error(`${path} is missing: run \`pnpm build\` first (turbo does it before \`pnpm test\`).`);
  return path;
}

/** atlas-snapshots, the command-line tool. */
export const cliBin = () => built("@atlas-snapshots/cli", "dist/bin.js");
/** atlas-mock-server, the mock's command line. */
export const mockServerBin = () => built("@atlas-snapshots/mock", "dist/cli.js");

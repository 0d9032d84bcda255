/** `pnpm generate`: rewrites every generated file from spec/openapi.yaml. */
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { renderGeneratedFiles } from "./lib/render-generated.ts";
import { generatedDir, repoRoot } from "./lib/repo-paths.ts";

const files = await renderGeneratedFiles();
const dir = join(repoRoot, generatedDir);
await mkdir(dir, { recursive: true });
// The folder belongs to the generator: drop files the spec no longer produces.
for (const name of await readdir(dir)) {
  if (!files.has(`${generatedDir}/${name}`)) await rm(join(dir, name), { recursive: true });
}
for (const [path, content] of files) {
  await mkdir(dirname(join(repoRoot, path)), { recursive: true });
  await writeFile(join(repoRoot, path), content);
  console.log(`generated ${path}`);
}

// Minified + gzipped size of the client as an app would ship it:
// dist/index.js bundled with openapi-fetch and @noble/hashes (all included),
// and, for comparison, those two dependencies alone.
// Run after `pnpm build`: `pnpm size` (add `-- --check` to fail when over budget).
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const BUDGET = 8 * 1024;
const root = fileURLToPath(new URL("..", import.meta.url));
const options = { bundle: true, minify: true, format: "esm", platform: "neutral", write: false, logLevel: "error" };

async function measure(entry) {
  const result = await build({ ...options, ...entry });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

const client = await measure({ entryPoints: [`${root}dist/index.js`] });
const deps = await measure({
  stdin: {
    contents: `export { default } from "openapi-fetch";
export { md5 } from "@noble/hashes/legacy.js";
export { sha256 } from "@noble/hashes/sha2.js";`,
    resolveDir: root,
  },
});
console.log(`client (dist/index.js + dependencies): ${client.minified} B minified, ${client.gzipped} B gzipped`);
console.log(`openapi-fetch + md5 + sha256 alone:    ${deps.minified} B minified, ${deps.gzipped} B gzipped`);
console.log(`budget: ${BUDGET} B gzipped`);
if (client.gzipped > BUDGET) {
  console.error(`Over the budget by ${client.gzipped - BUDGET} B.`);
  if (process.argv.includes("--check")) process.exit(1);
}

// The core runs in browsers (msw's service worker): nothing reachable from
// src/index.ts may import a node: module.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

function reachable(entry: string): Map<string, string> {
  const files = new Map<string, string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    const text = readFileSync(new URL(`../src/${file}`, import.meta.url), "utf8");
    files.set(file, text);
    for (const m of text.matchAll(/from "\.\/([\w-]+)\.js"/g)) queue.push(`${m[1]}.ts`);
  }
  return files;
}

describe("browser safety", () => {
  it("keeps node: imports out of everything src/index.ts reaches", () => {
    const files = reachable("index.ts");
    expect(files.has("atlas-mock.ts")).toBe(true);
    expect(files.has("server.ts")).toBe(false);
    const offenders = [...files].filter(([, text]) => /from "node:/.test(text)).map(([name]) => name);
    expect(offenders).toEqual([]);
  });
});

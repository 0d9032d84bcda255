import { readFile } from "node:fs/promises";

/** Where a README example must compile, and whether it runs (offline: against the mock only). */
export type ExampleMode = "esm" | "cjs" | "bundler" | "run";

export interface ReadmeExample {
  /** `README path#n`, for messages. */
  name: string;
  modes: ExampleMode[];
  code: string;
}

// `<!-- consumer-test: esm cjs run -->` on the line before a ```ts fence marks an example.
const MARKED = /<!-- consumer-test: ([a-z ]+) -->\r?\n```ts\r?\n([\s\S]*?)```/g;

/** The marked TypeScript examples of a README, exactly as a reader would copy them. */
export async function readmeExamples(file: string, label: string): Promise<ReadmeExample[]> {
  const text = await readFile(file, "utf8");
  return [...text.matchAll(MARKED)].map((match, index) => ({
    name: `${label}#${index + 1}`,
    modes: (match[1] as string).trim().split(/\s+/) as ExampleMode[],
    code: match[2] as string,
  }));
}

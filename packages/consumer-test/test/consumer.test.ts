import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_SNAPSHOT_COUNT, SEED_EXAMPLE_SNAPSHOT } from "@atlas-snapshots/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile, npmInstall, npmInstallArgs, type Setup, scopeFlag, writeSetup } from "../src/consumer-project.js";
import { lockedOverrides } from "../src/locked-versions.js";
import { type PackedPackage, packAll, publish, REPO_ROOT } from "../src/published-packages.js";
import { type ReadmeExample, readmeExamples } from "../src/readme-examples.js";
import { run } from "../src/run.js";
import { type Registry, startVerdaccio } from "../src/verdaccio.js";

// The consumer's pins: the versions the workspace itself builds and tests with.
const workspaceRequire = createRequire(join(REPO_ROOT, "packages/mock/package.json"));
const MSW = `msw@${workspaceRequire("msw/package.json").version}`;
const TYPES_NODE = `@types/node@${createRequire(import.meta.url)("@types/node/package.json").version}`;
const OURS = ["@atlas-snapshots/client", "@atlas-snapshots/mock", "@atlas-snapshots/types", "@atlas-snapshots/spec"];
const SETUPS: Setup[] = ["nodenext-esm", "nodenext-cjs", "bundler"];
const FIXTURE = new URL("../fixtures/list-snapshots.ts", import.meta.url);

let work: string;
let registry: Registry | undefined;
let packed: PackedPackage[];

/** Prints a measurement for the run's log; nothing asserts on it. */
const measure = (what: string, since: number) => console.log(`consumer test: ${what} in ${Date.now() - since} ms`);

beforeAll(async () => {
  const started = Date.now();
  work = await mkdtemp(join(tmpdir(), "atlas-consumer-"));
  await mkdir(join(work, "registry"));
  await mkdir(join(work, "tarballs"));
  registry = await startVerdaccio(join(work, "registry"));
  const npmrc = join(work, "publish.npmrc");
  await writeFile(npmrc, `${registry.url.replace(/^http:/, "")}/:_authToken=${registry.token}\n`);
  packed = await packAll(join(work, "tarballs"));
  for (const { tarball } of packed) await publish(tarball, registry.url, npmrc);
  for (const { name, tarball } of packed)
    console.log(`consumer test: ${name} tarball ${(await stat(tarball)).size} bytes`);
  measure("registry up and every package published", started);
});

afterAll(async () => {
  await registry?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

/** Every folder named `name` inside a node_modules tree. */
async function findPackages(root: string, name: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (!entry.isDirectory()) continue;
      const path = join(dir, entry.name);
      if (entry.name === name && dir.endsWith("node_modules")) found.push(path);
      await walk(path);
    }
  };
  await walk(root);
  return found;
}

async function treeSize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

describe("the published packages, as an npm user gets them", () => {
  let plain: string;

  it("install from the registry with their LICENSE, README and publish metadata, and without msw", async () => {
    const started = Date.now();
    plain = join(work, "plain");
    await mkdir(plain);
    await writeFile(join(plain, "package.json"), JSON.stringify({ name: "plain-consumer", private: true }));
    await npmInstall(plain, (registry as Registry).url, [...OURS, TYPES_NODE]);
    measure("npm install of the libraries", started);

    const license = await readFile(join(REPO_ROOT, "LICENSE"), "utf8");
    const rootEngines = JSON.parse(await readFile(join(REPO_ROOT, "package.json"), "utf8")).engines;
    for (const { name, dir } of packed.filter((p) => p.name !== "@atlas-snapshots/cli")) {
      const installed = join(plain, "node_modules", name);
      expect(await readFile(join(installed, "LICENSE"), "utf8"), name).toBe(license);
      expect(existsSync(join(installed, "README.md")), `${name} README.md`).toBe(true);
      const manifest = JSON.parse(await readFile(join(installed, "package.json"), "utf8"));
      expect(manifest.repository?.directory, name).toBe(dir);
      expect(manifest.publishConfig?.access, name).toBe("public");
      expect(manifest.engines, name).toEqual(rootEngines);
      expect(JSON.stringify(manifest.dependencies ?? {}), name).not.toMatch(/workspace:|catalog:/);
    }
    // msw is an optional peer of the mock: nothing here asked for it.
    expect(await findPackages(join(plain, "node_modules"), "msw")).toEqual([]);
    expect(existsSync(join(plain, "node_modules/@atlas-snapshots/spec/openapi.yaml"))).toBe(true);
  });

  it.each(SETUPS)(
    "a strict Node-only project (lib es2022, no DOM, skipLibCheck off) compiles under %s and lists the mock's snapshots",
    async (setup) => {
      const dir = await writeSetup(plain, setup, ["es2022"], { "list-snapshots.ts": await readFile(FIXTURE, "utf8") });
      await compile(dir);
      if (setup === "bundler") return; // a bundler's output is the bundler's business; the types are what we check
      const { stdout } = await run(process.execPath, [join(dir, "out/list-snapshots.js")], { cwd: dir });
      const result = JSON.parse(stdout) as { count: number; ids: string[] };
      expect(result.count).toBe(DEFAULT_SNAPSHOT_COUNT);
      expect(result.ids).toContain(SEED_EXAMPLE_SNAPSHOT.id);
    },
  );
});

describe("the READMEs' TypeScript examples, copied into a project with msw", () => {
  let examples: ReadmeExample[];
  let project: string;

  beforeAll(async () => {
    examples = [];
    for (const dir of ["packages/client", "packages/mock", "packages/types", "spec"]) {
      examples.push(...(await readmeExamples(join(REPO_ROOT, dir, "README.md"), `${dir}/README.md`)));
    }
    project = join(work, "with-msw");
    await mkdir(project);
    const overrides = lockedOverrides(["msw", "@types/node"]);
    await writeFile(join(project, "package.json"), JSON.stringify({ name: "msw-consumer", private: true, overrides }));
    await npmInstall(project, (registry as Registry).url, [...OURS, MSW, TYPES_NODE]);
  });

  it("marks examples for every setup", () => {
    for (const mode of ["esm", "cjs", "bundler", "run"] as const) {
      expect(
        examples.some((example) => example.modes.includes(mode)),
        mode,
      ).toBe(true);
    }
  });

  it.each([
    ["nodenext-esm", "esm"],
    ["nodenext-cjs", "cjs"],
    ["bundler", "bundler"],
  ] as const)(
    "compile as written under %s (msw's own types need lib dom), and the offline ones run",
    async (setup, mode) => {
      const chosen = examples.filter((example) => example.modes.includes(mode));
      const file = (example: ReadmeExample) => `${example.name.replace(/[^a-z0-9]+/gi, "-")}.ts`;
      const dir = await writeSetup(
        project,
        setup,
        ["es2022", "dom"],
        Object.fromEntries(chosen.map((example) => [file(example), example.code])),
      );
      await compile(dir);
      if (setup === "bundler") return;
      for (const example of chosen.filter((e) => e.modes.includes("run"))) {
        const result = await run(process.execPath, [join(dir, "out", file(example).replace(/\.ts$/, ".js"))], {
          cwd: dir,
          allowFailure: true,
        });
        expect(result, example.name).toMatchObject({ code: 0 });
      }
    },
  );
});

describe("the command-line tool, installed globally", () => {
  it("installs without msw and lists the embedded mock's snapshots", async () => {
    const started = Date.now();
    const prefix = join(work, "global");
    await npmInstallArgs(work, [
      "--global",
      "--prefix",
      prefix,
      scopeFlag((registry as Registry).url),
      "@atlas-snapshots/cli",
    ]);
    measure("npm install --global of the CLI", started);
    const modules = join(prefix, "lib/node_modules");
    expect(await findPackages(modules, "msw")).toEqual([]);
    console.log(`consumer test: the CLI installed takes ${await treeSize(modules)} bytes`);

    const bin = join(prefix, "bin/atlas-snapshots");
    const { stdout } = await run(bin, ["list", "--mock", "--output", "json"], {
      cwd: work,
      env: { PATH: process.env.PATH },
    });
    const ids = (JSON.parse(stdout) as { id: string }[]).map((snapshot) => snapshot.id);
    expect(ids).toHaveLength(DEFAULT_SNAPSHOT_COUNT);
    expect(ids).toContain(SEED_EXAMPLE_SNAPSHOT.id);
  });
});

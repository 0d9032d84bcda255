import { describe, expect, it } from "vitest";
import { lockedOverrides } from "../src/locked-versions.js";

describe("lockedOverrides", () => {
  it("holds msw's third-party tree to the lockfile's versions, never our packages or the direct installs", () => {
    const overrides = lockedOverrides(["msw", "@types/node"]);
    // msw 2.15.0 pulls these through @inquirer/confirm; pnpm-lock.yaml holds one version of each.
    expect(overrides["@inquirer/core"]).toMatch(/^\d+\.\d+\.\d+$/);
    expect(overrides.graphql).toMatch(/^\d+\.\d+\.\d+$/);
    expect(overrides).not.toHaveProperty("msw");
    expect(overrides).not.toHaveProperty("@types/node");
    expect(Object.keys(overrides).filter((name) => name.startsWith("@atlas-snapshots/"))).toEqual([]);
  });
});

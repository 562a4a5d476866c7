import { mkdtempSync } from "node:fs";
import { describe, expect, it } from "vitest";
// Here, with the tests that run against the built site: global-setup.ts has just built
// dist/, so the dry run bundles that build rather than rewriting it under the running stack.
import { main } from "../../scripts/cli.ts";

function io() {
  const lines: string[] = [];
  return { lines, io: { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l), cwd: mkdtempSync("/tmp/canvass-deploy-") } };
}

describe("canvass deploy --dry-run", () => {
  it("bundles the Worker with the built site without uploading anything", async () => {
    const { lines, io: seam } = io();
    expect(await main(["deploy", "--dry-run", "--no-build"], seam)).toBe(0);
    expect(lines.join("\n")).toMatch(/bundled the Worker .*nothing was uploaded/);
  }, 120_000);

  // wrangler's dry run reads the environment's section of wrangler.toml and resolves its bindings
  // offline: a section it rejects, or one that reuses the development database, fails here.
  for (const env of ["staging", "production"]) {
    it(`bundles the ${env} environment, bound to its own D1 database, without uploading anything`, async () => {
      const { lines, io: seam } = io();
      expect(await main(["deploy", "--dry-run", "--no-build", "--env", env], seam)).toBe(0);
      expect(lines.join("\n")).toMatch(new RegExp(`bundled the Worker for ${env} into \\.canvass/deploy-${env}/ \\(.*D1 database canvass-${env}\\); nothing was uploaded`));
    }, 120_000);
  }

  it("refuses an unknown option", async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l), cwd: "/tmp" };
    expect(await main(["deploy", "--prod"], io)).toBe(2);
    expect(lines.join("\n")).toContain("unknown option --prod");
  });
});

import { mkdtempSync } from "node:fs";
import { describe, expect, it } from "vitest";
// Here, with the tests that run against the built site: global-setup.ts has just built
// dist/, so the dry run bundles that build rather than rewriting it under the running stack.
import { main } from "../../scripts/cli.ts";

describe("canvass deploy --dry-run", () => {
  it("bundles the Worker with the built site without uploading anything", async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l), cwd: mkdtempSync("/tmp/canvass-deploy-") };
    expect(await main(["deploy", "--dry-run", "--no-build"], io)).toBe(0);
    expect(lines.join("\n")).toMatch(/bundled the Worker .*nothing was uploaded/);
  }, 120_000);

  it("refuses an unknown option", async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l), cwd: "/tmp" };
    expect(await main(["deploy", "--prod"], io)).toBe(2);
    expect(lines.join("\n")).toContain("unknown option --prod");
  });
});

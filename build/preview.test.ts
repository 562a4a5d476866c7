/**
 * Drafts: a preview build (CANVASS_PREVIEW=1) gives a draft its page under a visible
 * "Draft: not published" banner; a production build gives it none. One real Astro build
 * of two small surveys into a temporary folder per case, each in its own process.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PREVIEW_ENV, previewDrafts } from "./preview.ts";
import { ROOT } from "./paths.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "canvass-preview-"));
  await writeFile(join(dir, "plans.yaml"), "title: Plans\nstatus: draft\nquestions:\n  - { id: ok, type: yesno, label: Next quarter? }\n");
  await writeFile(join(dir, "open.yaml"), "title: Open\nquestions:\n  - { id: ok, type: yesno, label: OK? }\n");
  await writeFile(join(dir, "entwurf.yaml"), "title: Entwurf\nlanguage: de\nstatus: draft\nquestions:\n  - { id: ok, type: yesno, label: Passt das? }\n");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/**
 * One build in its own process, as CI and `canvass deploy` run it: the preview switch is read
 * from the environment the process starts with (two builds in one process that flip the
 * variable between them are not a case any command makes).
 */
async function build(preview: boolean): Promise<string> {
  const out = join(dir, preview ? "preview" : "production");
  const env: Record<string, string | undefined> = { ...process.env, CANVASS_SURVEYS_DIR: dir, CANVASS_PAPERS_DIR: join(ROOT, "papers"), [PREVIEW_ENV]: preview ? "1" : undefined };
  if (!preview) delete env[PREVIEW_ENV];
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, "scripts/cli.ts"), "build", "--out-dir", out], { cwd: ROOT, env, stdio: "ignore" });
    child.on("exit", resolve);
  });
  expect(code).toBe(0);
  return out;
}

const exists = (file: string) => stat(file).then(() => true, () => false);

describe("drafts", () => {
  it("CANVASS_PREVIEW=1, and nothing else, makes a preview build", () => {
    expect(previewDrafts({ CANVASS_PREVIEW: "1" })).toBe(true);
    expect(previewDrafts({ CANVASS_PREVIEW: "true" })).toBe(false);
    expect(previewDrafts({})).toBe(false);
  });

  it("a preview build serves the draft at /s/<id>/ under the banner; a production build has no page for it", async () => {
    const preview = await build(true);
    const html = await readFile(join(preview, "s/plans/index.html"), "utf8");
    expect(html).toContain("Draft: not published.");
    expect(html).toContain("Next quarter?");
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(await readFile(join(preview, "s/open/index.html"), "utf8")).not.toContain("Draft: not published.");
    // A draft in German says so in German; the key to set stays as written.
    expect(await readFile(join(preview, "s/entwurf/index.html"), "utf8")).toContain(
      "<strong>Entwurf: nicht veröffentlicht.</strong> Nur diese Vorschau zeigt ihn; von hier gesendete Antworten werden nicht gespeichert (zum Veröffentlichen <code>status: open</code> setzen).",
    );
    // The catalog keeps a draft a stub either way: the Worker takes no answers to it.
    expect(JSON.parse(await readFile(join(preview, "_canvass/surveys/plans.json"), "utf8"))).toEqual({ format: 1, id: "plans", status: "draft", client: "canvass-example" });

    const production = await build(false);
    expect(await exists(join(production, "s/open/index.html"))).toBe(true);
    expect(await exists(join(production, "s/plans/index.html"))).toBe(false);
  }, 300_000);
});

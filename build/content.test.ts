import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { forgetContent, loadContent } from "./content.ts";
import { contentProblems } from "./integration.ts";
import { builtContent } from "./memo.ts";
import { ROOT } from "./paths.ts";

const SURVEY = "title: T\nstatus: open\nquestions:\n  - { id: a, type: text, label: A }\n";

async function surveysDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "canvass-content-"));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe("loadContent", () => {
  afterEach(forgetContent);

  it("reads a build's content once: later calls without folders get the same objects", async () => {
    const dirs = { surveys: await surveysDir({ "one.yaml": SURVEY }), papers: join(ROOT, "papers") };
    const first = await loadContent(dirs);
    expect(first.surveys.published.map((p) => p.id)).toEqual(["one"]);
    await writeFile(join(dirs.surveys, "two.yaml"), SURVEY);
    expect(await loadContent()).toBe(first);
    expect(await loadContent(dirs)).toBe(first);
  });

  it("is what the pages read; before any load they are told to build through the integration", async () => {
    expect(() => builtContent()).toThrow(/no content loaded/);
    const dirs = { surveys: await surveysDir({ "one.yaml": SURVEY }), papers: join(ROOT, "papers") };
    const loaded = await loadContent(dirs);
    expect(await builtContent()).toBe(loaded);
  });

  it("reads the files again after forgetContent, or for other folders", async () => {
    const dirs = { surveys: await surveysDir({ "one.yaml": SURVEY }), papers: join(ROOT, "papers") };
    await loadContent(dirs);
    await writeFile(join(dirs.surveys, "two.yaml"), SURVEY);
    forgetContent();
    expect((await loadContent(dirs)).surveys.published.map((p) => p.id)).toEqual(["one", "two"]);
    const other = { ...dirs, surveys: await surveysDir({ "three.yaml": SURVEY }) };
    expect((await loadContent(other)).surveys.published.map((p) => p.id)).toEqual(["three"]);
  });
});

describe("contentProblems", () => {
  it("lists the surveys' problems first, as file:line: path: message, and says the build stopped", () => {
    const stopped = contentProblems([{ file: "surveys/a.yaml", line: 3, path: "title", message: "is required" }], [{ file: "papers/p.md", path: "file", message: "missing" }]);
    expect(stopped?.message).toBe("surveys/a.yaml:3: title: is required\nbuild stopped: 1 problem in the surveys above");
  });

  it("then the papers' problems; nothing when both are clean", () => {
    expect(contentProblems([], [{ file: "papers/p.md", path: "file", message: "missing" }])?.message).toMatch(/^papers\/p\.md: file: missing\nbuild stopped: 1 problem in the papers above$/);
    expect(contentProblems([], [])).toBeUndefined();
  });
});

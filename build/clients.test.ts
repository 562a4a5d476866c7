/**
 * The client of each survey and paper as the build resolves and publishes it: the one
 * it declares, else the config's default; without a default, `client:` is required and
 * its absence is an error naming file, line and field. What the build publishes (the
 * survey index, the catalog entries, the paper module) carries the resolved client, which
 * is what the Worker scopes client tokens by.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { catalogEntry, surveyIndex } from "../core/catalog.ts";
import { loadPapers, renderPaperModule } from "./papers.ts";
import { loadSurveys } from "./surveys.ts";

const dir = mkdtempSync(join(tmpdir(), "canvass-clients-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WITH_DEFAULT = { clients: [{ id: "acme", name: "Acme", industry: "retail", default: true as const }, { id: "globex", name: "Globex", industry: "energy" }] };
const NO_DEFAULT = { clients: [{ id: "acme", name: "Acme", industry: "retail" }, { id: "globex", name: "Globex", industry: "energy" }] };
const QUESTIONS = "questions:\n  - { id: ok, type: yesno, label: OK? }\n";

function surveys(name: string, files: Record<string, string>): string {
  const folder = join(dir, name);
  mkdirSync(folder);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(folder, file), text);
  return folder;
}

describe("the client of a survey", () => {
  it("is the declared one, else the default, in the published index and entries (drafts too)", async () => {
    const folder = surveys("resolved", { "mine.yaml": `title: Mine\n${QUESTIONS}`, "theirs.yaml": `title: Theirs\nclient: globex\nstatus: draft\n${QUESTIONS}` });
    const { published, issues } = await loadSurveys(folder, WITH_DEFAULT);
    expect(issues).toEqual([]);
    expect(surveyIndex(published).surveys).toEqual([
      { id: "mine", status: "open", client: "acme" },
      { id: "theirs", status: "draft", client: "globex" },
    ]);
    expect(published.map(catalogEntry).map((e) => [e.id, e.client])).toEqual([["mine", "acme"], ["theirs", "globex"]]);
  });

  it("must be declared when the config has no default: the error names file, line and client", async () => {
    const folder = surveys("no-default", { "bare.yaml": `title: Bare\n${QUESTIONS}`, "named.yaml": `title: Named\nclient: acme\n${QUESTIONS}` });
    const { published, issues } = await loadSurveys(folder, NO_DEFAULT);
    expect(published.map((p) => p.id)).toEqual(["named"]);
    expect(issues).toEqual([
      { file: join(folder, "bare.yaml"), line: 1, path: "client", message: "a client is required: canvass.config.ts declares no default client, so add client: <id> (one of: acme, globex)" },
    ]);
  });

  it("is not part of the definition's hash when it comes from the default", async () => {
    const a = await loadSurveys(surveys("hash-a", { "same.yaml": `title: Same\n${QUESTIONS}` }), WITH_DEFAULT);
    const b = await loadSurveys(surveys("hash-b", { "same.yaml": `title: Same\n${QUESTIONS}` }), { clients: [{ id: "other", name: "Other", industry: "x", default: true as const }] });
    expect(a.published[0]!.hash).toBe(b.published[0]!.hash);
    expect([a.published[0]!.client, b.published[0]!.client]).toEqual(["acme", "other"]);
  });
});

describe("the client of a paper", () => {
  const papers = join(dir, "papers");
  mkdirSync(join(papers, "files"), { recursive: true });
  mkdirSync(join(papers, "covers"), { recursive: true });
  writeFileSync(join(papers, "files", "guide.pdf"), "%PDF-1.4 stand-in");
  writeFileSync(join(papers, "covers", "guide.svg"), "<svg/>");
  const front = (extra: string) => `---\ntitle: A guide\nsummary: Short.\ncover: covers/guide.svg\nauthor: Us\ndate: 2026-11-30\nfile: guide.pdf\nfields: [email]\nconsent_text: Yes please.\n${extra}---\n`;

  it("is published in the Worker's paper module, the default when none is declared", async () => {
    writeFileSync(join(papers, "guide.md"), front(""));
    const { papers: loaded, issues } = await loadPapers(papers, WITH_DEFAULT);
    expect(issues).toEqual([]);
    expect(loaded[0]!.published.client).toBe("acme");
    expect(renderPaperModule(loaded)).toContain('"client":"acme"');
  });

  it("must be declared when the config has no default, and known", async () => {
    writeFileSync(join(papers, "guide.md"), front(""));
    const missing = await loadPapers(papers, NO_DEFAULT);
    expect(missing.issues.map((i) => `${i.path}: ${i.message}`)).toEqual(["client: a client is required: canvass.config.ts declares no default client, so add client: <id> (one of: acme, globex)"]);
    writeFileSync(join(papers, "guide.md"), front("client: globex\n"));
    expect((await loadPapers(papers, NO_DEFAULT)).papers[0]!.published.client).toBe("globex");
  });
});

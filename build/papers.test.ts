import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue } from "../core/parse/source.ts";
import { gatedFilesIn, loadPapers, PAPER_BYTES_BUDGET, renderPaperModule } from "./papers.ts";
import { PAPER_MODULE, ROOT } from "./paths.ts";

const FRONT = (file: string) => `---
title: T
summary: S
cover: covers/c.svg
author: A
date: 2026-11-30
file: ${file}
fields: [email]
consent_text: News?
---
`;

async function folder(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "canvass-papers-"));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, ".."), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return dir;
}

describe("loadPapers", () => {
  it("the committed Worker module matches papers/ (run `npm run build` after changing a paper)", async () => {
    const { papers, issues } = await loadPapers(join(ROOT, "papers"));
    expect(issues.map(formatIssue)).toEqual([]);
    expect(papers.length).toBeGreaterThan(0);
    expect(await readFile(PAPER_MODULE, "utf8")).toBe(renderPaperModule(papers));
  });

  it("the example paper's file is a real PDF", async () => {
    const { papers } = await loadPapers(join(ROOT, "papers"));
    const bytes = await readFile(papers[0]!.filePath);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(bytes.subarray(-6).toString("latin1")).toBe("%%EOF\n");
  });

  it("a paper whose file or cover is missing is an issue naming the key", async () => {
    const dir = await folder({ "p.md": FRONT("p.pdf") });
    const { papers, issues } = await loadPapers(dir);
    expect(papers).toEqual([]);
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ["file", expect.stringMatching(/files\/p\.pdf does not exist/)],
      ["cover", expect.stringMatching(/covers\/c\.svg does not exist/)],
    ]);
  });

  it("two papers cannot share a file: a download link names one paper", async () => {
    const dir = await folder({ "a.md": FRONT("x.pdf"), "b.md": FRONT("x.pdf"), "files/x.pdf": "%PDF-1.4", "covers/c.svg": "<svg/>" });
    const { issues } = await loadPapers(dir);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/already the file of/);
  });

  it("files over the Worker bundle budget stop the build", async () => {
    const dir = await folder({ "a.md": FRONT("big.pdf"), "files/big.pdf": new Uint8Array(PAPER_BYTES_BUDGET + 1), "covers/c.svg": "<svg/>" });
    const { issues } = await loadPapers(dir);
    expect(issues.map((i) => i.message).join()).toMatch(/over the 2 MiB budget/);
  });

  it("no papers folder means no papers", async () => {
    expect(await loadPapers(join(tmpdir(), "no-such-papers-folder"))).toEqual({ papers: [], issues: [] });
  });
});

describe("gatedFilesIn", () => {
  it("finds a copy of a gated file in a folder by its content, whatever its name", async () => {
    const { papers } = await loadPapers(join(ROOT, "papers"));
    const bytes = await readFile(papers[0]!.filePath);
    const out = await folder({ "index.html": "<p>hi</p>", "assets/renamed.bin": bytes, "assets/same-size.bin": new Uint8Array(bytes.length) });
    expect(await gatedFilesIn(out, papers)).toEqual(["assets/renamed.bin"]);
  });
});

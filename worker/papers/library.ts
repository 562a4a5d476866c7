/**
 * The papers this deployment offers, from the generated module (generated.ts, written by `npm run build`):
 * their catalog entries by slug and their gated bytes by file name. Lookups go
 * through Maps, so a name like `__proto__` or `constructor` finds nothing.
 */
import type { PublishedPaper } from "../../core/papers.ts";
import { PAPER_FILES, PAPERS } from "./generated.ts";

const bySlug = new Map(PAPERS.map((p) => [p.slug, p]));
const byFile = new Map(PAPERS.map((p) => [p.file, p]));
const bytesByFile = new Map(Object.entries(PAPER_FILES));

/** Every paper this deployment offers. */
export function allPapers(): readonly PublishedPaper[] {
  return PAPERS;
}

/** The paper with this slug, if this deployment offers one. */
export function findPaper(slug: string): PublishedPaper | undefined {
  return bySlug.get(slug);
}

/** The paper a gated file belongs to, with its bytes; undefined for any other name. */
export function findPaperFile(name: string): { paper: PublishedPaper; bytes: ArrayBuffer } | undefined {
  const paper = byFile.get(name);
  const bytes = bytesByFile.get(name);
  return paper && bytes ? { paper, bytes } : undefined;
}

/**
 * The papers as the site's pages see them: read by the same loader as the build and
 * the Worker module (build/papers.ts), so a page exists exactly for each paper the
 * Worker will take requests for. A broken paper file stops the build.
 *
 * A build reads the folder once for all pages (build/content.ts); in `astro dev` the
 * content loader (site/lib/loader.ts) drops that copy when a paper changes, so the next
 * time Astro asks for the pages' paths they come from the edited files.
 */
import { Marked } from "marked";
import { formatIssue } from "../../core/parse/source.ts";
import { builtContent } from "../../build/memo.ts";
import type { LoadedPaper } from "../../build/papers.ts";

export type { LoadedPaper };

const md = new Marked({ async: false, gfm: true });

/** Newest first. */
export async function sitePapers(): Promise<LoadedPaper[]> {
  // The build's copy, never the folder itself: these pages run bundled, where build/paths.ts
  // cannot find the repository, and a parser in the bundle would only slow every build.
  const { papers, issues } = (await builtContent()).papers;
  if (issues.length) throw new Error(`${issues.length} problem${issues.length === 1 ? "" : "s"} in paper files:\n${issues.map(formatIssue).join("\n")}`);
  return [...papers].sort((a, b) => b.front.date.localeCompare(a.front.date) || a.slug.localeCompare(b.slug));
}

/** The author's Markdown (trusted like the rest of the repository) as HTML. */
export const paperMarkdown = (text: string, inline = false) => (inline ? md.parseInline(text) : md.parse(text)) as string;

/** The cover's public file name beside the landing page: `/papers/<slug>/cover.<ext>`. */
export const coverName = (p: LoadedPaper) => `cover${p.front.cover.slice(p.front.cover.lastIndexOf("."))}`;

/**
 * The content of one build, loaded once: every survey and every paper, read and
 * checked by build/surveys.ts and build/papers.ts. The CLI's check, the Astro
 * integration and the site's content loader (site/lib/loader.ts) all ask here, and the
 * pages (site/lib/papers.ts) read what it kept (build/memo.ts), so a build parses each
 * file once instead of once per process and once per page.
 *
 * @example
 *   const { surveys, papers } = await loadContent();   // the current build's content
 *   const fresh = await loadContent({ surveys: "/tmp/surveys", papers: "/repo/papers" });
 */
import { readMemo, writeMemo, type Content } from "./memo.ts";
import { loadPapers } from "./papers.ts";
import { contentDirs, type ContentDirs } from "./paths.ts";
import { loadSurveysOffThread } from "./surveys-thread.ts";

const sameDirs = (a: ContentDirs, b: ContentDirs) => a.surveys === b.surveys && a.papers === b.papers;

async function read(dirs: ContentDirs): Promise<Content> {
  const [surveys, papers] = await Promise.all([loadSurveysOffThread(dirs.surveys), loadPapers(dirs.papers)]);
  return { dirs, surveys, papers };
}

/**
 * The content in `dirs`, read once per process and folder pair. Without `dirs`: what
 * the build running in this process loaded, or else the folders of build/paths.ts.
 */
export function loadContent(dirs?: ContentDirs): Promise<Content> {
  const memo = readMemo();
  if (memo && (!dirs || sameDirs(memo.dirs, dirs))) return memo.content;
  const wanted = dirs ?? contentDirs();
  const content = read(wanted);
  writeMemo({ dirs: wanted, content });
  return content;
}

/** Drops the memo, so the next `loadContent` reads the files again (a new build, or `astro dev` after an edit). */
export function forgetContent(): void {
  writeMemo(undefined);
}

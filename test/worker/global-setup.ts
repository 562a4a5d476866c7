/**
 * Publishes the fixture surveys into a throwaway static folder that the Worker under
 * test serves as its ASSETS, exactly as `npm run build` publishes the real ones.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { loadSurveys } from "../../build/surveys.ts";
import { writeCatalog } from "../../build/catalog.ts";
import { writeCountedPaths } from "../../build/counted-paths.ts";
import { writeSecurityHeaders } from "../../build/headers.ts";
import { loadPapers } from "../../build/papers.ts";
import { formatIssue } from "../../core/parse/index.ts";

/** Shaped like the built template: the site's header and footer around a marked slot, and a script the Worker drops. */
const STAND_IN_TEMPLATE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Canvass</title><style>body{max-width:40rem}</style></head>' +
  '<body><header><a href="/">Test organisation</a></header><main><div data-canvass-slot><h1>Canvass</h1></div></main>' +
  '<footer><a href="/privacy/">Privacy</a> · <a href="/terms/">Terms</a></footer><script type="module">navigator.sendBeacon("/api/hits")</script></body></html>';

export default async function setup() {
  const { published, issues } = await loadSurveys("test/fixtures/surveys");
  if (issues.length) throw new Error(`fixture surveys are broken:\n${issues.map(formatIssue).join("\n")}`);
  const dir = process.env.CANVASS_TEST_ASSETS ?? ".canvass/test-assets";
  await rm(dir, { recursive: true, force: true });
  await writeCatalog(published, dir);
  // A stand-in for each paper's landing page: just the form field the Worker stamps.
  for (const paper of (await loadPapers()).papers) {
    await mkdir(`${dir}/papers/${paper.slug}`, { recursive: true });
    await writeFile(`${dir}/papers/${paper.slug}/index.html`, `<!doctype html><title>${paper.slug}</title><form><input type="hidden" name="_ticket" value=""></form>`);
  }
  // A stand-in for the template of the Worker's own pages (site/pages/[internal]/page.astro).
  await mkdir(`${dir}/_canvass/page`, { recursive: true });
  await writeFile(`${dir}/_canvass/page/index.html`, STAND_IN_TEMPLATE);
  // The pages visitor statistics count, as the build lists them from its output: here the
  // pages the fixture surveys and papers would have, plus the site's fixed pages.
  const pages = ["index.html", "privacy/index.html", "terms/index.html", "optout/index.html", "404.html", "admin/stats/index.html"];
  for (const p of published.filter((s) => s.survey.status !== "draft")) pages.push(`s/${p.id}/index.html`, `s/${p.id}/thanks/index.html`);
  for (const paper of (await loadPapers()).papers) pages.push(`papers/${paper.slug}/index.html`);
  await writeCountedPaths(dir, pages);
  // The hashes of the stand-ins' inline code, as the build publishes them for the Worker's CSP.
  await writeSecurityHeaders(dir);
  return () => rm(dir, { recursive: true, force: true });
}

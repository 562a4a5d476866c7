/**
 * The results pages, `/admin/surveys/<id>/`: the build makes one results page for every
 * survey (site/pages/admin/results.astro, at `RESULTS_PAGE_PATH`, where nothing links), and
 * the Worker, which runs first for `/admin/surveys/*` (wrangler.toml `run_worker_first`),
 * serves it at each open or closed survey's address with that survey stamped in by
 * HTMLRewriter: the title in `<title>` and `<h1>`, the meta line, the survey's JSON for the
 * page script (core/results/page.ts), and the "Who answered" list or, for an anonymous
 * survey, the notice in its place. A page per survey made the build's time and the
 * deployment's file count grow with the surveys; this page holds no data either way (the
 * admin API gives that, with the token), so stamping it costs one catalog read.
 *
 * Everything stamped is text escaped by HTMLRewriter, and the JSON has no `<`, so a title or
 * label holding `<`, `&`, quotes or `</script>` stays text. The headers are the static
 * admin pages' (worker/http/headers.ts: the build's CSP, `no-store` as for every `/admin/`
 * path); the page's validators are dropped, as its bytes differ per survey.
 *
 * A draft, an unknown or malformed id, and any other address under `/admin/surveys/` get
 * the site's 404 page with status 404, as when a static page per survey existed.
 *
 * @example
 *   GET /admin/surveys/customer-feedback/   // the results page, titled "Results: How did we do?"
 *   GET /admin/surveys/next-quarter-plans/  // a draft: 404
 */
import { Hono, type Context } from "hono";
import type { PublishedSurvey } from "../../core/compile.ts";
import { resultsHeadings } from "../../core/results/headings.ts";
import { RESULTS_DATA_ID, resultsPageSurvey } from "../../core/results/page.ts";
import { jsonForScript } from "../../core/script-json.ts";
import { findSurvey } from "../catalog.ts";

type Ctx = Context<{ Bindings: Env }>;

/** Where the build publishes the one results page (site/pages/admin/results.astro); the Worker reads it through ASSETS. */
export const RESULTS_PAGE_PATH = "/admin/results/";

export const resultsPages = new Hono<{ Bindings: Env }>();

/** The site's 404 page: nothing is at this address under the assets, as there is no file per survey. */
const notFound = (c: Ctx) => c.env.ASSETS.fetch(c.req.raw);

/** The survey with results at `id`: an open or closed one, never a draft. */
async function surveyWithResults(env: Env, id: string): Promise<PublishedSurvey | undefined> {
  const entry = await findSurvey(env, id);
  return entry && "survey" in entry ? entry : undefined;
}

/** The built page with `published` stamped in (see the header). */
export function stampResults(page: Response, published: PublishedSurvey): Response {
  const { title, meta } = resultsHeadings(published);
  const anonymous = published.survey.anonymous;
  return new HTMLRewriter()
    .on("head > title", { element: (e) => void e.setInnerContent(`Results: ${title}`) })
    .on("#results-title", { element: (e) => void e.setInnerContent(title) })
    .on("#results-meta", { element: (e) => void e.setInnerContent(meta) })
    .on(`script#${RESULTS_DATA_ID}`, { element: (e) => void e.setInnerContent(jsonForScript(resultsPageSurvey(published)), { html: true }) })
    .on("#results", { element: (e) => void e.setAttribute("data-survey", published.id) })
    .on("[data-anonymous]", { element: (e) => void (anonymous ? e.removeAttribute("data-anonymous") : e.remove()) })
    .on("[data-named]", { element: (e) => void (anonymous ? e.remove() : e.removeAttribute("data-named")) })
    .transform(page);
}

resultsPages.get("/:survey/", async (c) => {
  const published = await surveyWithResults(c.env, c.req.param("survey"));
  if (!published) return notFound(c);
  const page = await c.env.ASSETS.fetch(new Request(new URL(RESULTS_PAGE_PATH, c.req.url)));
  if (page.status !== 200) throw new Error(`results page: ${RESULTS_PAGE_PATH} answered ${page.status}; was the site built?`);
  const res = new Response(stampResults(page, published).body, page);
  for (const name of ["content-length", "etag", "last-modified"]) res.headers.delete(name);
  return res;
});
// The address without its slash, as the static host redirected it when each survey had a file.
resultsPages.get("/:survey", async (c) => {
  if (!(await surveyWithResults(c.env, c.req.param("survey")))) return notFound(c);
  const url = new URL(c.req.url);
  return c.redirect(`${url.pathname}/${url.search}`, 307);
});
resultsPages.all("*", notFound);

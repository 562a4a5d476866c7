/**
 * The survey pages, `/s/*`. They stay the static files the build made, but the Worker runs
 * first for them (wrangler.toml `run_worker_first`) so that a personal link,
 * `/s/<id>/?t=<token>` (or `/s/<id>/<language>/?t=<token>`), works with JavaScript off: the
 * page is served with the token stamped into its form, the contact's fields piped in, or the
 * "already answered" notice in the form's place (personalise.ts), its words in the page's
 * language. URL parameters fill the survey's hidden questions the same way.
 *
 * - No query string (almost every view): the asset itself, untouched, with its own headers
 *   and 304s.
 * - Parameters but no token: the page with its hidden questions filled; caching as the asset's.
 * - A token: never a 304 (the copy is this person's) and `Cache-Control: no-store`; the
 *   security headers are the static pages' own (worker/http/headers.ts).
 * - Nothing at the address, under a survey in a language other than English (`/s/<id>/de/x/`,
 *   or any path of a survey whose language is `de`): a browser gets the 404 in that language;
 *   elsewhere the site's own 404 page (site/pages/404.astro, English).
 *
 * @example
 *   GET /s/customer-feedback/?t=<token>   // the survey, its form carrying <input name="_t">
 */
import { Hono, type Context } from "hono";
import { en } from "../../core/i18n/en.ts";
import { stringsFor } from "../../core/i18n/strings.ts";
import { offeredLanguage } from "../../core/i18n/versions.ts";
import { TOKEN_PARAM } from "../../core/personal-link.ts";
import { NO_STORE } from "../../core/security-headers.ts";
import { findSurvey } from "../catalog.ts";
import { Problem } from "../http/problems.ts";
import { personalLinkState } from "../invitations/links.ts";
import { personalise } from "./personalise.ts";

export const surveyPages = new Hono<{ Bindings: Env }>();

/** The request without its validators, so the assets answer with the page, not a 304. */
function fresh(req: Request): Request {
  const headers = new Headers(req.headers);
  headers.delete("if-none-match");
  headers.delete("if-modified-since");
  return new Request(req.url, { headers });
}

/** A survey's page language: `segment` (the path's part after the id) when the survey is offered in it, else its default; undefined for no survey. */
async function pageLanguage(env: Env, surveyId: string, segment: string | undefined): Promise<string | undefined> {
  const entry = await findSurvey(env, surveyId);
  if (!entry || !("survey" in entry)) return undefined;
  return offeredLanguage(entry, segment);
}

/** The page, personalised for its query string (see the header). */
async function servePage(c: Context<{ Bindings: Env }>, surveyId: string, segment: string | undefined): Promise<Response> {
  const url = new URL(c.req.url);
  const token = url.searchParams.get(TOKEN_PARAM) || undefined;
  const page = await c.env.ASSETS.fetch(token ? fresh(c.req.raw) : c.req.raw);
  if (page.status !== 200 || !(page.headers.get("content-type") ?? "").startsWith("text/html")) return page;
  const lang = token ? await pageLanguage(c.env, surveyId, segment) : undefined;
  const link = token ? await personalLinkState(c.env, surveyId, token, lang) : undefined;
  const res = new Response(personalise(page, { link, params: url.searchParams, t: stringsFor(lang) }).body, page);
  res.headers.delete("content-length");
  if (token) {
    // This copy is one person's: no cache may keep it or revalidate it for another.
    res.headers.delete("etag");
    res.headers.delete("last-modified");
    res.headers.set("cache-control", NO_STORE);
  }
  return res;
}

/** The asset; when there is none and a browser asked, under a survey in another language than English, the 404 in that language. */
async function asset(c: Context<{ Bindings: Env }>): Promise<Response> {
  const res = await c.env.ASSETS.fetch(c.req.raw);
  if (res.status !== 404 || !(c.req.header("accept") ?? "").includes("text/html")) return res;
  const [surveyId, segment] = new URL(c.req.url).pathname.split("/").slice(2);
  const lang = surveyId ? await pageLanguage(c.env, surveyId, segment) : undefined;
  if (!lang || stringsFor(lang) === en) return res;
  throw new Problem(404, stringsFor(lang).pageMissing, { lang });
}

surveyPages.get("/:survey/", (c) => (new URL(c.req.url).search ? servePage(c, c.req.param("survey"), undefined) : asset(c)));
surveyPages.get("/:survey/:lang/", async (c) => {
  const { survey, lang } = c.req.param();
  // Only a language's own page is personalised (not, say, /s/<id>/thanks/).
  if (!new URL(c.req.url).search || (await pageLanguage(c.env, survey, lang)) !== lang) return asset(c);
  return servePage(c, survey, lang);
});
surveyPages.all("*", asset);

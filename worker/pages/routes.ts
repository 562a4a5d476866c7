/**
 * The survey pages, `/s/*`. They stay the static files the build made, but the Worker runs
 * first for them (wrangler.toml `run_worker_first`) so that a personal link,
 * `/s/<id>/?t=<token>`, works with JavaScript off: the page is served with the token
 * stamped into its form, the contact's fields piped in, or the "already answered" notice in
 * the form's place (personalise.ts). URL parameters fill the survey's hidden questions the
 * same way.
 *
 * - No query string (almost every view): the asset itself, untouched, with its own headers
 *   and 304s.
 * - Parameters but no token: the page with its hidden questions filled; caching as the asset's.
 * - A token: never a 304 (the copy is this person's) and `Cache-Control: no-store`; the
 *   security headers are the static pages' own (worker/http/headers.ts).
 *
 * @example
 *   GET /s/customer-feedback/?t=<token>   // the survey, its form carrying <input name="_t">
 *   GET /s/customer-feedback/de/?t=<token>   // the same for its German page (an invitation in German links there)
 */
import { Hono, type Context } from "hono";
import { TOKEN_PARAM } from "../../core/personal-link.ts";
import { NO_STORE } from "../../core/security-headers.ts";
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

/** A survey page: `/s/<id>/`, or another language's `/s/<id>/<language>/` (where an invitation in that language links). */
const servePage = async (c: Context<{ Bindings: Env }>) => {
  const url = new URL(c.req.url);
  if (!url.search) return c.env.ASSETS.fetch(c.req.raw);
  const token = url.searchParams.get(TOKEN_PARAM) || undefined;
  const page = await c.env.ASSETS.fetch(token ? fresh(c.req.raw) : c.req.raw);
  if (page.status !== 200 || !(page.headers.get("content-type") ?? "").startsWith("text/html")) return page;
  const link = token ? await personalLinkState(c.env, c.req.param("survey") ?? "", token) : undefined;
  const res = new Response(personalise(page, { link, params: url.searchParams }).body, page);
  res.headers.delete("content-length");
  if (token) {
    // This copy is one person's: no cache may keep it or revalidate it for another.
    res.headers.delete("etag");
    res.headers.delete("last-modified");
    res.headers.set("cache-control", NO_STORE);
  }
  return res;
};

surveyPages.get("/:survey/", servePage);
surveyPages.get("/:survey/:language{[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*}/", servePage);

surveyPages.all("*", (c) => c.env.ASSETS.fetch(c.req.raw));

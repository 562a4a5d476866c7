/**
 * The papers' landing pages stay static files, but the Worker runs first for them
 * (wrangler.toml `run_worker_first`) to stamp a fresh form ticket into the form's
 * hidden `_ticket` field as the page is served. A static page cannot know when it was
 * served; with the stamp, the minimum fill time holds with JavaScript off too, and a
 * request without a ticket can be refused (guards.ts).
 *
 * Everything else under /papers/ (covers, unknown slugs) is passed to the assets as is.
 */
import { Hono } from "hono";
import { issueFormTicket } from "./guards.ts";
import { findPaper } from "./library.ts";

export const paperPages = new Hono<{ Bindings: Env }>();

paperPages.get("/:slug/", async (c) => {
  // Never a 304: a revalidated copy would carry the old ticket.
  const headers = new Headers(c.req.raw.headers);
  headers.delete("if-none-match");
  headers.delete("if-modified-since");
  const page = await c.env.ASSETS.fetch(new Request(c.req.url, { headers }));
  const slug = c.req.param("slug");
  const isPaper = findPaper(slug) !== undefined;
  if (!isPaper || !page.ok || !(page.headers.get("content-type") ?? "").includes("text/html")) return page;
  const ticket = await issueFormTicket(c.env, slug);
  const stamped = new HTMLRewriter()
    .on('input[name="_ticket"]', { element: (el) => void el.setAttribute("value", ticket) })
    .transform(page);
  const res = new Response(stamped.body, stamped);
  // Each copy carries its own issue time, so no cache may hand one copy to many visitors.
  res.headers.set("cache-control", "no-store");
  return res;
});

paperPages.get("*", (c) => c.env.ASSETS.fetch(c.req.raw));

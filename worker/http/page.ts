/**
 * The HTML pages the Worker renders itself (form errors, refusals, the opt-out and
 * "download ready" pages), dressed in the site's own layout: the build publishes a
 * template page made with the site's Base layout at /_canvass/page/
 * (site/pages/[internal]/page.astro), which is fetched from the assets once per isolate
 * and filled with HTMLRewriter: the title, the language, and the element marked
 * `data-canvass-slot`. Scripts are dropped (the beacon would report a path that may
 * hold a token). Without the template (a Worker deployed without its site) the page
 * falls back to a minimal one that is readable without any asset.
 *
 * @example
 *   return c.html(await page(c.env, "You are opted out", "<p>Done.</p>"));
 */
import { stringsFor } from "../../core/i18n/strings.ts";
import { escapeHtml } from "../../core/piping.ts";

export { escapeHtml };

/** Where the build publishes the template (the Worker reads it through ASSETS). */
export const TEMPLATE_PATH = "/_canvass/page/";

/** The template's text, or null when there is none; loaded once per isolate. */
let template: Promise<string | null> | undefined;

async function loadTemplate(env: Partial<Pick<Env, "ASSETS">>): Promise<string | null> {
  try {
    const res = await env.ASSETS?.fetch(new Request(`https://assets.invalid${TEMPLATE_PATH}`));
    if (!res || res.status !== 200) return null;
    const text = await res.text();
    return text.includes("data-canvass-slot") ? text : null;
  } catch {
    return null;
  }
}

/** A page with the site's header, footer and styles, its `<main>` holding an h1 and `bodyHtml`. */
export async function page(env: Partial<Pick<Env, "ASSETS">>, title: string, bodyHtml: string, lang = "en"): Promise<string> {
  template ??= loadTemplate(env);
  return fillPage(await template, title, bodyHtml, lang);
}

/** Fills `html` (the template, or null for none: then the minimal page) with a title and a body. */
export function fillPage(html: string | null, title: string, bodyHtml: string, lang = "en"): Promise<string> {
  if (html === null) return Promise.resolve(minimalPage(title, bodyHtml, lang));
  const main = `<h1>${escapeHtml(title)}</h1>${bodyHtml}`;
  const t = stringsFor(lang);
  return new HTMLRewriter()
    .on("html", { element: (e) => void e.setAttribute("lang", lang) })
    // The template is the English site's: its links to the legal pages are named in the page's language.
    .on('footer a[href="/privacy/"]', { element: (e) => void e.setInnerContent(t.privacy) })
    .on('footer a[href="/terms/"]', { element: (e) => void e.setInnerContent(t.terms) })
    .on("title", { element: (e) => void e.setInnerContent(title) })
    .on("script", { element: (e) => void e.remove() })
    .on("[data-canvass-slot]", { element: (e) => void e.replace(main, { html: true }) })
    .transform(new Response(html))
    .text();
}

/** The fallback page's one stylesheet; worker/http/headers.ts allows it by its hash. */
export const MINIMAL_PAGE_STYLE = "body{font:1.05rem/1.5 system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:1rem}a{color:inherit}";

/** A minimal, accessible page with the legal links every page carries: the fallback without a template. */
export function minimalPage(title: string, bodyHtml: string, lang = "en"): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light dark"><title>${escapeHtml(title)}</title>
<style>${MINIMAL_PAGE_STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${bodyHtml}</main>
<footer><p><a href="/privacy/">${escapeHtml(stringsFor(lang).privacy)}</a> · <a href="/terms/">${escapeHtml(stringsFor(lang).terms)}</a></p></footer></body></html>`;
}

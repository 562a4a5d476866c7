/**
 * The few HTML pages the Worker itself renders (form errors, refusals). They use the
 * site's stylesheet-free defaults so they stay readable without any asset.
 */
import { escapeHtml } from "../../core/piping.ts";

export { escapeHtml };

/** A minimal, accessible page with the legal links every page carries. */
export function page(title: string, bodyHtml: string, lang = "en"): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light dark"><title>${escapeHtml(title)}</title>
<style>body{font:1.05rem/1.5 system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:1rem}a{color:inherit}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${bodyHtml}</main>
<footer><p><a href="/privacy/">Privacy</a> · <a href="/terms/">Terms</a></p></footer></body></html>`;
}

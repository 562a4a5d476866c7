/**
 * A stand-in for a client's website on a second origin, so the pop-up surveys can be
 * seen working locally: `npm start` serves it on PORT+1 (http://127.0.0.1:8788/), every
 * path the same small page with the `/embed.js` script tag of a survey whose
 * `intercept.origins` lists that origin (surveys/quick-pulse.yaml). The browser tests
 * serve the same page (test/browser/popup.test.ts).
 *
 * @example
 *   const host = await startDemoHost({ port: 8788, canvassUrl: "http://127.0.0.1:8787", survey: "quick-pulse" });
 *   console.log(host.url); // http://127.0.0.1:8788/
 */
import { createServer } from "node:http";

export type DemoPage = { canvassUrl: string; survey: string; path?: string; dir?: "ltr" | "rtl"; extraHead?: string };

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The host page: a header, some text, links to other paths, and the script tag a client adds. */
export function demoHostPage(p: DemoPage): string {
  const links = ["/", "/pricing/", "/docs/start/"].map((href) => `<a href="${href}">${href === "/" ? "Home" : href}</a>`).join(" · ");
  return `<!doctype html>
<html lang="en" dir="${p.dir ?? "ltr"}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Example shop (a client's website)</title>${p.extraHead ?? ""}</head>
<body><header><nav aria-label="Site">${links}</nav></header>
<main><h1>Example shop</h1><p>This page stands for a client's own website on another origin. It loads the pop-up survey
<code>${escape(p.survey)}</code> from Canvass at <code>${escape(p.canvassUrl)}</code> with one script tag.</p>
<p>You are on <code>${escape(p.path ?? "/")}</code>.</p><p><button type="button" id="host-button">A button of the host page</button></p></main>
<script src="${escape(p.canvassUrl)}/embed.js" data-survey="${escape(p.survey)}" async></script>
</body></html>`;
}

/** Serves the demo page on 127.0.0.1:`port`; resolves once listening, rejects when the port is taken. */
export function startDemoHost(o: { port: number; canvassUrl: string; survey: string }): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/favicon.ico") return res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(demoHostPage({ ...o, path }));
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.unref(); // never what keeps `npm start` running: the Worker is
    server.listen(o.port, "127.0.0.1", () => ok({ url: `http://127.0.0.1:${o.port}/`, stop: () => new Promise((done) => server.close(() => done())) }));
  });
}

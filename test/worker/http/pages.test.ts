/**
 * The pages the Worker renders itself wear the site's layout: the build publishes a
 * template page (site/pages/[internal]/page.astro; here the stand-in written by
 * test/worker/global-setup.ts) and worker/http/page.ts fills it.
 */
import { describe, expect, it } from "vitest";
import { fillPage } from "../../../worker/http/page.ts";
import { call, postForm } from "../helpers.ts";
import { requestForm } from "../papers/helpers.ts";

const headings = (html: string) => html.match(/<h1[\s>]/g) ?? [];

describe("a Worker-rendered page", () => {
  it("a 422 page has the site's header and footer, one heading, and labels with their placeholders' fallback text", async () => {
    const res = await postForm("/api/responses/all-types", [["satisfaction", "9"], ["agree", ""]]);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<header><a href="/">Test organisation</a></header>');
    expect(html).toContain("<footer>");
    expect(headings(html)).toHaveLength(1);
    expect(html).toContain("<title>Some answers need another look</title>");
    expect(html.match(/Some answers need another look/g)).toHaveLength(2); // the title and the heading, not a paragraph repeating it
    expect(html).toContain("How satisfied are you with us?");
    expect(html).not.toContain("{{");
    // The template's beacon would report a path that may carry a token.
    expect(html).not.toContain("<script");
  });

  it("the missing-ticket page asks for a reload in plain words, not as a field called 'The form'", async () => {
    const res = await requestForm([["name", "Grace"], ["email", "grace@example.com"], ["company", "Navy"], ["job_title", "Admiral"], ["_ticket", ""]]);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Please reload the page and send it again.");
    expect(html).not.toMatch(/The form\s*(<\/strong>)?\s*:/);
    expect(html).toContain('<header><a href="/">Test organisation</a></header>');
  });

  it("a refusal of an opt-out link and a 404 use the template too", async () => {
    for (const path of ["/api/optout/not-a-token", "/api/no-such-thing"]) {
      const html = await (await call(path, { headers: { accept: "text/html" } })).text();
      expect(html, path).toContain('<header><a href="/">Test organisation</a></header>');
      expect(headings(html), path).toHaveLength(1);
    }
  });
});

describe("the page template", () => {
  it("escapes the title it fills in", async () => {
    const html = await fillPage('<html><head><title>x</title></head><body><main><div data-canvass-slot></div></main></body></html>', "<b>Closed</b>", "<p>Body</p>", "de");
    expect(html).toContain("<title>&lt;b&gt;Closed&lt;/b&gt;</title>");
    expect(html).toContain('<html lang="de">');
    expect(html).toContain("<main><h1>&lt;b&gt;Closed&lt;/b&gt;</h1><p>Body</p></main>");
  });

  it("is replaced by a minimal page with the legal links when the build published none", async () => {
    const html = await fillPage(null, "Closed", "<p>Body</p>");
    expect(html).toContain("<main><h1>Closed</h1><p>Body</p></main>");
    expect(html).toContain('href="/privacy/"');
  });
});

/**
 * The results pages, `/admin/surveys/<id>/` (worker/pages/results.ts): one page built for
 * every survey (site/pages/admin/results.astro, at /admin/results/), served by the Worker
 * at each open or closed survey's address with that survey stamped in; a draft, an unknown
 * or malformed id and any other address under /admin/surveys/ are the site's 404.
 *
 * The fixture site builds no pages, so the assets here are the real ones (catalog included)
 * with a hand-made results page shaped as results.astro renders it (the parts the Worker
 * touches), and for the escaping test a catalog entry whose title and labels hold markup.
 */
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { catalogPath } from "../../../core/catalog.ts";
import type { PublishedSurvey } from "../../../core/compile.ts";
import { plainText } from "../../../core/plain-text.ts";
import { resultsPageSurvey, type ResultsPageSurvey } from "../../../core/results/page.ts";
import { contentSecurityPolicy, CSP_HASHES_PATH, NO_STORE, SECURITY_HEADERS, type InlineHashes } from "../../../core/security-headers.ts";
import { app } from "../../../worker/app.ts";
import { RESULTS_PAGE_PATH } from "../../../worker/pages/results.ts";
import { BASE } from "../helpers.ts";

const BUILT_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Results</title><style>.results{color:red}</style></head><body><main>' +
  '<p><a href="/admin/">All surveys</a></p><h1 id="results-title">Results</h1>' +
  '<p class="mute" id="results-meta">Open a survey\'s results from the list of all surveys.</p>' +
  '<script type="application/json" id="admin-survey">null</script><div id="results" class="results" hidden>' +
  '<h2 id="questions-heading">Questions</h2><h2>Invitations</h2>' +
  '<p class="mute" data-anonymous>This survey is anonymous: only counts are shown, and nothing links a person to their answers.</p>' +
  '<h3 data-named>Who answered</h3><div class="scroll" data-named><table id="contacts"><tbody></tbody></table></div>' +
  '<p id="contacts-empty" class="mute" data-named hidden>No one has been invited yet.</p>' +
  '<button type="button" id="contacts-more" data-named hidden>Show more contacts</button>' +
  '</div><script type="module" src="/_astro/results.js"></script></main></body></html>';
const PAGE_HEADERS = { "content-type": "text/html; charset=utf-8", etag: '"built-results-1"', "cache-control": "public, max-age=0, must-revalidate" };

/** A title and labels with everything that could break out of text, an attribute or the script element. */
const HOSTILE = `Fish & chips < 2 "quoted" 'single' <b>bold</b> </script><script>alert(1)</script>`;
const ESCAPE_ID = "escape-poll";

async function entry(id: string): Promise<PublishedSurvey> {
  return (await (await env.ASSETS.fetch(new Request(`https://assets.invalid${catalogPath(id)}`))).json()) as PublishedSurvey;
}

/** tiny-poll's definition, republished as `escape-poll` with the hostile text as its title and its question's label. */
async function hostileEntry(): Promise<PublishedSurvey> {
  const e = await entry("tiny-poll");
  const pages = e.survey.pages.map((p) => ({ ...p, questions: p.questions.map((q) => ({ ...q, label: HOSTILE })) }));
  return { ...e, id: ESCAPE_ID, survey: { ...e.survey, title: HOSTILE, pages } } as PublishedSurvey;
}

/** The real assets with the hand-made results page and the hostile catalog entry. */
const assets = {
  async fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const req = new Request(input, init);
    const path = new URL(req.url).pathname;
    if (path === RESULTS_PAGE_PATH) return new Response(BUILT_PAGE, { headers: PAGE_HEADERS });
    if (path === catalogPath(ESCAPE_ID)) return Response.json(await hostileEntry());
    return env.ASSETS.fetch(req);
  },
  connect: env.ASSETS.connect.bind(env.ASSETS),
} as Fetcher;

const open = (path: string, method = "GET") =>
  app.fetch(new Request(`${BASE}${path}`, { method, headers: { accept: "text/html" }, redirect: "manual" }), { ...env, ASSETS: assets } as Env, createExecutionContext());

/** The stamped survey JSON, as the page script reads it (the element's text). */
function stampedSurvey(html: string): ResultsPageSurvey {
  const m = /<script type="application\/json" id="admin-survey">([\s\S]*?)<\/script>/.exec(html);
  expect(m, "the survey's JSON element").not.toBeNull();
  return JSON.parse(m![1]!) as ResultsPageSurvey;
}

const text = (html: string, pattern: RegExp) => pattern.exec(html)?.[1];

describe("the results page of an open or closed survey", () => {
  it("is the one built page with the survey's title, meta line and JSON stamped in", async () => {
    const res = await open("/admin/surveys/all-types/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(text(html, /<title>([^<]*)<\/title>/)).toBe("Results: Every question type");
    expect(text(html, /<h1 id="results-title">([^<]*)<\/h1>/)).toBe("Every question type");
    expect(text(html, /<p class="mute" id="results-meta">([^<]*)<\/p>/)).toBe("all-types · open");
    expect(html).toContain('<div id="results" class="results" hidden data-survey="all-types">');
    expect(stampedSurvey(html)).toEqual(JSON.parse(JSON.stringify(resultsPageSurvey(await entry("all-types")))));
    expect(stampedSurvey(html).questions.map((q) => q.id)).toContain("nickname");
  });

  it("keeps the who-answered list of a survey that is not anonymous and drops the anonymous notice", async () => {
    const html = await (await open("/admin/surveys/all-types/")).text();
    expect(html).toContain("<h3>Who answered</h3>");
    expect(html).toContain('<table id="contacts">');
    expect(html).not.toContain("This survey is anonymous");
    expect(html).not.toMatch(/data-(named|anonymous)/);
  });

  it("shows an anonymous survey's notice in place of the who-answered list, and says anonymous in the meta line", async () => {
    const html = await (await open("/admin/surveys/anon-invite-poll/")).text();
    expect(html).toContain('<p class="mute">This survey is anonymous: only counts are shown, and nothing links a person to their answers.</p>');
    expect(html).not.toContain("Who answered");
    expect(html).not.toContain('id="contacts');
    expect(text(html, /<p class="mute" id="results-meta">([^<]*)<\/p>/)).toBe("anon-invite-poll · open · anonymous");
    expect(stampedSurvey(html).anonymous).toBe(true);
  });

  it("is served for a closed survey too, with its status", async () => {
    const res = await open("/admin/surveys/closed-poll/");
    expect(res.status).toBe(200);
    expect(text(await res.text(), /<p class="mute" id="results-meta">([^<]*)<\/p>/)).toMatch(/^closed-poll · closed/);
  });

  it("writes a title and labels holding <, &, quotes and </script> as text, and the JSON reads back unchanged", async () => {
    const html = await (await open(`/admin/surveys/${ESCAPE_ID}/`)).text();
    // Only the page's own two scripts: nothing stamped opened or closed one.
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain("<b>");
    // The title is Markdown, so its tags are dropped as the build dropped them (core/plain-text.ts); what is left is text.
    expect(plainText(HOSTILE)).toBe(`Fish & chips < 2 "quoted" 'single' bold alert(1)`);
    const escaped = "Fish &amp; chips &lt; 2 \"quoted\" 'single' bold alert(1)";
    expect(text(html, /<title>([^<]*)<\/title>/)).toBe(`Results: ${escaped}`);
    expect(text(html, /<h1 id="results-title">([^<]*)<\/h1>/)).toBe(escaped);
    const survey = stampedSurvey(html);
    expect(survey.questions[0]!.label).toBe(HOSTILE);
    expect(survey.id).toBe(ESCAPE_ID);
  });

  it("carries the static admin pages' security headers: the build's CSP, no-store, and no validators", async () => {
    const res = await open("/admin/surveys/all-types/");
    const hashes = (await (await env.ASSETS.fetch(new Request(`https://assets.invalid${CSP_HASHES_PATH}`))).json()) as InlineHashes;
    expect(res.headers.get("content-security-policy")).toBe(contentSecurityPolicy(hashes));
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(name), name).toBe(value);
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("cache-control")).toBe(NO_STORE);
    expect(res.headers.get("etag")).toBeNull();
    expect(res.headers.get("last-modified")).toBeNull();
  });

  it("answers HEAD as GET, without a body", async () => {
    const res = await open("/admin/surveys/all-types/", "HEAD");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe(NO_STORE);
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("redirects the address without its trailing slash to the page", async () => {
    const res = await open("/admin/surveys/all-types");
    expect(res.status).toBe(307);
    expect(new URL(res.headers.get("location")!, BASE).pathname).toBe("/admin/surveys/all-types/");
  });
});

describe("no results page", () => {
  it.each([
    ["a draft", "/admin/surveys/draft-poll/"],
    ["an unknown survey", "/admin/surveys/no-such-poll/"],
    ["a malformed id", "/admin/surveys/Bad_Id!/"],
    ["an id with markup", "/admin/surveys/%3Cscript%3E/"],
    ["the folder itself", "/admin/surveys/"],
    ["a path under a survey's page", "/admin/surveys/all-types/extra/"],
    ["a file under a survey's page", "/admin/surveys/all-types/index.html"],
    ["a draft without its slash", "/admin/surveys/draft-poll"],
  ])("for %s: a 404, never the results page", async (_, path) => {
    const res = await open(path);
    expect(res.status, path).toBe(404);
    const html = await res.text();
    expect(html).not.toContain("results-title");
    expect(html).not.toContain("draft-poll");
  });

  it("a draft's page is the same 404 as an unknown survey's, naming nothing of the draft", async () => {
    const draft = await open("/admin/surveys/draft-poll/");
    const unknown = await open("/admin/surveys/no-such-poll/");
    expect(draft.status).toBe(404);
    expect(await draft.text()).toBe(await unknown.text());
  });
});

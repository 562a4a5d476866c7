/**
 * The survey pages the Worker serves from the assets (worker/pages/): a personal link,
 * `/s/<id>/?t=<token>`, works with JavaScript off because the Worker stamps the token into
 * the form as it serves the page; hidden questions take their URL parameters; a page
 * without a query string is the asset itself.
 *
 * The fixture site has no built survey pages, so the assets here are the real ones with a
 * hand-made page in place of `/s/invite-poll/`, shaped as site/components/SurveyForm.astro
 * renders it (the parts the Worker touches).
 */
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { HIDDEN_PARAM_MAX } from "../../../core/personal-link.ts";
import { contentSecurityPolicy, CSP_HASHES_PATH, NO_STORE, SECURITY_HEADERS, type InlineHashes } from "../../../core/security-headers.ts";
import { nowSeconds, signToken } from "../../../core/tokens.ts";
import { app } from "../../../worker/app.ts";
import { personalLink } from "../../../worker/invitations/links.ts";
import { assetsWithPage, BASE, openPage, rows } from "../helpers.ts";
import { seedInvitation } from "../invitations/helpers.ts";

const SURVEY = "invite-poll";
const ETAG = '"built-page-1"';
const PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Invite poll</title></head><body>' +
  '<h1>Invite poll</h1><p>A short check-in, <span data-pipe="name">friend</span>.</p>' +
  `<form id="survey-form" method="post" action="/api/responses/${SURVEY}"><input type="hidden" name="_submission" value="">` +
  '<input type="hidden" name="source" data-param="source" value=""><input type="hidden" name="t" data-param="t" value="">' +
  '<fieldset class="q" id="q-ok"><legend>Was <span data-pipe="company">it</span> OK?</legend>' +
  '<label><input type="radio" name="ok" value="yes"> Yes</label><label><input type="radio" name="ok" value="no"> No</label></fieldset>' +
  '<p id="survey-status" role="status"></p><button type="submit">Send answers</button></form>' +
  '<script type="module" src="/_astro/survey.js"></script></body></html>';
const ASSET_HEADERS = { "content-type": "text/html; charset=utf-8", etag: ETAG, "cache-control": "public, max-age=0, must-revalidate" };

/** The real assets, with the hand-made survey page (and its 304) in place of the built one. */
const assets = assetsWithPage(`/s/${SURVEY}/`, (req) =>
  req.headers.get("if-none-match") === ETAG ? new Response(null, { status: 304, headers: { etag: ETAG } }) : new Response(PAGE, { headers: ASSET_HEADERS }));

const open = (path: string, headers: Record<string, string> = {}) => openPage(path, assets, headers);

const linkPath = async (invitation: string, survey = SURVEY) => { const u = new URL(await personalLink(env, survey, invitation)); return u.pathname + u.search; };
const stampedToken = (html: string) => /<input type="hidden" name="_t" value="([^"]*)">/.exec(html)?.[1];

/** The policy `_headers` gives every static page (build/headers.ts), from the hashes the build published. */
async function staticPolicy(): Promise<string> {
  const hashes = (await (await env.ASSETS.fetch(new Request(`https://assets.invalid${CSP_HASHES_PATH}`))).json()) as InlineHashes;
  return contentSecurityPolicy(hashes);
}

describe("a survey page without a query string", () => {
  it("is the asset itself: the same bytes, the asset's caching headers, the static pages' security headers, and 304s", async () => {
    const res = await open(`/s/${SURVEY}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(PAGE);
    for (const [name, value] of Object.entries(ASSET_HEADERS)) expect(res.headers.get(name), name).toBe(value);
    expect(res.headers.get("content-security-policy")).toBe(await staticPolicy());
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(name), name).toBe(value);
    expect((await open(`/s/${SURVEY}/`, { "if-none-match": ETAG })).status).toBe(304);
  });

  it("other paths under /s/ (the thank-you page, an unknown survey) are passed to the assets as they are", async () => {
    const res = await open("/s/no-such-survey/?t=abc");
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('name="_t"');
  });
});

describe("a personal link opened with JavaScript off", () => {
  it("serves the page with the token stamped into the form and the contact's fields as text, never cached, without a Referer", async () => {
    const s = await seedInvitation({ name: "Ada <b>Lovelace</b>", company: "Acme & Co" });
    const path = await linkPath(s.invitation);
    expect(path).toMatch(/^\/s\/invite-poll\/\?t=[A-Za-z0-9_.-]+$/);
    const res = await open(path, { "if-none-match": ETAG });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(stampedToken(html)).toBe(new URL(`${BASE}${path}`).searchParams.get("t"));
    expect(html).toContain('<span data-pipe="name">Ada &lt;b&gt;Lovelace&lt;/b&gt;</span>');
    expect(html).toContain('<span data-pipe="company">Acme &amp; Co</span>');
    expect(res.headers.get("cache-control")).toBe(NO_STORE);
    expect(res.headers.get("etag")).toBeNull();
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("content-security-policy")).toBe(await staticPolicy());
    // The token never fills a hidden question, even one that is called `t`.
    expect(html).toContain('<input type="hidden" name="t" data-param="t" value="">');
  });

  it("the form posted with the stamped token links the response to the invitation", async () => {
    const s = await seedInvitation({ name: "Grace" });
    const token = stampedToken(await (await open(await linkPath(s.invitation))).text())!;
    const post = await app.fetch(
      new Request(`${BASE}/api/responses/${SURVEY}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
        body: new URLSearchParams([["_submission", crypto.randomUUID()], ["_t", token], ["ok", "yes"]]).toString(),
        redirect: "manual",
      }),
      env,
      createExecutionContext(),
    );
    expect(post.status).toBe(303);
    const stored = await env.DB.prepare("SELECT invitation_id FROM responses WHERE survey_id = ?1").bind(SURVEY).all<{ invitation_id: string }>();
    expect(stored.results).toEqual([{ invitation_id: s.invitation }]);
    expect(await rows(SURVEY)).toHaveLength(1);
  });

  it("an invitation answered already gets the notice in the form's place", async () => {
    const s = await seedInvitation({ name: "Ada", answeredAt: new Date().toISOString() });
    const html = await (await open(await linkPath(s.invitation))).text();
    expect(html).not.toContain('id="survey-form"');
    expect(html).not.toContain('name="_t"');
    expect(html).toContain('<p class="notice" id="survey-answered" role="status">You have already answered this survey through your personal link. Thank you!</p>');
    expect(html).toContain('<span data-pipe="name">Ada</span>');
  });

  it("a refused link (forged, expired, another survey's, for an erased contact) still shows the survey, saying the answers will not be linked", async () => {
    const s = await seedInvitation({ name: "Ada" });
    const key = env.CANVASS_SIGNING_KEY!;
    const cases: [string, RegExp][] = [
      [`${(await linkPath(s.invitation)).slice(0, -3)}xyz`, /not valid: it was changed/],
      [`/s/${SURVEY}/?t=${await signToken({ purpose: "invitation", sub: s.invitation, ref: SURVEY, exp: nowSeconds() - 60 }, key)}`, /expired/],
      [`/s/${SURVEY}/?t=${new URL(await personalLink(env, "anon-invite-poll", s.invitation)).searchParams.get("t")}`, /another survey/],
      [`/s/${SURVEY}/?t=${await signToken({ purpose: "invitation", sub: crypto.randomUUID(), ref: SURVEY }, key)}`, /no longer exists/],
      [`/s/${SURVEY}/?t=%00%3Cscript%3E`, /incomplete or damaged/],
    ];
    for (const [path, reason] of cases) {
      const res = await open(path);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      const status = /<p id="survey-status" role="status">([^<]*)<\/p>/.exec(html)?.[1] ?? "";
      expect(status, path).toMatch(reason);
      expect(status, path).toContain("Your answers will not be linked to an invitation.");
      expect(html, path).not.toContain('name="_t"');
      expect(html, path).toContain('<span data-pipe="name">friend</span>');
      expect(res.headers.get("cache-control"), path).toBe(NO_STORE);
    }
  });
});

describe("hidden questions filled from the address", () => {
  it("take their same-named URL parameter as an escaped value, cut to the limit, and leave the page cacheable as the asset is", async () => {
    const long = `${"é".repeat(HIDDEN_PARAM_MAX - 1)}😀tail`;
    const res = await open(`/s/${SURVEY}/?source=${encodeURIComponent(long)}&utm_source=mail`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const value = /name="source" data-param="source" value="([^"]*)"/.exec(html)?.[1];
    expect(value).toBe(`${"é".repeat(HIDDEN_PARAM_MAX - 1)}😀`);
    expect(res.headers.get("cache-control")).toBe(ASSET_HEADERS["cache-control"]);

    // Markup in a value stays inside the attribute, and a browser reads back exactly what was sent.
    const quoted = await (await open(`/s/${SURVEY}/?source=${encodeURIComponent('"><b>&amp;</b>')}`)).text();
    expect(quoted).toContain('data-param="source" value="&quot;><b>&amp;amp;</b>">');
  });
});

/**
 * Every answer of the Worker carries the security headers of core/security-headers.ts
 * (worker/http/headers.ts): JSON, CSV, pages, files, refusals and the 404. Its HTML pages
 * allow by hash exactly the inline code they hold, and nothing inline besides; whatever is
 * an owner's or one person's is never cached; HSTS is sent over https only.
 */
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { cspHash, HSTS, inlineCode, PERMISSIONS_POLICY, TURNSTILE_ORIGIN } from "../../../core/security-headers.ts";
import { app } from "../../../worker/app.ts";
import { optoutLink, personalLink } from "../../../worker/invitations/links.ts";
import { admin, call, postForm } from "../helpers.ts";
import { seedInvitation } from "../invitations/helpers.ts";
import { requestLink, SLUG } from "../papers/helpers.ts";

const html = { accept: "text/html" };
const pathOf = (url: string) => { const u = new URL(url); return u.pathname + u.search; };

/** The headers every answer has, whatever it is. */
function expectSecurityHeaders(res: Response, what: string): void {
  const h = res.headers;
  const csp = h.get("content-security-policy") ?? "";
  for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"])
    expect(csp, `${what}: ${directive}`).toContain(directive);
  expect(csp, what).not.toContain("unsafe-inline");
  expect(csp, what).not.toContain("unsafe-eval");
  expect(h.get("x-content-type-options"), what).toBe("nosniff");
  expect(h.get("referrer-policy"), what).toBe("no-referrer");
  expect(h.get("permissions-policy"), what).toBe(PERMISSIONS_POLICY);
  expect(h.get("permissions-policy"), what).toContain("camera=()");
  expect(h.get("x-frame-options"), what).toBe("DENY");
  expect(h.get("strict-transport-security"), what).toBe(HSTS); // the tests' requests are https
}

const expectNoStore = (res: Response, what: string) => expect(res.headers.get("cache-control") ?? "", what).toMatch(/\bno-store\b/);

/** Each inline script and stylesheet of the page is allowed by its hash in the page's own policy. */
async function expectInlineCodeAllowed(res: Response, what: string): Promise<void> {
  expect(res.headers.get("content-type"), what).toContain("text/html");
  const csp = res.headers.get("content-security-policy")!;
  const directive = (name: string) => csp.split(";").map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? "";
  const code = inlineCode(await res.text());
  for (const s of code.scripts) expect(directive("script-src"), `${what}: script ${s.slice(0, 40)}`).toContain(`'${await cspHash(s)}'`);
  for (const s of code.styles) expect(directive("style-src"), `${what}: style ${s.slice(0, 40)}`).toContain(`'${await cspHash(s)}'`);
  expect(code.styles.length + code.scripts.length, `${what} has inline code to check`).toBeGreaterThan(0);
}

describe("the admin API", () => {
  it("admin JSON carries every security header and is never cached", async () => {
    const res = await admin("/api/admin/surveys");
    expect(res.status).toBe(200);
    expectSecurityHeaders(res, "surveys");
    expectNoStore(res, "surveys");
  });

  it("the CSV export and the outbox (which holds personal links) are never cached", async () => {
    for (const path of ["/api/admin/surveys/all-types/responses?format=csv", "/api/admin/outbox", "/api/admin/surveys/all-types/summary", "/api/admin/stats"]) {
      const res = await admin(path);
      expect(res.status, path).toBe(200);
      expectSecurityHeaders(res, path);
      expectNoStore(res, path);
    }
  });

  it("a refused admin request (no token) carries the headers and is never cached", async () => {
    const res = await call("/api/admin/surveys");
    expect(res.status).toBe(401);
    expectSecurityHeaders(res, "401");
    expectNoStore(res, "401");
  });
});

describe("personal answers", () => {
  it("a personal link's fields are never cached", async () => {
    const s = await seedInvitation({ name: "Ada" });
    // The page script sends the link's token in the body of the request for the fields.
    const token = new URL(await personalLink(env, "invite-poll", s.invitation)).searchParams.get("t")!;
    const res = await call("/api/invitations/invite-poll", { method: "POST", headers: { accept: "application/json", "content-type": "application/json" }, body: JSON.stringify({ token }) });
    expect(res.status).toBe(200);
    expectSecurityHeaders(res, "personal link");
    expectNoStore(res, "personal link");
  });

  it("the opt-out page (GET) and its confirmation (POST) carry the headers, allow their inline code and are never cached", async () => {
    const s = await seedInvitation({});
    const path = pathOf(await optoutLink(env, s.hash, "invite-poll"));
    const get = await call(path, { headers: html });
    expect(get.status).toBe(200);
    expectSecurityHeaders(get, "opt-out GET");
    expectNoStore(get, "opt-out GET");
    await expectInlineCodeAllowed(get, "opt-out GET");
    const post = await call(path, { method: "POST", headers: { ...html, "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
    expect(post.status).toBe(200);
    expectSecurityHeaders(post, "opt-out POST");
    expectNoStore(post, "opt-out POST");
    await expectInlineCodeAllowed(post, "opt-out POST");
  });

  it("a paper file is never cached and never sniffed", async () => {
    const { url } = await requestLink();
    const res = await call(url);
    expect(res.status).toBe(200);
    expectSecurityHeaders(res, "paper file");
    expectNoStore(res, "paper file");
  });

  it("a paper's landing page is never cached", async () => {
    const res = await call(`/papers/${SLUG}/`, { headers: html });
    expect(res.status).toBe(200);
    expectSecurityHeaders(res, "paper page");
    expectNoStore(res, "paper page");
  });
});

describe("the Worker's own pages", () => {
  it("a 422 page allows its inline stylesheet by hash and nothing else inline", async () => {
    const res = await postForm("/api/responses/all-types", [["satisfaction", "9"]]);
    expect(res.status).toBe(422);
    expectSecurityHeaders(res, "422");
    await expectInlineCodeAllowed(res, "422");
  });

  it("a 404 page and a 404 in JSON carry the headers", async () => {
    const page = await call("/api/no-such-thing", { headers: html });
    expect(page.status).toBe(404);
    expectSecurityHeaders(page, "404 page");
    await expectInlineCodeAllowed(page, "404 page");
    const json = await call("/api/no-such-thing", { headers: { accept: "application/json" } });
    expect(json.status).toBe(404);
    expectSecurityHeaders(json, "404 JSON");
    // JSON runs nothing inline: no hash is allowed there at all.
    expect(json.headers.get("content-security-policy")).not.toContain("sha256-");
  });
});

describe("HSTS and Turnstile", () => {
  it("HSTS is sent over https only: the local stack on http://127.0.0.1 never gets it", async () => {
    const res = await app.fetch(new Request("http://127.0.0.1:8787/api/health"), env, createExecutionContext());
    expect(res.status).toBe(200);
    expect(res.headers.get("strict-transport-security")).toBeNull();
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("Turnstile's origin is allowed on the paper pages only when it is switched on", async () => {
    const page = (e: Env) => app.fetch(new Request(`https://canvass.test/papers/${SLUG}/`, { headers: html }), e, createExecutionContext());
    const off = await page(env);
    expect(off.headers.get("content-security-policy")).not.toContain(TURNSTILE_ORIGIN);
    const on = await page({ ...env, TURNSTILE_SITE_KEY: "1x00000000000000000000AA", TURNSTILE_SECRET_KEY: "1x0000000000000000000000000000000AA" } as Env);
    expect(on.status).toBe(200);
    const csp = on.headers.get("content-security-policy")!;
    expect(csp).toContain(`script-src 'self'`);
    expect(csp).toMatch(new RegExp(`script-src [^;]*${TURNSTILE_ORIGIN}`));
    expect(csp).toMatch(new RegExp(`frame-src [^;]*${TURNSTILE_ORIGIN}`));
    const survey = await app.fetch(new Request("https://canvass.test/api/no-such-thing", { headers: html }), { ...env, TURNSTILE_SITE_KEY: "1x00000000000000000000AA", TURNSTILE_SECRET_KEY: "1x0000000000000000000000000000000AA" } as Env, createExecutionContext());
    expect(survey.headers.get("content-security-policy")).not.toContain(TURNSTILE_ORIGIN);
  });
});

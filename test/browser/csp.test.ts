/**
 * The Content-Security-Policy holds in a real browser: the built `_headers` file covers every
 * built page and allows each page's inline scripts and styles by hash (so an inline script
 * added without its hash fails here, not in production), and Debian's Chromium, loading the
 * pages with the headers `wrangler dev` really serves (static pages from `_headers`, the
 * Worker's from worker/http/headers.ts), reports no violation while the pages do their work:
 * the survey is answered and stored, the admin pages draw their charts, the paper and the
 * Worker's own pages load.
 */
import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { htmlFiles } from "../../build/headers.ts";
import type { PublishedSurvey } from "../../core/compile.ts";
import { visibility } from "../../core/logic.ts";
import { pageQuestions } from "../../core/survey.ts";
import { sampleAnswers, seeded } from "../../scripts/lib/sample-answers.ts";
import { queryLocalD1, ROOT } from "../../scripts/lib/stack.ts";
import { launchChromium } from "./chromium.ts";
import { fillPage } from "./fill.ts";
import { BROWSER_ADMIN_TOKEN } from "./global-setup.ts";

const DIST = join(ROOT, "dist");
const SURVEY = "customer-feedback";
const PAPER = "short-surveys-guide";
const base = () => inject("baseUrl");
// The site is built by the global setup before this file is collected.
const builtPaths = (await htmlFiles(DIST)).map((f) => (f === "404.html" ? "/404.html" : `/${f.replace(/index\.html$/, "")}`));

type Rule = { pattern: string; headers: Map<string, string> };

/** `_headers` as Cloudflare reads it: a URL pattern, then indented `Name: value` lines. */
function parseHeaders(text: string): Rule[] {
  const rules: Rule[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    if (!/^\s/.test(line)) rules.push({ pattern: line.trim(), headers: new Map() });
    else {
      const m = /^\s+(!\s*)?([^:]+?)(?::\s*(.*))?$/.exec(line)!;
      rules.at(-1)!.headers.set(m[2]!.toLowerCase(), m[1] ? "(detached)" : m[3]!);
    }
  }
  return rules;
}

/** Whether a path-only `_headers` pattern (one `*` splat at most) matches `path`. */
const matches = (pattern: string, path: string) =>
  pattern.startsWith("/") && new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace("*", ".*")}$`).test(path);

/** Independent of the build's own reading: every `<script>` and `<style>` element, its attributes and text. */
function elements(html: string, tag: "script" | "style"): { attrs: string; text: string }[] {
  const opening = [...html.matchAll(new RegExp(`<${tag}\\b`, "gi"))].length;
  const found = [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}>`, "gi"))].map((m) => ({ attrs: m[1]!, text: m[2]! }));
  expect(found.length, `every <${tag}> is closed`).toBe(opening);
  return found;
}
const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
const directive = (csp: string, name: string) => csp.split(";").map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? "";

describe("the built _headers file", () => {
  it("gives every built page the CSP and the other security headers, and the admin pages no-store", async () => {
    const rules = parseHeaders(await readFile(join(DIST, "_headers"), "utf8"));
    for (const line of (await readFile(join(DIST, "_headers"), "utf8")).split("\n")) expect(line.length).toBeLessThanOrEqual(2000);
    const pages = (await htmlFiles(DIST)).map((f) => `/${f.replace(/index\.html$/, "")}`);
    expect(pages.length).toBeGreaterThan(5);
    for (const path of pages) {
      const headers = new Map<string, string>();
      for (const rule of rules.filter((r) => matches(r.pattern, path))) for (const [k, v] of rule.headers) headers.set(k, v);
      expect(headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
      expect(headers.get("content-security-policy"), path).not.toContain("unsafe-inline");
      expect(headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(headers.get("referrer-policy"), path).toBe("no-referrer");
      expect(headers.get("permissions-policy"), path).toContain("camera=()");
      expect(headers.get("strict-transport-security"), path).toMatch(/^max-age=31536000/);
      if (path.startsWith("/admin/")) expect(headers.get("cache-control"), path).toBe("no-store");
    }
    // The local stack is http on a loopback host: HSTS is detached there.
    expect(rules.find((r) => r.pattern === "https://127.0.0.1/*")?.headers.get("strict-transport-security")).toBe("(detached)");
  });

  it("allows every inline script and style of every built page by its hash, and the pages have no inline attributes", async () => {
    const csp = parseHeaders(await readFile(join(DIST, "_headers"), "utf8")).find((r) => r.pattern === "/*")!.headers.get("content-security-policy")!;
    for (const file of await htmlFiles(DIST)) {
      const html = await readFile(join(DIST, file), "utf8");
      for (const s of elements(html, "script")) {
        if (/\bsrc=/.test(s.attrs) || /type="application\/(ld\+)?json"/.test(s.attrs)) continue;
        expect(directive(csp, "script-src"), `${file}: <script${s.attrs}>${s.text.slice(0, 60)}`).toContain(hash(s.text));
      }
      for (const s of elements(html, "style")) expect(directive(csp, "style-src"), `${file}: <style>${s.text.slice(0, 60)}`).toContain(hash(s.text));
      // Neither would run under the policy: style="…" needs 'unsafe-inline', onclick="…" too.
      expect(html.match(/<[^>]*\sstyle=/g) ?? [], file).toEqual([]);
      expect(html.match(/<[^>]*\son[a-z]+=/g) ?? [], file).toEqual([]);
    }
  });
});

let browser: Browser;
beforeAll(async () => { browser = await launchChromium(); });
afterAll(() => browser?.close());

/** A context whose pages record every CSP violation and every CSP complaint on the console, from before their first script. */
async function watched(opts: { admin?: boolean } = {}): Promise<{ context: BrowserContext; violations: string[]; open: (path: string) => Promise<Page> }> {
  const context = await browser.newContext();
  const violations: string[] = [];
  await context.exposeFunction("reportCspViolation", (v: string) => void violations.push(v));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { reportCspViolation: (v: string) => void }).reportCspViolation(`${location.pathname}: ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} ${e.sample.slice(0, 60)}`);
    });
  });
  if (opts.admin) await context.addInitScript((token) => sessionStorage.setItem("canvass-admin-token", token), BROWSER_ADMIN_TOKEN);
  const open = async (path: string) => {
    const page = await context.newPage();
    page.on("console", (m) => { if (/Content.Security.Policy|Permissions.Policy/i.test(m.text())) violations.push(`${path}: console: ${m.text().slice(0, 160)}`); });
    page.on("pageerror", (e) => violations.push(`${path}: error: ${e.message}`));
    await page.goto(`${base()}${path}`);
    await page.waitForLoadState("networkidle");
    return page;
  };
  return { context, violations, open };
}

/** Answers that reach the survey's last page, marked so the test finds its own row. */
function answersFor(published: PublishedSurvey, marker: string): Record<string, unknown> {
  const rnd = seeded(7);
  for (let i = 0; i < 200; i++) {
    const a = sampleAnswers(published, rnd);
    const shown = visibility(published, a);
    const text = published.survey.pages.flatMap((p) => pageQuestions(p)).find((q) => q.type === "textarea" && shown.questions.has(q.id));
    if (text && shown.pages.size === published.survey.pages.length) return { ...a, [text.id]: marker };
  }
  throw new Error("no sample answers show every page and a textarea");
}

describe("in Chromium, with the headers the local stack serves", () => {
  // Page by page through the whole survey: slow on a loaded two-core machine, so a longer limit.
  it("the survey page runs its scripts without a CSP violation and still submits with JavaScript on", { timeout: 180_000 }, async () => {
    const published = (await (await fetch(`${base()}/_canvass/surveys/${SURVEY}.json`)).json()) as PublishedSurvey;
    const marker = `csp ${crypto.randomUUID()}`;
    const answers = answersFor(published, marker);
    const { context, violations, open } = await watched();
    const page = await open(`/s/${SURVEY}/`);
    expect((await page.request.head(`${base()}/s/${SURVEY}/`)).headers()["content-security-policy"]).toContain("script-src 'self'");
    await expect.poll(() => page.locator("progress").count()).toBe(1); // the script ran: it adds the progress bar
    for (let i = 0; i < published.survey.pages.length; i++) {
      await fillPage(page, published, i, answers);
      if (i < published.survey.pages.length - 1) await page.getByRole("button", { name: /next/i }).click();
    }
    await page.getByRole("button", { name: /submit|send/i }).click();
    await page.waitForURL(`${base()}/s/${SURVEY}/thanks/`);
    await page.waitForLoadState("networkidle");
    const rows = await queryLocalD1<{ id: string }>(inject("persistTo"), `SELECT id FROM responses WHERE survey_id = '${SURVEY}' AND answers LIKE '%${marker}%'`);
    expect(rows).toHaveLength(1);
    await context.close();
    expect(violations).toEqual([]);
  });

  // One test per page, so each has its own time limit however many pages the build makes.
  it.for(builtPaths)(
    "%s loads without a CSP violation",
    async (path) => {
      const { context, violations, open } = await watched();
      await open(path);
      await context.close();
      expect(violations).toEqual([]);
    },
  );

  it("the admin pages draw their lists and charts without a CSP violation", async () => {
    const submitted = await fetch(`${base()}/api/responses/${SURVEY}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ submission_id: crypto.randomUUID(), answers: { satisfaction: 2, reason: "Price", recommend: 10 } }),
    });
    expect(submitted.status).toBe(201);
    const { context, violations, open } = await watched({ admin: true });
    const results = await open(`/admin/surveys/${SURVEY}/`);
    await results.waitForSelector("#results:not([hidden])");
    await expect.poll(() => results.locator("#q-reason svg rect").count()).toBeGreaterThan(0);
    await expect.poll(() => results.locator("#q-recommend svg").count()).toBeGreaterThan(0);
    const list = await open("/admin/");
    await list.waitForSelector("#surveys:not([hidden])");
    await open("/admin/stats/");
    await context.close();
    expect(violations).toEqual([]);
  });

  it("the paper page and the Worker's own pages (a 422, a refused link, a download page) load without a CSP violation", { timeout: 180_000 }, async () => {
    const { context, violations, open } = await watched();
    const paper = await open(`/papers/${PAPER}/`);
    expect((await paper.request.get(`${base()}/papers/${PAPER}/`)).headers()["cache-control"]).toBe("no-store");
    await open("/api/optout/not-a-token");
    await open("/api/no-such-page/");
    // A form posted past the page's script (HTMLFormElement.submit fires no submit event), as without JavaScript.
    const survey = await open(`/s/${SURVEY}/`);
    await survey.evaluate(() => (document.getElementById("survey-form") as HTMLFormElement).submit());
    await survey.waitForURL(`${base()}/api/responses/${SURVEY}`);
    await survey.waitForLoadState("networkidle");
    expect(await survey.locator("h1").textContent()).toBe("Some answers need another look");
    const ms = ((await (await fetch(`${base()}/api/papers/${PAPER}/ticket`)).json()) as { min_fill_seconds: number }).min_fill_seconds * 1000 + 300;
    await paper.fill("#f-name", "Ada Lovelace");
    await paper.fill("#f-email", `csp-${crypto.randomUUID().slice(0, 8)}@example.com`);
    await paper.fill("#f-company", "Analytical Engines");
    await paper.fill("#f-job_title", "Programmer");
    await paper.waitForTimeout(ms); // the minimum fill time the Worker enforces, not an assertion
    await paper.evaluate(() => (document.getElementById("paper-form") as HTMLFormElement).submit());
    await paper.waitForURL(`${base()}/api/papers/${PAPER}/requests`);
    await paper.waitForLoadState("networkidle");
    expect(await paper.locator('a[href*="/papers/files/"]').count(), (await paper.locator("main").textContent()) ?? "").toBeGreaterThan(0);
    await context.close();
    expect(violations).toEqual([]);
  });
});

/**
 * Every page the build produces links the privacy and terms pages, and the survey
 * pages pass an automated accessibility audit (axe-core) and work with the keyboard alone.
 */
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ROOT } from "../../scripts/lib/stack.ts";
import { launchChromium } from "./chromium.ts";

let browser: Browser;
beforeAll(async () => { browser = await launchChromium(); });
afterAll(() => browser?.close());

/**
 * The results pages the Worker serves, one per survey that has a page (worker/pages/results.ts):
 * each is the one built page (/admin/results/) with its survey stamped in, so they are
 * checked as served.
 */
const servedResultsPages = (built: string[]) => built.flatMap((p) => /^\/s\/([a-z0-9-]+)\/$/.exec(p)?.[1] ?? []).map((id) => `/admin/surveys/${id}/`);

async function builtPages(dir = join(ROOT, "dist")): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await builtPages(path)));
    else if (entry.name.endsWith(".html")) out.push("/" + relative(join(ROOT, "dist"), path).replace(/index\.html$/, "").replace(/\.html$/, "/"));
  }
  return out.sort();
}

describe("every built page", () => {
  it("links the privacy and terms pages in its footer, and so do the results pages the Worker serves", async () => {
    const built = await builtPages();
    const paths = [...built, ...servedResultsPages(built)];
    expect(paths).toEqual(expect.arrayContaining(["/", "/privacy/", "/terms/", "/admin/surveys/customer-feedback/"]));
    const page = await browser.newPage();
    for (const path of paths) {
      await page.goto(`${inject("baseUrl")}${path === "/404/" ? "/404.html" : path}`);
      expect(await page.locator('footer a[href="/privacy/"]').count(), path).toBeGreaterThan(0);
      expect(await page.locator('footer a[href="/terms/"]').count(), path).toBeGreaterThan(0);
    }
    await page.close();
  });
});

// One test per page and colour scheme, so each has its own time limit however many pages the build makes.
// The site is built by the global setup before this file is collected.
const built = await builtPages();
const auditedPaths = [...built.filter((p) => p !== "/404/"), ...servedResultsPages(built)];
describe("has no accessibility violations that axe-core can find", () => {
  const axeSource = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
  const paths = auditedPaths;
  for (const colorScheme of ["light", "dark"] as const) {
    it.for(paths)(`%s in ${colorScheme} mode`, async (path) => {
      // axe is injected as an inline script, which the pages' Content-Security-Policy rightly refuses.
      const context = await browser.newContext({ colorScheme, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${inject("baseUrl")}${path}`);
      await page.addScriptTag({ path: axeSource });
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ["violations"] });
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
      });
      await context.close();
      expect(violations, `${path} (${colorScheme})`).toEqual([]);
    });
  }
});

describe("what the build publishes for the Worker alone", () => {
  it("a draft survey (surveys/next-quarter-plans.yaml) has no page and no results page, and no page names its questions", async () => {
    const paths = await builtPages();
    expect(paths.filter((p) => p.includes("next-quarter-plans"))).toEqual([]);
    for (const path of paths) {
      const html = await readFile(join(ROOT, "dist", path === "/404/" ? "404.html" : `${path}index.html`), "utf8");
      expect(html, path).not.toContain("What should we build first?");
    }
  });

  it("one results page for every survey: nothing per survey under /admin/, and each survey's address serves it", async () => {
    const paths = await builtPages();
    expect(paths.filter((p) => p.startsWith("/admin/"))).toEqual(["/admin/", "/admin/results/", "/admin/stats/"]);
    const served = servedResultsPages(paths);
    expect(served.length).toBeGreaterThan(5);
    for (const path of served) {
      const res = await fetch(`${inject("baseUrl")}${path}`);
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).toContain(`data-survey="${path.split("/")[3]}"`);
    }
    expect((await fetch(`${inject("baseUrl")}/admin/surveys/next-quarter-plans/`)).status).toBe(404);
  });

  it("the survey index, which names drafts, is not served to the public", async () => {
    const res = await fetch(`${inject("baseUrl")}/_canvass/surveys.json`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("draft");
  });
});

describe("keyboard only", () => {
  it("reaches, answers and leaves the first question with Tab, arrows and Space", async () => {
    const page = await browser.newPage();
    await page.goto(`${inject("baseUrl")}/s/customer-feedback/`);
    // Tab until a form control has focus, answer it with the keyboard, and check it took the answer.
    let tag = "";
    for (let i = 0; i < 30 && !["INPUT", "SELECT", "TEXTAREA"].includes(tag); i++) {
      await page.keyboard.press("Tab");
      tag = await page.evaluate(() => document.activeElement?.tagName ?? "");
    }
    expect(["INPUT", "SELECT", "TEXTAREA"]).toContain(tag);
    const type = await page.evaluate(() => (document.activeElement as HTMLInputElement).type);
    if (type === "radio" || type === "checkbox") {
      await page.keyboard.press("Space");
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked)).toBe(true);
    } else {
      await page.keyboard.type("Typed with the keyboard");
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toContain("keyboard");
    }
    const focusVisible = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle !== "none" || getComputedStyle(document.activeElement!).boxShadow !== "none");
    expect(focusVisible).toBe(true);
    await page.close();
  });
});

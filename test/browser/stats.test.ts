/**
 * Visitor statistics in a real browser: the page's beacon reaches the Worker carrying no
 * personal query parameter and only the referring host, and is counted; the admin page
 * sends none and draws the counts once given the token. (Headless Chromium names itself
 * in its User-Agent and would rightly be refused as a bot, so the contexts here present
 * an ordinary Chrome's.)
 */
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "./chromium.ts";
import { BROWSER_ADMIN_TOKEN } from "./global-setup.ts";

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
type Count = { value: string; views: number; visitors: number };
type Report = { pages: Count[]; referrers: Count[] };

let browser: Browser;
beforeAll(async () => { browser = await launchChromium(); });
afterAll(() => browser?.close());

async function report(): Promise<Report> {
  const res = await fetch(`${inject("baseUrl")}/api/admin/stats`, { headers: { authorization: `Bearer ${BROWSER_ADMIN_TOKEN}` } });
  return (await res.json()) as Report;
}

/** Waits for the queue consumer (its batch timeout is 5 s) to count a page. */
async function counted(path: string): Promise<Report> {
  for (let waited = 0; waited < 30_000; waited += 500) {
    const r = await report();
    if (r.pages.some((p) => p.value === path)) return r;
    await new Promise((ok) => setTimeout(ok, 500));
  }
  throw new Error(`${path} was not counted within 30 s`);
}

function contextWith(extraHTTPHeaders: Record<string, string> = {}): Promise<BrowserContext> {
  return browser.newContext({ userAgent: CHROME, extraHTTPHeaders });
}

describe("the visitor beacon", () => {
  it("sends the path without personal parameters and only the referring host, and the view is counted", async () => {
    const context = await contextWith();
    const page = await context.newPage();
    const beacon = page.waitForRequest((r) => r.url().endsWith("/api/hits"));
    await page.goto(`${inject("baseUrl")}/s/customer-feedback/?utm_source=browser-test&t=personal-secret`, { referer: "https://www.news.example/article?id=7" });
    const sent = JSON.parse((await beacon).postData()!) as { path: string; referrer: string };
    expect(sent).toEqual({ path: "/s/customer-feedback/?utm_source=browser-test", referrer: "www.news.example" });

    const r = await counted("/s/customer-feedback/?utm_source=browser-test");
    expect(r.referrers.map((x) => x.value)).toContain("news.example");
    expect(JSON.stringify(r)).not.toContain("personal-secret");
    await context.close();
  });

  it("is refused by the Worker when the browser sends Global Privacy Control", async () => {
    const context = await contextWith({ "Sec-GPC": "1" });
    const page = await context.newPage();
    const response = page.waitForResponse((r) => r.url().endsWith("/api/hits"));
    await page.goto(`${inject("baseUrl")}/privacy/`);
    expect((await response).status()).toBe(204);
    await context.close();
  });
});

describe("the admin page /admin/stats/", () => {
  it("sends no beacon, and draws the counts once given the token", async () => {
    const context = await contextWith();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const beacons: string[] = [];
    page.on("request", (r) => { if (r.url().endsWith("/api/hits")) beacons.push(r.url()); });

    await page.goto(`${inject("baseUrl")}/admin/stats/`);
    expect(await page.locator('meta[name="robots"][content="noindex"]').count()).toBe(1);
    await page.fill("#stats-token", "wrong-token");
    await page.click("button[type=submit]");
    await expect.poll(() => page.textContent("#stats-status")).toContain("not accepted");

    await page.fill("#stats-token", BROWSER_ADMIN_TOKEN);
    await page.click("button[type=submit]");
    await page.waitForSelector("#stats-report:not([hidden]) svg.stats-chart");
    expect(await page.locator("svg.stats-chart rect.views").count()).toBe(30);
    expect(await page.textContent("#stats-summary")).toMatch(/page views by \d+ daily unique visitors/);
    expect(await page.evaluate(() => sessionStorage.getItem("canvass-admin-token"))).toBe(BROWSER_ADMIN_TOKEN);
    expect((await context.cookies()).length).toBe(0);

    await page.click("#stats-forget");
    expect(await page.evaluate(() => sessionStorage.getItem("canvass-admin-token"))).toBeNull();
    expect(beacons).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

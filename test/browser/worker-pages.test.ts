/**
 * The pages the Worker renders itself (here the refusal of a broken opt-out link) wear the
 * site's layout and stylesheet: worker/http/page.ts fills the template the build
 * publishes at /_canvass/page/ with the site's Base layout.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "./chromium.ts";

let browser: Browser;
beforeAll(async () => { browser = await launchChromium(); });
afterAll(() => browser?.close());

/** The inline stylesheet and the computed look of the page's body and header. */
async function looks(page: Page) {
  return page.evaluate(() => {
    const style = (el: Element | null) => (el ? getComputedStyle(el) : undefined);
    return {
      stylesheet: [...document.querySelectorAll("head style")].map((s) => s.textContent).join(""),
      bodyMaxWidth: style(document.body)?.maxWidth,
      bodyFont: style(document.body)?.fontFamily,
      header: document.querySelector("header a[href='/']")?.textContent,
    };
  });
}

describe("a page the Worker renders", () => {
  it("uses the site's stylesheet, header and footer, like the privacy page", async () => {
    const page = await browser.newPage();
    await page.goto(`${inject("baseUrl")}/privacy/`);
    const site = await looks(page);
    const res = await page.goto(`${inject("baseUrl")}/api/optout/not-a-token`);
    expect(res?.status()).toBe(400);
    const worker = await looks(page);
    expect(site.stylesheet.length).toBeGreaterThan(0);
    expect(worker).toEqual(site);
    expect(await page.locator("h1").count()).toBe(1);
    expect(await page.locator('footer a[href="/privacy/"]').count()).toBe(1);
    await page.close();
  });
});

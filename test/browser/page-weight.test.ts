/**
 * The survey page's weight budget holds on the site the build really produced: the
 * customer-feedback page, with everything it loads, stays within 14 KB gzip (about one
 * round trip on a phone; scripts/bench/page-weight.bench.ts measures it the same way), and
 * the survey script's optional parts (site/scripts/survey/parts.ts) are loaded only where
 * a page has their questions: Chromium, opening a page without rankings, sliders or
 * randomised order, never requests them, and a page that has them gets all three.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { BUDGET_GZIP_BYTES, pageWeight } from "../../scripts/bench/page-weight.bench.ts";
import { launchChromium } from "./chromium.ts";

const PART = /\/_astro\/(Order|Controls|Ranking)Script\./;
let browser: Browser;

/** The part scripts Chromium requests while opening a survey page with JavaScript on. */
async function partsLoaded(survey: string): Promise<string[]> {
  const page = await browser.newPage();
  const requested: string[] = [];
  page.on("request", (r) => void requested.push(new URL(r.url()).pathname));
  await page.goto(`${inject("baseUrl")}/s/${survey}/`);
  // The survey script has run once it takes over the form's checks (site/scripts/survey.ts).
  await page.waitForFunction(() => (document.getElementById("survey-form") as HTMLFormElement).noValidate);
  await page.close();
  return requested.flatMap((p) => PART.exec(p)?.[1] ?? []).sort();
}

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe("the survey page's weight", () => {
  it("a typical survey page, with its styles and every script it loads, stays within 14 KB gzip", async () => {
    const result = await pageWeight({ survey: "customer-feedback" });
    expect(result.files.map((f) => f.path)).toContain("/s/customer-feedback/");
    expect(result.files.some((f) => f.path.endsWith(".js"))).toBe(true);
    expect(result.total_gzip).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
  });

  it("a page without rankings, sliders, hidden fields or randomised order never downloads their scripts", async () => {
    expect(await partsLoaded("customer-feedback")).toEqual([]);
  });

  it("a page with them downloads each part it needs, and only once", async () => {
    expect(await partsLoaded("feature-priorities")).toEqual(["Controls", "Order", "Ranking"]);
  });
});

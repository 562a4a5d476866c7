/**
 * End screens and piped answers in Chromium, on surveys/nps-endings.yaml as the build
 * renders it: the score is piped live into the next page's title and question (escaped:
 * it is set as text), a detractor and a promoter land on different endings, and the
 * ending pipes what the survey page kept. With JavaScript off the fallbacks show and the
 * Worker's 303 lands on the ending the answers chose.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { queryLocalD1 } from "../../scripts/lib/stack.ts";
import { launchChromium } from "./chromium.ts";

const SURVEY = "nps-endings";
const QUESTION = /What is the main reason for your score of/;
let browser: Browser;
const base = () => inject("baseUrl");

beforeAll(async () => { browser = await launchChromium(); });
afterAll(() => browser?.close());

const score = (page: Page, n: number) => page.locator(`[name="recommend"][value="${n}"]`).check();
const reasonLabel = (page: Page) => page.locator('label[for="f-reason"]').textContent();

async function storedReasons(marker: string): Promise<Record<string, unknown>[]> {
  const rows = await queryLocalD1<{ answers: string }>(inject("persistTo"), `SELECT answers FROM responses WHERE survey_id = '${SURVEY}' AND json_extract(answers, '$.reason') = '${marker}'`);
  return rows.map((r) => JSON.parse(r.answers) as Record<string, unknown>);
}

/** The ending stored with the response that gave this reason (migration 0011). */
async function storedEnding(marker: string): Promise<(string | null)[]> {
  const rows = await queryLocalD1<{ ending: string | null }>(inject("persistTo"), `SELECT ending FROM responses WHERE survey_id = '${SURVEY}' AND json_extract(answers, '$.reason') = '${marker}'`);
  return rows.map((r) => r.ending);
}

describe("endings and piped answers with JavaScript on", () => {
  it("the piped score follows the answer live, and a promoter lands on the promoters' ending with its review button", async () => {
    const page = await browser.newPage();
    await page.goto(`${base()}/s/${SURVEY}/`);
    await expect.poll(() => page.getByRole("button", { name: "Next" }).isVisible()).toBe(true);
    await score(page, 4);
    await page.getByRole("button", { name: "Next" }).click();
    await expect.poll(() => reasonLabel(page)).toBe("What is the main reason for your score of 4?");
    expect(await page.locator("#page-1-title").textContent()).toBe("Your score: 4");

    await page.getByRole("button", { name: "Back" }).click();
    await score(page, 10);
    await page.getByRole("button", { name: "Next" }).click();
    await expect.poll(() => reasonLabel(page)).toBe("What is the main reason for your score of 10?");
    await page.getByLabel(QUESTION).fill("Quick and kind");
    await page.getByRole("button", { name: "Send answers" }).click();
    await page.waitForURL(`${base()}/s/${SURVEY}/thanks/promoters/`);
    expect(await page.getByText("Thank you, that made our day!").isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: "Write a review" }).getAttribute("href")).toBe("https://www.example.com/reviews/new");
    await page.close();
  });

  it("a detractor lands on the detractors' ending, which pipes the score and the reason as text, never as markup", async () => {
    const marker = `<script>window.pwned=1</script><b>bad</b> ${crypto.randomUUID()}`;
    const page = await browser.newPage();
    await page.goto(`${base()}/s/${SURVEY}/`);
    await expect.poll(() => page.getByRole("button", { name: "Next" }).isVisible()).toBe(true);
    await score(page, 2);
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByLabel(QUESTION).fill(marker);
    await page.getByRole("button", { name: "Send answers" }).click();
    await page.waitForURL(`${base()}/s/${SURVEY}/thanks/detractors/`);
    await expect.poll(() => page.locator("#ending").textContent()).toContain("A score of 2 tells us we have work to do");
    expect(await page.locator("#ending blockquote").textContent()).toContain(marker);
    expect(await page.locator("#ending b").count()).toBe(0);
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
    // Stored before the Worker answered, so before the page moved on.
    expect(await storedReasons(marker)).toEqual([{ recommend: 2, reason: marker }]);
    expect(await storedEnding(marker)).toEqual(["detractors"]);
    await page.close();
  });
});

describe("endings and piped answers with JavaScript off", () => {
  it("the fallbacks show, and the form post lands on the ending the answers chose", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base()}/s/${SURVEY}/`);
    expect(await reasonLabel(page)).toBe("What is the main reason for your score of that score?");
    expect(await page.locator("#page-1-title").textContent()).toBe("Your score: see the previous page");

    const marker = `js-off ${crypto.randomUUID()}`;
    await score(page, 7);
    await page.getByLabel(QUESTION).fill(marker);
    await page.getByRole("button", { name: "Send answers" }).click();
    await page.waitForURL(`${base()}/s/${SURVEY}/thanks/passives/`);
    expect(await page.getByText("We would love to earn a 10 from you next time.").isVisible()).toBe(true);
    expect(await storedReasons(marker)).toEqual([{ recommend: 7, reason: marker }]);
    expect(await storedEnding(marker)).toEqual(["passives"]);

    await page.goto(`${base()}/s/${SURVEY}/`);
    await score(page, 1);
    await page.getByRole("button", { name: "Send answers" }).click();
    await page.waitForURL(`${base()}/s/${SURVEY}/thanks/detractors/`);
    // Nothing kept the answers for this page without JavaScript: the pipes show their fallbacks.
    expect(await page.locator("#ending").textContent()).toContain("A score of that tells us");
    expect(await page.locator("#ending blockquote").textContent()).toContain("You gave no reason, and that is fine.");
    await context.close();
  });
});

describe("a redirect (surveys/format-reference.yaml, ending enterprise)", () => {
  const TARGET = "https://www.example.com/enterprise";

  /** The redirect's site, answered inside the browser: nothing leaves this machine. */
  async function offline(context: import("playwright-core").BrowserContext): Promise<string[]> {
    const asked: string[] = [];
    await context.route("https://www.example.com/**", (route) => {
      asked.push(route.request().url());
      return route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>Enterprise</title><h1>Enterprise</h1>" });
    });
    return asked;
  }

  it("with JavaScript off, the Worker's answer to the form post moves on to the author's address exactly as written", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const asked = await offline(context);
    const page = await context.newPage();
    await page.goto(`${base()}/s/format-reference/`);
    await page.getByLabel("Your plan").selectOption("Free");
    await page.getByLabel("How many seats?").fill("500");
    await page.getByRole("button", { name: "Send my answers" }).click();
    await page.waitForURL(TARGET);
    expect(asked).toEqual([TARGET]);
    await context.close();
  });

  it("with JavaScript on, the page follows the Worker's redirect, and the address carries no answer", async () => {
    const context = await browser.newContext();
    const asked = await offline(context);
    const page = await context.newPage();
    await page.goto(`${base()}/s/format-reference/`);
    await expect.poll(() => page.getByRole("button", { name: "Send my answers" }).isVisible()).toBe(true);
    await page.getByLabel("Your plan").selectOption("Free");
    await page.getByLabel("How many seats?").fill("700");
    await page.getByLabel(/Why .* seats on the .* plan\?/).fill("secret-reason");
    await page.getByRole("button", { name: "Send my answers" }).click();
    await page.waitForURL(TARGET);
    expect(asked).toEqual([TARGET]);
    await context.close();
  });
});

/**
 * A respondent answers the example survey in Debian's Chromium, once with JavaScript
 * and once without, and the answers are found as rows in the local D1 that
 * `wrangler dev` serves from.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PublishedSurvey } from "../../core/compile.ts";
import { validateAnswers } from "../../core/answers.ts";
import { visibility } from "../../core/logic.ts";
import { allQuestions, pageQuestions } from "../../core/survey.ts";
import { sampleAnswers, seeded } from "../../scripts/lib/sample-answers.ts";
import { queryLocalD1 } from "../../scripts/lib/stack.ts";
import { launchChromium } from "./chromium.ts";
import { fillPage } from "./fill.ts";

const SURVEY = "customer-feedback";
let browser: Browser;
let published: PublishedSurvey;
const base = () => inject("baseUrl");

beforeAll(async () => {
  browser = await launchChromium();
  published = (await (await fetch(`${base()}/_canvass/surveys/${SURVEY}.json`)).json()) as PublishedSurvey;
});
afterAll(() => browser?.close());

async function storedAnswers(submissionFilter: string): Promise<Record<string, unknown>[]> {
  const rows = await queryLocalD1<{ answers: string }>(inject("persistTo"), `SELECT answers FROM responses WHERE survey_id = '${SURVEY}' AND ${submissionFilter}`);
  return rows.map((r) => JSON.parse(r.answers) as Record<string, unknown>);
}

/** The canonical form the Worker stores (selections in choice order, text trimmed). */
function stored(answers: Record<string, unknown>): Record<string, unknown> {
  const r = validateAnswers(published, answers);
  if (!r.ok) throw new Error(`sample answers are invalid: ${JSON.stringify(r.errors)}`);
  return r.answers;
}

/** Answers that reach the last page, with a marker text so each test finds its own row. */
function answersFor(seed: number, marker: string): Record<string, unknown> {
  const rnd = seeded(seed);
  for (let i = 0; i < 200; i++) {
    const a = sampleAnswers(published, rnd);
    const shown = visibility(published, a);
    const textQ = allQuestions(published.survey).find((q) => q.type === "textarea" && shown.questions.has(q.id));
    if (textQ && shown.pages.size === published.survey.pages.length) return { ...a, [textQ.id]: marker };
  }
  throw new Error("no sample answers show every page and a textarea");
}

describe("answering the example survey", () => {
  it("with JavaScript on: page by page with a progress bar, then stored in D1", async () => {
    const marker = `js-on ${crypto.randomUUID()}`;
    const answers = answersFor(1, marker);
    const page = await browser.newPage();
    await page.goto(`${base()}/s/${SURVEY}/`);
    await expect.poll(() => page.locator("progress").count()).toBe(1);
    const pages = published.survey.pages;
    for (let i = 0; i < pages.length; i++) {
      await fillPage(page, published, i, answers);
      if (i < pages.length - 1) await page.getByRole("button", { name: /next/i }).click();
    }
    await page.getByRole("button", { name: /submit|send/i }).click();
    await page.waitForURL(`${base()}/s/${SURVEY}/thanks/`);
    const rows = await storedAnswers(`json_extract(answers, '$') LIKE '%${marker}%'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual(stored(answers));
    await page.close();
  });

  it("with JavaScript off: one plain form, posted, 303 to the thank-you page, stored in D1", async () => {
    const marker = `js-off ${crypto.randomUUID()}`;
    const answers = answersFor(2, marker);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base()}/s/${SURVEY}/`);
    for (let i = 0; i < published.survey.pages.length; i++) await fillPage(page, published, i, answers);
    await page.getByRole("button", { name: /submit|send/i }).click();
    await page.waitForURL(`${base()}/s/${SURVEY}/thanks/`);
    const rows = await storedAnswers(`json_extract(answers, '$') LIKE '%${marker}%'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual(stored(answers));
    await context.close();
  });

  it("a reload in the middle keeps the answers already given", async () => {
    const answers = answersFor(3, "reload");
    const page = await browser.newPage();
    await page.goto(`${base()}/s/${SURVEY}/`);
    await fillPage(page, published, 0, answers);
    const first = pageQuestions(published.survey.pages[0]!).find((q) => answers[q.id] !== undefined && ["text", "email", "number", "textarea"].includes(q.type));
    await page.reload();
    if (first) await expect.poll(() => page.locator(`[name="${first.id}"]`).inputValue()).toBe(String(answers[first.id]));
    else await expect.poll(() => page.locator("input:checked").count()).toBeGreaterThan(0);
    await page.close();
  });

  it("fits a 320 px wide phone without sideways scrolling", async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, colorScheme: "dark" });
    const page = await context.newPage();
    for (const path of ["/", `/s/${SURVEY}/`, "/privacy/", "/terms/"]) {
      await page.goto(`${base()}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await context.close();
  });
});

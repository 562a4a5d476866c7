/**
 * The privacy page, as Chromium shows it, states who sees answers (the clients of
 * canvass.config.ts), the retention periods, the benchmark
 * minimum and how to ask for erasure from the values the code runs on: the surveys'
 * `retention_days` (surveys/onboarding.md sets 180), the constants of
 * core/results/benchmarks.ts, and the list core/api/people.ts gives of what is erased.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import site from "../../canvass.config.ts";
import { ERASED } from "../../core/api/people.ts";
import { MIN_CLIENTS, MIN_RESPONSES } from "../../core/results/benchmarks.ts";
import { loadSurveys } from "../../build/surveys.ts";
import { clientsSentence, surveyRetentionSentence } from "../../site/lib/legal.ts";
import { launchChromium } from "./chromium.ts";

let browser: Browser;
let page: Page;
let text: string;
beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(`${inject("baseUrl")}/privacy/`);
  text = (await page.locator("main, body").first().innerText()).replace(/\s+/g, " ");
});
afterAll(() => browser?.close());

describe("the privacy page", () => {
  it("names each survey whose retention_days differs from the default, with that survey's period", async () => {
    const { published } = await loadSurveys();
    const own = published.filter((p) => p.survey.status !== "draft" && p.survey.retention_days !== undefined);
    expect(own.length).toBeGreaterThan(0);
    for (const p of own) expect(text).toContain(surveyRetentionSentence(p.survey.title, p.survey.retention_days!));
    expect(await page.locator('[data-retention="survey"]').count()).toBe(own.length);
  });

  it("says answers go only to the client a survey is run for, naming the clients of canvass.config.ts", () => {
    expect(text).toContain(clientsSentence(site));
    for (const client of site.clients) expect(text).toContain(client.name);
  });

  it("states the benchmark minimum from the code's constants", () => {
    expect(text).toContain(`aggregated across at least ${MIN_CLIENTS} clients and ${MIN_RESPONSES} responses; no response, contact or client is identifiable`);
  });

  it("says how to ask for erasure, and what it deletes", async () => {
    const erasure = (await page.locator("#erasure").innerText()).replace(/\s+/g, " ");
    expect(erasure).toContain(`To have your data erased, write to ${site.contactEmail}`);
    for (const what of Object.values(ERASED)) expect(erasure).toContain(what);
  });
});

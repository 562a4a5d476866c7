/**
 * The end screens on the admin results page, in Chromium against the real API: for a survey
 * with `endings:` (surveys/nps-endings.yaml) the page says how many responses were shown each
 * end screen, the same line as `canvass report` (core/results/present.ts `endingsLine`) over
 * the same summary; a survey without endings (customer-feedback) shows no such line. Other
 * files may answer the same survey, so the expected line is computed from the API's summary.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { endingsLine } from "../../core/results/present.ts";
import type { SurveySummary } from "../../core/results/types.ts";
import { launchChromium } from "./chromium.ts";
import { BROWSER_ADMIN_TOKEN } from "./global-setup.ts";

const auth = { authorization: `Bearer ${BROWSER_ADMIN_TOKEN}` };
const base = () => inject("baseUrl");
const drawn = { timeout: 15_000 };

let browser: Browser;
beforeAll(async () => { browser = await launchChromium(); });
afterAll(() => browser?.close());

async function submit(survey: string, answers: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${base()}/api/responses/${survey}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ submission_id: crypto.randomUUID(), answers }) });
  expect(res.status, await res.clone().text()).toBe(201);
}

const summary = async (survey: string) => (await (await fetch(`${base()}/api/admin/surveys/${survey}/summary`, { headers: auth })).json()) as SurveySummary;

async function open(path: string): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript((token) => sessionStorage.setItem("canvass-admin-token", token), BROWSER_ADMIN_TOKEN);
  const page = await context.newPage();
  await page.goto(`${base()}${path}`);
  await page.waitForSelector("#results:not([hidden])", drawn);
  return page;
}

describe("the results page of a survey with endings", () => {
  it("counts the responses shown each end screen, as canvass report does", async () => {
    for (const recommend of [10, 9, 3]) await submit("nps-endings", { recommend });
    const page = await open("/admin/surveys/nps-endings/");
    const endings = page.locator("#endings");
    // The page's line is the one the API's summary gives at the same moment (other files may be answering too).
    await expect.poll(async () => (await endings.textContent()) === endingsLine(await summary("nps-endings")), drawn).toBe(true);
    const line = (await endings.textContent())!;
    expect(line).toMatch(/^Endings: detractors [1-9]\d* \(\d+%\), passives \d+ \(\d+%\), promoters [1-9]\d* \(\d+%\), ending:3 \d+ \(\d+%\)$/);
    expect(await endings.isVisible()).toBe(true);
    await page.context().close();
  });

  it("a survey without endings shows no endings line", async () => {
    const page = await open("/admin/surveys/customer-feedback/");
    await expect.poll(() => page.locator("#headline").textContent(), drawn).toMatch(/response/);
    expect(await page.locator("#endings").isHidden()).toBe(true);
    await page.context().close();
  });
});

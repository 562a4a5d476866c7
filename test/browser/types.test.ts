/**
 * Format 1.1's ranking, slider, hidden field, exclusive "None" and randomised order in
 * Chromium, on surveys/feature-priorities.yaml as the build renders it, with JavaScript on
 * (Up/Down list, a slider that starts unset, None unticking the others, the hidden field
 * filled from ?source=, a shuffle kept across a reload and stored as `presentation`) and
 * off (position lists and a list of values, checked again by the Worker). Rows are found
 * in the local D1 by their submission id or by a value only that test sends.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { queryLocalD1 } from "../../scripts/lib/stack.ts";
import { launchChromium } from "./chromium.ts";

const SURVEY = "feature-priorities";
const ITEMS = ["Faster exports", "Dark mode", "Offline use", "Team sharing"];
let browser: Browser;
const base = () => inject("baseUrl");

beforeAll(async () => { browser = await launchChromium(); });
afterAll(() => browser?.close());

type Row = { answers: Record<string, unknown>; presentation: Record<string, string[]> | null };

async function stored(where: string): Promise<Row[]> {
  const rows = await queryLocalD1<{ answers: string; presentation: string | null }>(inject("persistTo"), `SELECT answers, presentation FROM responses WHERE survey_id = '${SURVEY}' AND ${where}`);
  return rows.map((r) => ({ answers: JSON.parse(r.answers) as Record<string, unknown>, presentation: r.presentation === null ? null : JSON.parse(r.presentation) }));
}

const rankOrder = (page: Page) => page.locator("#q-priorities li").evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.value!));
const values = (page: Page, selector: string) => page.locator(selector).evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value).filter((v) => v && v !== "Other" && v !== "None"));

describe("the new question types with JavaScript on", () => {
  it("ranks with Up/Down buttons (announced, focus kept), None unticks the others, the hidden field comes from ?source=, and the order shown is stored", async () => {
    const page = await browser.newPage();
    await page.goto(`${base()}/s/${SURVEY}/?source=newsletter`);
    await expect.poll(() => page.locator("#q-priorities ol").isVisible()).toBe(true);
    expect(await page.locator("#q-priorities .rank-positions").isVisible()).toBe(false);
    const shown = await rankOrder(page);
    expect([...shown].sort()).toEqual([...ITEMS].sort());

    const second = shown[1]!;
    await page.getByRole("button", { name: `Move ${second} up` }).click();
    expect(await rankOrder(page)).toEqual([second, shown[0], ...shown.slice(2)]);
    expect(await page.locator("#q-priorities [aria-live]").textContent()).toBe(`${second}: now 1 of 4.`);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(`Move ${second} up`);
    await page.keyboard.press("Enter"); // the same button again: already first, nothing moves
    expect((await rankOrder(page))[0]).toBe(second);

    const tools = await values(page, "#q-tools input[type=checkbox]");
    await page.getByLabel("Spreadsheets").check();
    await page.getByLabel("None, only Canvass").check();
    expect(await page.getByLabel("Spreadsheets").isChecked()).toBe(false);
    await page.getByLabel("Poll apps").check();
    expect(await page.getByLabel("None, only Canvass").isChecked()).toBe(false);
    await page.getByLabel("None, only Canvass").check();
    expect(await page.getByLabel("Poll apps").isChecked()).toBe(false);
    expect(await page.locator("#q-beta_hours output").textContent()).toBe("Not answered: move the slider to answer.");

    await page.getByRole("button", { name: "Next" }).click();
    await expect.poll(() => page.locator("#page-1").isVisible()).toBe(true);
    const questions = await page.locator("#page-1 .q").evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.q!));
    const roles = await values(page, "#q-role input[type=radio]");
    const teams = await values(page, "#f-team option");
    await page.getByLabel("Product").check();
    const submission = await page.locator("input[name=_submission]").inputValue();
    await page.getByRole("button", { name: "Send answers" }).click();
    await page.waitForURL(`${base()}/s/${SURVEY}/thanks/`);

    const rows = await stored(`id = '${submission}'`);
    expect(rows).toEqual([{
      answers: { source: "newsletter", priorities: [second, shown[0], ...shown.slice(2)], tools: ["None"], role: "Product" },
      presentation: { priorities: shown, tools, "page:1": questions, role: roles, team: teams },
    }]);
    await page.close();
  });

  it("a required ranking left untouched asks for an answer; a slider starts unset and is stored once moved; a bad ?source= is dropped", async () => {
    const page = await browser.newPage();
    await page.goto(`${base()}/s/${SURVEY}/?source=spam`);
    await expect.poll(() => page.locator("#q-priorities ol").isVisible()).toBe(true);
    await page.getByRole("button", { name: "Next" }).click();
    await expect.poll(() => page.locator("#priorities-error").textContent()).toBe("This question needs an answer.");

    const slider = page.locator("#q-beta_hours input[type=range]");
    expect(await page.locator("#q-beta_hours .slider").getAttribute("data-unset")).not.toBeNull();
    await slider.focus();
    await page.keyboard.press("ArrowRight");
    expect(await page.locator("#q-beta_hours output").textContent()).toBe("6");
    expect(await page.locator("#q-beta_hours .slider").getAttribute("data-unset")).toBeNull();

    const shown = await rankOrder(page);
    await page.getByRole("button", { name: `Move ${shown[0]} down` }).click();
    await page.getByRole("button", { name: "Next" }).click();
    await expect.poll(() => page.locator("#page-1").isVisible()).toBe(true);
    const submission = await page.locator("input[name=_submission]").inputValue();
    await page.getByRole("button", { name: "Send answers" }).click();
    await page.waitForURL(`${base()}/s/${SURVEY}/thanks/`);
    const [row] = await stored(`id = '${submission}'`);
    expect(row!.answers).toEqual({ priorities: [shown[1], shown[0], ...shown.slice(2)], beta_hours: 6 });
    await page.close();
  });

  it("the shuffle differs between respondents, is kept across a reload, and keeps Other and None last", async () => {
    const orders: string[][] = [];
    for (let i = 0; i < 4; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${base()}/s/${SURVEY}/`);
      await expect.poll(() => page.locator("#q-priorities ol").isVisible()).toBe(true);
      const order = await rankOrder(page);
      orders.push(order);
      const tools = await page.locator("#q-tools input[type=checkbox]").evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
      expect(tools.slice(-2)).toEqual(["Other", "None"]);
      await page.reload();
      await expect.poll(() => page.locator("#q-priorities ol").isVisible()).toBe(true);
      expect(await rankOrder(page)).toEqual(order);
      await context.close();
    }
    for (const order of orders) expect([...order].sort()).toEqual([...ITEMS].sort());
    // Four draws of 24 orders all alike would happen once in 13,824 runs.
    expect(new Set(orders.map((o) => o.join("|"))).size).toBeGreaterThan(1);
  });
});

describe("the new question types with JavaScript off", () => {
  it("ranks with position lists and picks from the slider's list of values; the Worker fills the hidden field from the URL; the authored order is used and none is recorded", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base()}/s/${SURVEY}/?source=blog`);
    expect(await page.locator("#q-priorities ol").isVisible()).toBe(false);
    expect(await rankOrder(page)).toEqual(ITEMS);
    expect(await page.locator("input[type=hidden][name=source]").getAttribute("data-param")).toBe("source");
    const positions: Record<string, string> = { "Faster exports": "2", "Dark mode": "1", "Offline use": "4", "Team sharing": "3" };
    for (const [item, p] of Object.entries(positions)) await page.locator(`select[name="priorities.${item}"]`).selectOption(p);
    expect(await page.locator("#f-beta_hours").inputValue()).toBe("");
    await page.locator("#f-beta_hours").selectOption("7");
    await page.getByLabel("None, only Canvass").check();
    await page.getByRole("button", { name: "Send answers" }).click();
    await page.waitForURL(`${base()}/s/${SURVEY}/thanks/`);
    const rows = await stored("json_extract(answers, '$.beta_hours') = 7");
    // `source` came from ?source=blog: the Worker stamps it into the page it serves (worker/pages/).
    expect(rows).toEqual([{ answers: { priorities: ["Dark mode", "Faster exports", "Team sharing", "Offline use"], beta_hours: 7, tools: ["None"], source: "blog" }, presentation: null }]);
    await context.close();
  });

  it("two items in one position get the Worker's 422 page naming them, and nothing is stored", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base()}/s/${SURVEY}/`);
    const positions: Record<string, string> = { "Faster exports": "1", "Dark mode": "1", "Offline use": "2", "Team sharing": "3" };
    for (const [item, p] of Object.entries(positions)) await page.locator(`select[name="priorities.${item}"]`).selectOption(p);
    await page.locator("#f-beta_hours").selectOption("9");
    const [response] = await Promise.all([page.waitForResponse(`${base()}/api/responses/${SURVEY}`), page.getByRole("button", { name: "Send answers" }).click()]);
    expect(response.status()).toBe(422);
    expect(await page.locator("body").innerText()).toContain("Faster exports and Dark mode are both in position 1: give each a different position.");
    expect(await stored("json_extract(answers, '$.beta_hours') = 9")).toEqual([]);
    await context.close();
  });
});

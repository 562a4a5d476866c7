/**
 * Survey format 1.1 in Chromium, on surveys/format-reference.yaml as the build renders
 * it: notes shown, the survey's own button labels, other_label and placeholders, and the
 * author's pattern message, with JavaScript on (the page script's check) and off (the
 * browser's own pattern check, then the Worker's 422 page). Drafts have no page in the
 * build the browser suite serves (a production build).
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { queryLocalD1 } from "../../scripts/lib/stack.ts";
import { launchChromium } from "./chromium.ts";

const SURVEY = "format-reference";
const MESSAGE = "A customer number is two capital letters, a dash and four digits, like AB-1234.";
let browser: Browser;
const base = () => inject("baseUrl");

beforeAll(async () => { browser = await launchChromium(); });
afterAll(() => browser?.close());

describe("the format reference survey in Chromium", () => {
  it("with JavaScript on: the note, the survey's labels, other_label and placeholders show, and a bad customer number gets the author's message", async () => {
    const page = await browser.newPage();
    await page.goto(`${base()}/s/${SURVEY}/`);
    // The second page shows only for plan == "Pro": until then the first page is the last one.
    await expect.poll(() => page.getByRole("button", { name: "Send my answers" }).isVisible()).toBe(true);
    expect(await page.getByText("Before you start").isVisible()).toBe(true);
    expect(await page.locator("#q-welcome").textContent()).toContain("Nothing here is required.");
    expect(await page.getByLabel("Somewhere else", { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.locator("#f-plan option").first().textContent()).toBe("Pick a plan…");
    expect(await page.getByLabel("Your customer number").getAttribute("placeholder")).toBe("AB-1234");

    await page.getByLabel("Your plan").selectOption("Pro");
    await expect.poll(() => page.getByRole("button", { name: "Continue" }).isVisible()).toBe(true);
    await page.getByLabel("Your customer number").fill("ab-12");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect.poll(() => page.locator("#customer_number-error").textContent()).toBe(MESSAGE);
    expect(await page.getByLabel("Your customer number").getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel("Your customer number").fill("AB-1234");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect.poll(() => page.getByText("Thanks for being a Pro customer.").isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Previous" }).isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Send my answers" }).isVisible()).toBe(true);
    await page.close();
  });

  it("with JavaScript off: the browser's pattern check holds the form, and the Worker's 422 page shows the author's message", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base()}/s/${SURVEY}/`);
    expect(await page.getByText("Thanks for being a Pro customer.").isVisible()).toBe(true);
    const input = page.getByLabel("Your customer number");
    expect(await input.getAttribute("pattern")).toBe("[A-Z]{2}-\\d{4}");
    expect(await input.getAttribute("title")).toBe(MESSAGE);
    await input.fill("ab-12");
    expect(await page.locator("#f-customer_number:invalid").count()).toBe(1);
    await page.getByRole("button", { name: "Send my answers" }).click();
    expect(page.url()).toBe(`${base()}/s/${SURVEY}/`);

    // A client that skips the browser's check (any HTML form may post here) meets the Worker's.
    const res = await context.request.post(`${base()}/api/responses/${SURVEY}`, { form: { customer_number: "ab-12" } });
    expect(res.status()).toBe(422);
    expect(await res.text()).toContain(MESSAGE);
    await context.close();
  });

  it("a correct answer without JavaScript is stored, notes and all, as only the answers", async () => {
    const marker = `AB-${String(Math.floor(Math.random() * 9000) + 1000)}`;
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base()}/s/${SURVEY}/`);
    await page.getByLabel("Your customer number").fill(marker);
    await page.getByLabel("Your plan").selectOption("Free");
    await page.getByRole("button", { name: "Send my answers" }).click();
    await page.waitForURL(`${base()}/s/${SURVEY}/thanks/`);
    const rows = await queryLocalD1<{ answers: string }>(inject("persistTo"), `SELECT answers FROM responses WHERE survey_id = '${SURVEY}' AND json_extract(answers, '$.customer_number') = '${marker}'`);
    expect(rows.map((r) => JSON.parse(r.answers))).toEqual([{ customer_number: marker, plan: "Free" }]);
    await context.close();
  });

  it("a draft has no page in a production build", async () => {
    const res = await fetch(`${base()}/s/next-quarter-plans/`);
    expect(res.status).toBe(404);
  });
});

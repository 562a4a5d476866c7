/**
 * Multilingual surveys in Chromium, on surveys/multilingual.yaml (en, de, fr, es) as the
 * build renders it: each language's page speaks its language (author texts, buttons,
 * messages), the language switch is plain links that keep the answers of the tab, and the
 * Worker stores the language, with JavaScript on and off.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { queryLocalD1 } from "../../scripts/lib/stack.ts";
import { launchChromium } from "./chromium.ts";

const SURVEY = "multilingual";
let browser: Browser;
const base = () => inject("baseUrl");
/** A number of visits no other test sends, to find this test's row. */
const marker = () => 2 + Math.floor(Math.random() * 360);
const storedLanguage = async (visits: number) =>
  (await queryLocalD1<{ language: string }>(inject("persistTo"), `SELECT language FROM responses WHERE survey_id = '${SURVEY}' AND json_extract(answers, '$.visits') = ${visits}`)).map((r) => r.language);

beforeAll(async () => { browser = await launchChromium(); });
afterAll(() => browser?.close());

async function pick(page: Page, score: number) {
  await page.locator(`input[name="recommend"][value="${score}"]`).check();
}

describe("a survey in four languages, with JavaScript on", () => {
  it("/s/<id>/de/ shows the German texts, buttons and messages", async () => {
    const page = await browser.newPage();
    await page.goto(`${base()}/s/${SURVEY}/de/`);
    expect(await page.locator("html").getAttribute("lang")).toBe("de");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Wie war Ihr Besuch?");
    expect(await page.getByText("Überhaupt nicht wahrscheinlich").count()).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Antworten senden" }).click();
    await expect.poll(() => page.locator("#recommend-error").textContent()).toBe("Diese Frage muss beantwortet werden.");
    expect(await page.locator("#survey-status").textContent()).toBe("Einige Antworten müssen noch einmal angesehen werden: Die Hinweise stehen daneben.");
    await page.close();
  });

  it("the language switch keeps the tab's answers, and the answers land on the French thank-you page with the language stored", async () => {
    const visits = marker();
    const page = await browser.newPage();
    await page.goto(`${base()}/s/${SURVEY}/de/`);
    await pick(page, 9);
    await page.getByLabel("Wie oft waren Sie dieses Jahr bei uns?").fill(String(visits));
    await page.getByRole("navigation", { name: "Sprache" }).getByRole("link", { name: "Français" }).click();
    await page.waitForURL(`${base()}/s/${SURVEY}/fr/`);
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    await expect.poll(() => page.locator('input[name="recommend"][value="9"]').isChecked()).toBe(true);
    expect(await page.getByLabel("Combien de fois êtes-vous venu cette année ?").inputValue()).toBe(String(visits));
    await page.getByRole("button", { name: "Envoyer mes réponses" }).click();
    await page.waitForURL(`${base()}/s/${SURVEY}/fr/thanks/`);
    expect(await page.getByText("Merci ! Vos réponses nous aident à nous améliorer.").isVisible()).toBe(true);
    // The page moves on only once the Worker has answered 201, so the row is there.
    expect(await storedLanguage(visits)).toEqual(["fr"]);
    await page.close();
  });
});

describe("a survey in four languages, with JavaScript off", () => {
  it("the switch is plain links: from the German page to the default (English) one", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base()}/s/${SURVEY}/de/`);
    expect(await page.getByRole("button", { name: "Antworten senden" }).isVisible()).toBe(true);
    await page.getByRole("link", { name: "English" }).click();
    await page.waitForURL(`${base()}/s/${SURVEY}/`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("How was your visit?");
    expect(await page.getByRole("button", { name: "Send answers" }).isVisible()).toBe(true);
    await context.close();
  });

  it("a German post that fails validation gets the Worker's 422 page in German, with the way back to the German page", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base()}/s/${SURVEY}/de/`);
    await pick(page, 3);
    await page.getByLabel("Sonstiges, bitte angeben").first().check();
    await page.getByRole("button", { name: "Antworten senden" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Einige Antworten müssen noch einmal angesehen werden");
    expect(await page.locator("html").getAttribute("lang")).toBe("de");
    expect(await page.locator("main").textContent()).toContain("Bitte geben Sie an, was Sie mit „Sonstiges“ meinen.");
    await page.getByRole("link", { name: "Zurück zur Umfrage" }).click();
    await page.waitForURL(`${base()}/s/${SURVEY}/de/`);
    await context.close();
  });

  it("a German post is stored with language de and lands on the German thank-you page", async () => {
    const visits = marker();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base()}/s/${SURVEY}/de/`);
    await pick(page, 10);
    await page.getByLabel("Wie oft waren Sie dieses Jahr bei uns?").fill(String(visits));
    await page.getByRole("button", { name: "Antworten senden" }).click();
    await page.waitForURL(`${base()}/s/${SURVEY}/de/thanks/`);
    expect(await page.getByText("Vielen Dank! Ihre Antworten helfen uns, besser zu werden.").isVisible()).toBe(true);
    expect(await storedLanguage(visits)).toEqual(["de"]);
    await context.close();
  });
});

/**
 * Canvass's own words on format 1.1's controls, in the page's language, in Chromium: the
 * German page of surveys/multilingual.yaml shows its ranking's hint, Up/Down buttons and
 * their accessible names, the slider's unset text (or, without JavaScript, its "No answer"
 * entry), the "None" choice and the "Other" box's name in German, with JavaScript on and
 * off; a move is announced in German; the footer's links to the (English) legal pages are
 * named in German; without JavaScript the Worker's 422 page names a ranking's clash in
 * German too; and a refused personal link says why in German, JavaScript on or off.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "./chromium.ts";

const PAGE = "/s/multilingual/de/";
const OTHER_BOX = "Sonstiges, bitte angeben: Ihre Antwort auf „Welche Extras haben Sie genutzt?“";
let browser: Browser;
const base = () => inject("baseUrl");

beforeAll(async () => { browser = await launchChromium(); });
afterAll(() => browser?.close());

const ranking = (page: Page) => page.locator("#q-priorities");

/** What both pages show alike: the None choice and the Other box's name, and the ranking's buttons in the markup. */
async function expectGermanChoices(page: Page) {
  expect(await page.getByRole("checkbox", { name: "Nichts davon", exact: true }).count()).toBe(1);
  expect(await page.getByRole("checkbox", { name: "None of these" }).count()).toBe(0);
  expect(await page.locator('[name="extras_other"]').getAttribute("aria-label")).toBe(OTHER_BOX);
  expect(await ranking(page).locator("li").first().locator("button").allTextContents()).toEqual(["Nach oben", "Nach unten"]);
  expect(await ranking(page).locator('button[aria-label="Preis nach oben verschieben"]').count()).toBe(1);
}

describe("the German page's controls, with JavaScript on", () => {
  it("ranking hint, buttons and announcement, the slider's unset text, None and the Other box read German", async () => {
    const page = await browser.newPage();
    await page.goto(`${base()}${PAGE}`);
    await expectGermanChoices(page);
    expect(await page.getByRole("textbox", { name: OTHER_BOX }).isVisible()).toBe(true);
    expect(await ranking(page).getByText("Ordnen Sie diese, den ersten ganz oben", { exact: false }).isVisible()).toBe(true);
    await ranking(page).getByRole("button", { name: "Preis nach unten verschieben" }).click();
    await expect.poll(() => ranking(page).locator("[aria-live]").textContent()).toBe("Preis: jetzt 2 von 3.");
    expect(await page.locator("#q-wait_minutes output").textContent()).toBe("Nicht beantwortet: Bewegen Sie den Schieberegler, um zu antworten.");
    expect(await page.locator("#q-priorities .req, #q-wait_minutes .req").count()).toBe(0);
    await page.close();
  });
});

describe("the German page's controls, with JavaScript off", () => {
  it("the position lists, the slider's list, None and the Other box read German", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base()}${PAGE}`);
    await expectGermanChoices(page);
    expect(await ranking(page).getByText("Geben Sie jedem Eintrag eine andere Position, 1 für den ersten.").isVisible()).toBe(true);
    expect(await ranking(page).getByRole("combobox", { name: "Preis" }).locator("option").first().textContent()).toBe("–");
    expect(await page.getByRole("combobox", { name: "Wie lange darf eine Wartezeit sein, bevor sie Sie stört?" }).locator("option").first().textContent()).toBe("Keine Antwort");
    expect(await page.locator("footer").textContent()).toBe("Datenschutz · Nutzungsbedingungen");
    await context.close();
  });

  it("two items in one position get the Worker's 422 page naming them in German", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base()}${PAGE}`);
    await page.locator('input[name="recommend"][value="9"]').check();
    await ranking(page).getByRole("combobox", { name: "Preis" }).selectOption("1");
    await ranking(page).getByRole("combobox", { name: "Service" }).selectOption("1");
    await ranking(page).getByRole("combobox", { name: "Lage" }).selectOption("3");
    await page.getByRole("button", { name: "Antworten senden" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Einige Antworten müssen noch einmal angesehen werden");
    expect(await page.locator("main").textContent()).toContain("Preis und Service stehen beide auf Position 1: Geben Sie jedem eine andere Position.");
    await context.close();
  });
});

describe("a refused personal link on the German page", () => {
  const notice = "Dieser persönliche Link ist unvollständig oder beschädigt. Kopieren Sie den ganzen Link aus der E-Mail, oder öffnen Sie die Umfrage ohne ihn. Ihre Antworten werden keiner Einladung zugeordnet.";

  it("says why, and that the answers will not be linked, in German with JavaScript off (the Worker) and on (the page script)", async () => {
    const off = await browser.newContext({ javaScriptEnabled: false });
    const plain = await off.newPage();
    await plain.goto(`${base()}${PAGE}?t=abc`);
    expect(await plain.locator("#survey-status").textContent()).toBe(notice);
    await off.close();

    const page = await browser.newPage();
    const checked = page.waitForResponse((r) => r.url().endsWith("/api/invitations/multilingual"));
    await page.goto(`${base()}${PAGE}?t=abc`);
    expect((await checked).status()).toBe(400);
    await expect.poll(() => page.locator("#survey-status").textContent()).toBe(notice);
    await page.close();
  });
});

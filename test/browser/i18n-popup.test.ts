/**
 * A pop-up survey in the language its embed asks for, in Chromium (surveys/page-feedback.yaml,
 * in en, de, fr, es): with `data-lang="de"` the loader fetches the German pop-up script, whose
 * title, questions and Canvass's own words (Yes/No, "Choose…", "Other", the send and close
 * buttons, the answer check's message) are German, and the answer is stored with language
 * `de`; its exclusive "None" choice is offered in German and stays exclusive; its randomised
 * question's choices are shuffled each time and the order shown is stored; a language the
 * survey does not offer gets the default (English). As in
 * test/browser/popup.test.ts, Playwright serves the host site on its listed origin.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demoHostPage } from "../../scripts/lib/demo-host.ts";
import { launchChromium } from "./chromium.ts";
import { BROWSER_ADMIN_TOKEN } from "./global-setup.ts";

const SURVEY = "page-feedback";
const HOST = "http://127.0.0.1:8788"; // listed in surveys/page-feedback.yaml
const base = () => inject("baseUrl");
let browser: Browser;

beforeAll(async () => { browser = await launchChromium(); });
afterAll(() => browser?.close());

/** The host page with the embed tag asking for `lang`; the pop-up shows at once (scroll_percent 50 of a page that fits the window). */
async function hostPage(lang: string): Promise<{ context: BrowserContext; page: Page; popups: string[] }> {
  const context = await browser.newContext({ permissions: ["local-network-access"] });
  const body = demoHostPage({ canvassUrl: base(), survey: SURVEY }).replace(`data-survey="${SURVEY}"`, `data-survey="${SURVEY}" data-lang="${lang}"`);
  await context.route(`${HOST}/**`, (route) => route.fulfill({ contentType: "text/html", body }));
  const popups: string[] = [];
  context.on("request", (r) => { if (r.url().includes("/_canvass/embed/")) popups.push(new URL(r.url()).pathname); });
  const page = await context.newPage();
  await page.goto(`${HOST}/`);
  return { context, page, popups };
}

async function storedLanguages(): Promise<(string | undefined)[]> {
  const res = await fetch(`${base()}/api/admin/surveys/${SURVEY}/responses?limit=1000`, { headers: { authorization: `Bearer ${BROWSER_ADMIN_TOKEN}` } });
  return ((await res.json()) as { responses: { language?: string }[] }).responses.map((r) => r.language);
}

async function storedAnswers(): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${base()}/api/admin/surveys/${SURVEY}/responses?limit=1000`, { headers: { authorization: `Bearer ${BROWSER_ADMIN_TOKEN}` } });
  return ((await res.json()) as { responses: { answers: Record<string, unknown> }[] }).responses.map((r) => r.answers);
}

/** The stored orders (`order`) of the responses that have one, oldest first. */
async function storedOrders(): Promise<Record<string, string[]>[]> {
  const res = await fetch(`${base()}/api/admin/surveys/${SURVEY}/responses?limit=1000`, { headers: { authorization: `Bearer ${BROWSER_ADMIN_TOKEN}` } });
  return ((await res.json()) as { responses: { order?: Record<string, string[]> }[] }).responses.flatMap((r) => (r.order ? [r.order] : []));
}

describe("a pop-up survey in several languages", () => {
  it("with data-lang=\"de\" speaks German, Canvass's words included, and the answer is stored in German", async () => {
    const { context, page, popups } = await hostPage("de");
    const dialog = page.getByRole("dialog", { name: "War diese Seite hilfreich?" });
    await dialog.waitFor();
    expect(popups).toEqual([`/_canvass/embed/${SURVEY}.de.js`]);
    await dialog.getByRole("button", { name: "Antworten senden" }).click();
    await expect.poll(() => dialog.getByText("Diese Frage muss beantwortet werden.").isVisible()).toBe(true);
    expect(await dialog.getByRole("button", { name: "Schließen" }).count()).toBe(1);
    await dialog.getByRole("radio", { name: "Nein" }).check();
    const missing = dialog.getByRole("combobox", { name: "Was hat gefehlt?" });
    expect(await missing.locator("option").allTextContents()).toEqual(["Bitte wählen…", "Beispiele", "Mehr Einzelheiten", "Sonstiges"]);
    await dialog.getByRole("radio", { name: "Ja" }).check();
    const before = (await storedLanguages()).filter((l) => l === "de").length;
    await dialog.getByRole("button", { name: "Antworten senden" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Danke, dass Sie es uns sagen.");
    await expect.poll(async () => (await storedLanguages()).filter((l) => l === "de").length).toBe(before + 1);
    await context.close();
  });

  it("offers the exclusive \"None\" choice in its language: ticking it clears the others, and it is stored as None", async () => {
    const { context, page } = await hostPage("de");
    const dialog = page.getByRole("dialog", { name: "War diese Seite hilfreich?" });
    await dialog.waitFor();
    await dialog.getByRole("radio", { name: "Nein" }).check();
    const search = dialog.getByRole("checkbox", { name: "Unsere Suche" });
    const none = dialog.getByRole("checkbox", { name: "Nichts davon" });
    await search.check();
    await none.check();
    expect(await search.isChecked()).toBe(false);
    await search.check();
    expect(await none.isChecked()).toBe(false);
    await none.check();
    await dialog.getByRole("button", { name: "Antworten senden" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Danke, dass Sie es uns sagen.");
    await expect.poll(async () => (await storedAnswers()).some((a) => JSON.stringify(a.looked) === '["None"]' && a.helpful === "no")).toBe(true);
    await context.close();
  });

  it("shuffles a randomised question's choices each time it opens, \"None\" last, and the Worker stores the order it showed", async () => {
    const shown: string[][] = [];
    let sent: { order: string[]; before: string[] } | undefined;
    // Four choices have 24 orders: six showings all in the same order happen about once in 8 million runs.
    for (let i = 0; i < 6 && new Set(shown.map((o) => o.join())).size < 2; i++) {
      const { context, page } = await hostPage("en");
      const dialog = page.getByRole("dialog", { name: "Was this page helpful?" });
      await dialog.waitFor();
      await dialog.getByRole("radio", { name: "No" }).check();
      const boxes = dialog.locator('fieldset[data-q="looked"] input[type=checkbox]');
      const values = await boxes.evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
      expect(values.at(-1)).toBe("None");
      shown.push(values.slice(0, -1));
      if (!sent) {
        const before = (await storedOrders()).map((o) => JSON.stringify(o));
        await dialog.getByRole("checkbox", { name: "The FAQ" }).check();
        await dialog.getByRole("button", { name: "Send" }).click();
        await expect.poll(() => page.getByRole("status").isVisible()).toBe(true);
        sent = { order: values.slice(0, -1), before };
      }
      await context.close();
    }
    expect(shown[0]!.slice().sort()).toEqual(["chat", "elsewhere", "faq", "search"]);
    expect(new Set(shown.map((o) => o.join())).size).toBeGreaterThan(1);
    // The survey is anonymous, so its responses' times are coarse and their listed order says nothing of which is new: the new order is the one more than before.
    await expect.poll(async () => (await storedOrders()).length).toBe(sent!.before.length + 1);
    const added = (await storedOrders()).map((o) => JSON.stringify(o));
    for (const old of sent!.before) added.splice(added.indexOf(old), 1);
    expect(added.map((o) => JSON.parse(o))).toEqual([{ looked: sent!.order }]);
  });

  it("asked for a language it is not offered in, it is in its default, English", async () => {
    const { context, page, popups } = await hostPage("it");
    const dialog = page.getByRole("dialog", { name: "Was this page helpful?" });
    await dialog.waitFor();
    expect(popups).toEqual([`/_canvass/embed/${SURVEY}.js`]);
    expect(await dialog.getByRole("radio", { name: "Yes" }).count()).toBe(1);
    expect(await dialog.getByRole("button", { name: "Close" }).count()).toBe(1);
    await context.close();
  });
});

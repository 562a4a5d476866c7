/**
 * The admin pages with a client's token (issue 10): they call only the admin API, so a
 * token made as `canvass token create --client northwind` makes it shows on /admin/
 * exactly Northwind's surveys (surveys/2025-pricing.yaml declares `client: northwind`),
 * and the owner's token every survey.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SurveyList } from "../../core/api/results.ts";
import { clientTokenHash, newClientToken } from "../../core/clients.ts";
import { insertTokenSql } from "../../scripts/commands/token-store.ts";
import { queryLocalD1 } from "../../scripts/lib/stack.ts";
import { launchChromium } from "./chromium.ts";
import { BROWSER_ADMIN_TOKEN } from "./global-setup.ts";

const base = () => inject("baseUrl");
let browser: Browser;
let northwind = "";
const errors: string[] = [];

async function open(path: string, token: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript((t) => sessionStorage.setItem("canvass-admin-token", t), token);
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(`${path}: ${e.message}`));
  await page.goto(`${base()}${path}`);
  return page;
}

const listed = (page: Page) => page.locator("tr[data-survey]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-survey")));

beforeAll(async () => {
  browser = await launchChromium();
  const made = newClientToken();
  await queryLocalD1(inject("persistTo"), insertTokenSql({ id: made.id, client: "northwind", name: "browser test", hash: await clientTokenHash(made.token), createdAt: new Date().toISOString() }));
  northwind = made.token;
});
afterAll(async () => {
  await browser?.close();
  expect(errors).toEqual([]);
});

describe("/admin/ with a client's token", () => {
  it("lists only that client's surveys; the owner's token lists them all", async () => {
    const page = await open("/admin/", northwind);
    await page.waitForSelector("#surveys:not([hidden])");
    expect(await listed(page)).toEqual(["2025-pricing"]);
    await page.context().close();

    const all = (await (await fetch(`${base()}/api/admin/surveys`, { headers: { authorization: `Bearer ${BROWSER_ADMIN_TOKEN}` } })).json()) as SurveyList;
    expect(all.surveys.map((s) => s.id)).toEqual(expect.arrayContaining(["2025-pricing", "customer-feedback"]));
    const owner = await open("/admin/", BROWSER_ADMIN_TOKEN);
    await owner.waitForSelector("#surveys:not([hidden])");
    expect(await listed(owner)).toEqual(all.surveys.map((s) => s.id));
    await owner.context().close();
  });

  it("another client's results page shows the API's unknown-survey sentence and no results", async () => {
    const page = await open("/admin/surveys/customer-feedback/", northwind);
    await expect.poll(() => page.locator("main").innerText(), { timeout: 15_000 }).toContain('There is no survey called "customer-feedback".');
    expect(await page.locator("#results").isHidden()).toBe(true);
    await page.context().close();
  });
});

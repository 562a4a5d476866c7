/**
 * The respondent's experience in Chromium, on the example survey (surveys/customer-feedback.yaml:
 * a matrix, an "Other" choice, a conditional third page, skip logic on questions), with
 * JavaScript on and off: matrices on a phone, personal links without JavaScript, the
 * "already answered" notice, the error summary, a page total that holds still, the names a
 * screen reader gives the "Other" choice and its text box, and the 422 page naming answers
 * skip logic set aside.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ROOT } from "../../build/paths.ts";
import { queryLocalD1 } from "../../scripts/lib/stack.ts";
import { launchChromium } from "./chromium.ts";
import { BROWSER_ADMIN_TOKEN } from "./global-setup.ts";

const SURVEY = "customer-feedback";
const base = () => inject("baseUrl");
const auth = { authorization: `Bearer ${BROWSER_ADMIN_TOKEN}` };
let browser: Browser;

beforeAll(async () => { browser = await launchChromium(); });
afterAll(() => browser?.close());

async function contextWith(o: { js: boolean; width?: number }): Promise<BrowserContext> {
  return browser.newContext({ javaScriptEnabled: o.js, viewport: { width: o.width ?? 1280, height: 900 } });
}

async function openSurvey(context: BrowserContext, path = `/s/${SURVEY}/`): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base()}${path}`);
  return page;
}

/** Invites a new contact through the admin API; the personal link from the outbox's email. */
async function invite(name: string): Promise<{ link: string; token: string; email: string }> {
  const email = `respondent.${crypto.randomUUID().slice(0, 8)}@example.com`;
  const upload = await fetch(`${base()}/api/admin/surveys/${SURVEY}/invitations?source=client&client=Browser%20test`, {
    method: "POST",
    headers: { ...auth, "content-type": "text/csv" },
    body: `email,name\r\n${email},"${name}"\r\n`,
  });
  expect(upload.status).toBe(200);
  for (const deadline = Date.now() + 45_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 500))) {
    const res = await fetch(`${base()}/api/admin/outbox?to=${encodeURIComponent(email)}`, { headers: auth });
    const { messages } = (await res.json()) as { messages: { text: string }[] };
    const link = messages[0] && new RegExp(`${base()}/s/${SURVEY}/\\?t=([A-Za-z0-9_.-]+)`).exec(messages[0].text);
    if (link) return { link: link[0], token: link[1]!, email };
  }
  throw new Error(`no invitation reached the outbox for ${email}`);
}

const answeredAt = async (email: string) =>
  (await queryLocalD1<{ answered_at: string | null; linked: number }>(
    inject("persistTo"),
    `SELECT i.answered_at, (SELECT count(*) FROM responses r WHERE r.invitation_id = i.id) AS linked FROM invitations i JOIN contacts c ON c.id = i.contact_id WHERE c.email = '${email}'`,
  ))[0];

/** Answers the first page's required question and the second's, without JavaScript (every page shows). */
async function answerRequired(page: Page): Promise<void> {
  await page.locator('[name="satisfaction"][value="4"]').check();
  await page.locator('[name="recommend"][value="9"]').check();
}

describe("a matrix", () => {
  for (const js of [true, false]) {
    it(`at 375 px shows each row as a card with every column's choice labelled, and at 1280 px a table (JavaScript ${js ? "on" : "off"})`, async () => {
      for (const width of [375, 1280]) {
        const context = await contextWith({ js, width });
        const page = await openSurvey(context);
        const matrix = page.locator("#q-aspects");
        await matrix.scrollIntoViewIfNeeded();
        await page.screenshot({ path: `/tmp/canvass-matrix-${width}-js-${js ? "on" : "off"}.png`, fullPage: true });
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `sideways scrolling at ${width} px`).toBeLessThanOrEqual(width);
        const radios = matrix.locator("input[type=radio]");
        expect(await radios.count()).toBe(12); // 3 rows × 4 columns
        for (let i = 0; i < 12; i++) {
          const box = (await radios.nth(i).boundingBox())!;
          expect(box, `radio ${i} at ${width} px`).not.toBeNull();
          expect(box.x, `radio ${i} at ${width} px`).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width, `radio ${i} at ${width} px`).toBeLessThanOrEqual(width);
        }
        const firstRow = matrix.locator("tbody tr").first();
        if (width === 375) {
          expect(await matrix.locator("thead").isVisible()).toBe(false);
          expect(await firstRow.locator("th").isVisible()).toBe(true);
          expect(await firstRow.locator(".mx-col").allInnerTexts()).toEqual(["Poor", "Fair", "Good", "Excellent"]);
          for (const label of await firstRow.locator(".mx-col").all()) expect(await label.isVisible()).toBe(true);
          // A vertical list: each choice below the one before.
          const ys = await Promise.all((await firstRow.locator("input").all()).map(async (r) => (await r.boundingBox())!.y));
          for (let i = 1; i < ys.length; i++) expect(ys[i]!).toBeGreaterThan(ys[i - 1]!);
        } else {
          expect(await matrix.locator("thead").isVisible()).toBe(true);
          expect(await matrix.locator("thead th").allInnerTexts()).toEqual(["Poor", "Fair", "Good", "Excellent"]);
          expect(await firstRow.locator(".mx-col").first().isVisible()).toBe(false);
        }
        // Either way a choice is named by its row and its column.
        expect(await page.getByRole("radio", { name: "Packaging: Good", exact: true }).count()).toBe(1);
        await context.close();
      }
    });
  }
});

describe("the survey page through the Worker (run_worker_first: /s/*)", () => {
  it("without a query string is the built file, byte for byte, with the CSP `_headers` gives it; with a token, the same CSP and no-store", { timeout: 180_000 }, async () => {
    const built = await readFile(join(ROOT, "dist", "s", SURVEY, "index.html"));
    const headersFile = await readFile(join(ROOT, "dist", "_headers"), "utf8");
    // The first rule, `/*`, is every page's; its first line the policy (build/headers.ts).
    const staticCsp = headersFile.split("\n").find((line) => line.startsWith("  Content-Security-Policy: "))?.slice("  Content-Security-Policy: ".length);
    expect(staticCsp).toContain("script-src 'self'");
    const plain = await fetch(`${base()}/s/${SURVEY}/`);
    expect(plain.status).toBe(200);
    expect(Buffer.from(await plain.arrayBuffer()).equals(built)).toBe(true);
    expect(plain.headers.get("content-security-policy")).toBe(staticCsp);
    expect(plain.headers.get("cache-control")).not.toContain("no-store");
    const { link } = await invite("Lin");
    const personal = await fetch(link);
    expect(personal.status).toBe(200);
    expect(personal.headers.get("content-security-policy")).toBe(staticCsp);
    expect(personal.headers.get("cache-control")).toBe("no-store");
    expect(personal.headers.get("referrer-policy")).toBe("no-referrer");
    expect(await personal.text()).toContain('<input type="hidden" name="_t" value="');
  });
});

describe("a personal link", () => {
  // An invitation travels through the local queue and each D1 read starts wrangler: slow on a loaded two-core machine.
  it("with JavaScript off opens the survey with the name piped in, links the answers to the invitation, and then shows the notice instead of the form", { timeout: 180_000 }, async () => {
    const { link, email } = await invite("Grace <b>Hopper</b>");
    const context = await contextWith({ js: false });
    const page = await openSurvey(context, link.slice(base().length));
    expect(await page.locator('[data-pipe="name"]').first().textContent()).toBe("Grace <b>Hopper</b>");
    expect(await page.locator('#survey-form input[name="_t"]').count()).toBe(1);
    await answerRequired(page);
    await page.getByRole("button", { name: "Send answers" }).click();
    await page.waitForURL(`${base()}/s/${SURVEY}/thanks/`);
    await expect.poll(() => answeredAt(email), { timeout: 60_000 }).toMatchObject({ answered_at: expect.any(String), linked: 1 });

    const again = await openSurvey(context, link.slice(base().length));
    expect(await again.locator("#survey-form").count()).toBe(0);
    expect(await again.locator("#survey-answered").textContent()).toBe("You have already answered this survey through your personal link. Thank you!");
    await context.close();
  });

  it("with JavaScript on, an answered invitation's notice replaces the form, for new ?t= links and old #t= links alike, and the token leaves the address bar", { timeout: 180_000 }, async () => {
    const { link, token, email } = await invite("Ada");
    const context = await contextWith({ js: true });
    const first = await openSurvey(context, link.slice(base().length));
    await expect.poll(() => first.url()).toBe(`${base()}/s/${SURVEY}/`);
    expect(await first.locator('[data-pipe="name"]').first().textContent()).toBe("Ada");
    const sent = await fetch(`${base()}/api/responses/${SURVEY}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ submission_id: crypto.randomUUID(), answers: { satisfaction: 4, recommend: 9 }, token }),
    });
    expect(sent.status).toBe(201);
    expect(await answeredAt(email)).toMatchObject({ linked: 1 });

    for (const path of [link.slice(base().length), `/s/${SURVEY}/#t=${token}`]) {
      const page = await (await contextWith({ js: true })).newPage();
      await page.goto(`${base()}${path}`);
      await expect.poll(() => page.locator("#survey-answered").isVisible(), { message: path }).toBe(true);
      expect(await page.locator("#survey-form").count(), path).toBe(0);
      await expect.poll(() => page.url(), { message: path }).toBe(`${base()}/s/${SURVEY}/`);
      await page.context().close();
    }
    await context.close();
  });

  it("a damaged link still opens the survey, with JavaScript on or off, saying the answers will not be linked", async () => {
    for (const js of [true, false]) {
      const context = await contextWith({ js });
      const page = await openSurvey(context, `/s/${SURVEY}/?t=not-a-token`);
      await expect.poll(() => page.locator("#survey-status").textContent()).toMatch(/incomplete or damaged.*Your answers will not be linked to an invitation\.$/);
      expect(await page.locator("#survey-form").isVisible()).toBe(true);
      await context.close();
    }
  });
});

describe("with JavaScript on", () => {
  it("the error summary and each message go as soon as the flagged answers pass", async () => {
    const context = await contextWith({ js: true });
    const page = await openSurvey(context);
    await page.getByRole("button", { name: "Next" }).click();
    await expect.poll(() => page.locator("#survey-status").textContent()).toMatch(/need another look/);
    expect(await page.locator("#satisfaction-error").textContent()).toBe("This question needs an answer.");
    await page.locator('[name="satisfaction"][value="5"]').check();
    await expect.poll(() => page.locator("#satisfaction-error").textContent()).toBe("");
    expect(await page.locator("#survey-status").textContent()).toBe("");
    expect(await page.locator("#survey-status").isVisible()).toBe(false);

    // Two flagged on page 2: the summary stays until the last one passes.
    await page.getByRole("button", { name: "Next" }).click();
    await page.locator('[name="orders_per_year"]').fill("1000");
    await page.getByRole("button", { name: "Next" }).click();
    await expect.poll(() => page.locator("#survey-status").textContent()).toMatch(/need another look/);
    expect(await page.locator("#recommend-error").textContent()).not.toBe("");
    expect(await page.locator("#orders_per_year-error").textContent()).not.toBe("");
    await page.locator('[name="recommend"][value="8"]').check();
    await expect.poll(() => page.locator("#recommend-error").textContent()).toBe("");
    expect(await page.locator("#survey-status").textContent()).toMatch(/need another look/);
    await page.locator('[name="orders_per_year"]').fill("12");
    await expect.poll(() => page.locator("#orders_per_year-error").textContent()).toBe("");
    expect(await page.locator("#survey-status").textContent()).toBe("");
    await context.close();
  });

  it("the page total stays the same when a conditional page appears or goes: skipped pages count as done", async () => {
    const context = await contextWith({ js: true });
    const page = await openSurvey(context);
    const label = () => page.locator("#survey-progress-label").textContent();
    await expect.poll(label).toBe("Page 1 of 4");
    await page.locator('[name="satisfaction"][value="5"]').check();
    await page.getByRole("button", { name: "Next" }).click();
    await expect.poll(label).toBe("Page 2 of 4");
    // Ticking "Mobile app" shows page 3 ("Our mobile app"); unticking hides it again.
    await page.getByRole("checkbox", { name: "Mobile app" }).check();
    expect(await label()).toBe("Page 2 of 4");
    await page.getByRole("checkbox", { name: "Mobile app" }).uncheck();
    expect(await label()).toBe("Page 2 of 4");
    await page.getByRole("checkbox", { name: "Website" }).check();
    await page.locator('[name="recommend"][value="8"]').check();
    await page.getByRole("button", { name: "Next" }).click();
    await expect.poll(label).toBe("Page 4 of 4");
    expect(await page.locator("#survey-progress-bar").evaluate((b: HTMLProgressElement) => [b.value, b.max])).toEqual([4, 4]);
    await page.getByRole("button", { name: "Back" }).click();
    await expect.poll(label).toBe("Page 2 of 4");
    await page.getByRole("checkbox", { name: "Mobile app" }).check();
    await page.getByRole("button", { name: "Next" }).click();
    await expect.poll(label).toBe("Page 3 of 4");
    await context.close();
  });
});

describe("the Other choice", () => {
  it("and its text box have distinct accessible names in Chromium's accessibility tree, the box naming its question", async () => {
    for (const js of [true, false]) {
      const context = await contextWith({ js });
      const page = await openSurvey(context);
      if (js) await page.locator('[name="satisfaction"][value="2"]').check(); // shows `reason`
      const reason = page.locator("#q-reason");
      const snapshot = await reason.ariaSnapshot();
      expect(snapshot).toContain('radio "Other, please specify"');
      expect(snapshot).toContain('textbox "Other, please specify: your answer to “What disappointed you most?”"');
      expect(await reason.getByRole("radio", { name: "Other, please specify", exact: true }).count()).toBe(1);
      expect(await reason.getByRole("textbox", { name: "Other, please specify", exact: true }).count()).toBe(0);
      // The multiple-choice question's box names its own question.
      expect(await page.getByRole("textbox", { name: "Other, please specify: your answer to “Which of these do you use?”", exact: true, includeHidden: true }).count()).toBe(1);
      await context.close();
    }
  });
});

describe("with JavaScript off, a refused form", () => {
  it("names the answer that was not kept because its question did not apply", async () => {
    const context = await contextWith({ js: false });
    const page = await openSurvey(context);
    // Very happy hides "What disappointed you most?", but without JavaScript it is on the page.
    await page.locator('[name="satisfaction"][value="5"]').check();
    await page.getByRole("radio", { name: "Price", exact: true }).check();
    await page.locator('[name="recommend"][value="9"]').check();
    // Asked to be contacted, without an address: the Worker refuses the form.
    await page.locator('[name="contact_me"]').check();
    await page.getByRole("button", { name: "Send answers" }).click();
    await page.waitForURL(`${base()}/api/responses/${SURVEY}`);
    expect(await page.locator("h1").textContent()).toBe("Some answers need another look");
    expect(await page.getByText("Your email address").count()).toBeGreaterThan(0);
    expect(await page.getByText("Your answer to “What disappointed you most?” was not kept: the question does not apply given your other answers.").isVisible()).toBe(true);
    await context.close();
  });
});

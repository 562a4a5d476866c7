/**
 * The whole invitation path on the real local stack: a contact list is uploaded
 * through the admin API, `wrangler dev`'s local queue consumer sends the invitation to
 * the outbox, the personal link is read from that email and opened in Chromium, the
 * page greets the contact by name, the survey is answered, and the stored response is
 * found in D1 linked to the invitation. A second answer through the same link is refused.
 * The token rides in the link's query: the Worker stamps it into the page's form, and no
 * request after the page itself carries it in its URL. With JavaScript off the same kind
 * of link opens the survey with the name piped in and links the answers too.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { validateAnswers } from "../../core/answers.ts";
import type { PublishedSurvey } from "../../core/compile.ts";
import { visibility } from "../../core/logic.ts";
import { sampleAnswers, seeded } from "../../scripts/lib/sample-answers.ts";
import { queryLocalD1 } from "../../scripts/lib/stack.ts";
import { launchChromium } from "./chromium.ts";
import { fillPage } from "./fill.ts";
import { BROWSER_ADMIN_TOKEN } from "./global-setup.ts";

const SURVEY = "customer-feedback";
const base = () => inject("baseUrl");
const auth = { authorization: `Bearer ${BROWSER_ADMIN_TOKEN}` };
let browser: Browser;
let published: PublishedSurvey;

beforeAll(async () => {
  browser = await launchChromium();
  published = (await (await fetch(`${base()}/_canvass/surveys/${SURVEY}.json`)).json()) as PublishedSurvey;
});
afterAll(() => browser?.close());

/** Valid answers that show every page, so the test walks the whole survey. */
function answers(): Record<string, unknown> {
  const rnd = seeded(7);
  for (let i = 0; i < 200; i++) {
    const a = sampleAnswers(published, rnd);
    if (visibility(published, a).pages.size === published.survey.pages.length && validateAnswers(published, a).ok) return a;
  }
  throw new Error("no sample answers show every page");
}

type OutboxMessage = { to: string; subject: string; headers: Record<string, string>; text: string; html: string };

async function waitForMail(to: string): Promise<OutboxMessage> {
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    const res = await fetch(`${base()}/api/admin/outbox?to=${encodeURIComponent(to)}`, { headers: auth });
    const { messages } = (await res.json()) as { messages: OutboxMessage[] };
    if (messages.length) return messages[0]!;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no invitation reached the outbox for ${to}`);
}

describe("an invitation", () => {
  it("is sent through the queue; its personal link opens the survey with the name piped in, and the response is linked", async () => {
    const email = `ada.${crypto.randomUUID().slice(0, 8)}@example.com`;
    const csv = `email,name,company\r\n${email},"Ada <b>Lovelace</b>","Analytical, Ltd"\r\n`;
    const upload = await fetch(`${base()}/api/admin/surveys/${SURVEY}/invitations?source=client&client=Browser%20test`, {
      method: "POST",
      headers: { ...auth, "content-type": "text/csv" },
      body: csv,
    });
    expect(upload.status).toBe(200);
    expect(await upload.json()).toMatchObject({ accepted: 1, queued: 1 });

    const mail = await waitForMail(email);
    expect(mail.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const link = new RegExp(`${base()}/s/${SURVEY}/\\?t=[A-Za-z0-9_.-]+`).exec(mail.text)?.[0];
    expect(link).toBeTruthy();
    const token = link!.split("?t=")[1]!;

    const page = await browser.newPage();
    const urls: string[] = [];
    page.on("request", (r) => void urls.push(r.url()));
    await page.goto(link!);
    // The name from the list, as text (not markup), in the description's {{name|there}}.
    await expect.poll(() => page.locator('[data-pipe="name"]').first().textContent()).toBe("Ada <b>Lovelace</b>");
    expect(await page.locator('[data-pipe="company"]').first().textContent()).toBe("Analytical, Ltd");
    expect(page.url()).toBe(`${base()}/s/${SURVEY}/`); // the token left the address bar

    const given = answers();
    for (let i = 0; i < published.survey.pages.length; i++) {
      await fillPage(page, published, i, given);
      if (i < published.survey.pages.length - 1) await page.getByRole("button", { name: /next/i }).click();
    }
    await page.getByRole("button", { name: /submit|send/i }).click();
    await page.waitForURL(`${base()}/s/${SURVEY}/thanks/`);
    // Access logs keep URLs: the token was in the page's own only (later requests carried it in their bodies).
    expect(urls.length).toBeGreaterThan(1);
    expect(urls.filter((u) => u.includes(token))).toEqual([link]);

    const [row] = await queryLocalD1<{ invitation_id: string | null; answered_at: string | null; email: string }>(
      inject("persistTo"),
      `SELECT r.invitation_id, i.answered_at, c.email FROM responses r JOIN invitations i ON i.id = r.invitation_id JOIN contacts c ON c.id = i.contact_id WHERE c.email = '${email}'`,
    );
    expect(row).toMatchObject({ email, invitation_id: expect.any(String), answered_at: expect.any(String) });

    // The same link again: the page says it was used, in the form's place.
    const again = await browser.newPage();
    await again.goto(link!);
    await expect.poll(() => again.locator("#survey-answered").textContent()).toMatch(/already answered/);
    expect(await again.locator("#survey-form").count()).toBe(0);
    await again.close();
    await page.close();
  });

  // Mail through the local queue, a whole survey filled in and D1 read through wrangler: over a minute on a loaded machine.
  it("with JavaScript off, a personal link opens the survey with the name piped in, and the answers are stored linked to the invitation (the Worker stamped the token into the form)", { timeout: 180_000 }, async () => {
    const email = `js.off.${crypto.randomUUID().slice(0, 8)}@example.com`;
    const upload = await fetch(`${base()}/api/admin/surveys/${SURVEY}/invitations?source=client&client=Browser%20test`, {
      method: "POST",
      headers: { ...auth, "content-type": "text/csv" },
      body: `email,name\r\n${email},Grace\r\n`,
    });
    expect(upload.status).toBe(200);
    const mail = await waitForMail(email);
    const link = new RegExp(`${base()}/s/${SURVEY}/\\?t=[A-Za-z0-9_.-]+`).exec(mail.text)?.[0];
    expect(link).toBeTruthy();

    const count = async () => (await queryLocalD1<{ n: number }>(inject("persistTo"), `SELECT count(*) AS n FROM responses WHERE survey_id = '${SURVEY}'`))[0]!.n;
    const before = await count();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(link!);
    expect(await page.locator('[data-pipe="name"]').first().textContent()).toBe("Grace");
    const given = { ...answers() };
    for (let i = 0; i < published.survey.pages.length; i++) await fillPage(page, published, i, given);
    await page.getByRole("button", { name: /submit|send/i }).click();
    await page.waitForURL(`${base()}/s/${SURVEY}/thanks/`);
    const [invitation] = await queryLocalD1<{ answered_at: string | null }>(
      inject("persistTo"),
      `SELECT i.answered_at FROM invitations i JOIN contacts c ON c.id = i.contact_id WHERE c.email = '${email}'`,
    );
    expect(invitation).toEqual({ answered_at: expect.any(String) });
    await expect.poll(count).toBe(before + 1);
    await context.close();
  });
});

/**
 * The admin survey pages in a real browser, against the real API: answers submitted to
 * the example survey show on its results page (response count, a choice's count, the NPS
 * score, a written answer), a response deleted from the page is gone from the API, the
 * index lists the survey with its count, and an anonymous survey's page links no person
 * to any answers. Other test files may answer the same survey, so the expected numbers
 * are counted here from the stored responses, not from what this file sent.
 * Screenshots at 375 and 1280 px go to /tmp (never into the repository).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { StoredResponse } from "../../core/api/responses.ts";
import type { ResponsePage, SurveyList } from "../../core/api/results.ts";
import { catalogPath } from "../../core/catalog.ts";
import type { PublishedSurvey } from "../../core/compile.ts";
import { plainLabel } from "../../core/piping.ts";
import { plainText } from "../../core/plain-text.ts";
import { allQuestions } from "../../core/survey.ts";
import { ROOT } from "../../scripts/lib/stack.ts";
import { launchChromium } from "./chromium.ts";
import { BROWSER_ADMIN_TOKEN } from "./global-setup.ts";

const SURVEY = "customer-feedback";
const auth = { authorization: `Bearer ${BROWSER_ADMIN_TOKEN}` };
const base = () => inject("baseUrl");
const TEXT = "Fast delivery, \"great\" =1+1 🎉 <b>not bold</b> שלום";
const SENT = [
  { satisfaction: 2, reason: "Price", recommend: 10, comments: TEXT },
  { satisfaction: 5, recommend: 3, tools: ["Website"] },
  { satisfaction: 1, reason: "Price", recommend: 9 },
];

let browser: Browser;
let ids: string[] = [];
const errors: string[] = [];
// The page draws after several API calls: give it more than expect.poll's default second.
const drawn = { timeout: 15_000 };

async function submit(answers: Record<string, unknown>, token?: string): Promise<string> {
  const res = await fetch(`${base()}/api/responses/${SURVEY}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ submission_id: crypto.randomUUID(), answers, token }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Every stored response of a survey, page by page, as the API lists them. */
async function stored(survey: string): Promise<StoredResponse[]> {
  const all: StoredResponse[] = [];
  for (let cursor: string | null = ""; cursor !== null; ) {
    const res = await fetch(`${base()}/api/admin/surveys/${survey}/responses?format=json${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { headers: auth });
    const page = (await res.json()) as ResponsePage;
    all.push(...page.responses);
    cursor = page.next;
  }
  return all;
}

/** The NPS of the stored answers: % promoters (9–10) minus % detractors (0–6), one decimal. */
function nps(responses: StoredResponse[]): number {
  const scores = responses.map((r) => r.answers.recommend).filter((v): v is number => typeof v === "number");
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  return Math.round((1000 * (promoters - detractors)) / scores.length) / 10;
}

/** Invites one new contact and answers through the personal link the outbox received; the response's id. */
async function answerInvitation(email: string): Promise<string> {
  const upload = await fetch(`${base()}/api/admin/surveys/${SURVEY}/invitations?source=client&client=Browser%20test`, {
    method: "POST",
    headers: { ...auth, "content-type": "text/csv" },
    body: `email,name\r\n${email},Grace Hopper\r\n`,
  });
  expect(upload.status).toBe(200);
  for (const deadline = Date.now() + 45_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 500))) {
    const res = await fetch(`${base()}/api/admin/outbox?to=${encodeURIComponent(email)}`, { headers: auth });
    const { messages } = (await res.json()) as { messages: { text: string }[] };
    const token = messages[0] && /\?t=([A-Za-z0-9_.-]+)/.exec(messages[0].text)?.[1];
    if (token) return submit({ satisfaction: 4, recommend: 8 }, token);
  }
  throw new Error(`no invitation reached the outbox for ${email}`);
}

/** A page in a fresh context with the token already given in this tab, as the owner has after typing it once. */
async function open(path: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await context.addInitScript((token) => sessionStorage.setItem("canvass-admin-token", token), BROWSER_ADMIN_TOKEN);
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(`${path}: ${e.message}`));
  await page.goto(`${base()}${path}`);
  return page;
}

async function screenshots(path: string, ready: string, name: string): Promise<void> {
  for (const width of [375, 1280]) {
    const page = await open(path, width);
    await page.waitForSelector(ready);
    await page.waitForLoadState("networkidle");
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} at ${width} px scrolls sideways`).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `/tmp/canvass-${name}-${width}.png`, fullPage: true });
    await page.context().close();
  }
}

beforeAll(async () => {
  browser = await launchChromium();
  ids = [];
  for (const answers of SENT) ids.push(await submit(answers));
});
afterAll(async () => {
  await browser?.close();
  expect(errors).toEqual([]);
});

describe("the results page /admin/surveys/<id>/", () => {
  it("shows the response count, a choice's count, the NPS score and a written answer", async () => {
    const responses = await stored(SURVEY);
    const price = responses.filter((r) => r.answers.reason === "Price").length;
    const page = await open(`/admin/surveys/${SURVEY}/`);
    expect(await page.locator('meta[name="robots"][content="noindex"]').count()).toBe(1);
    await page.waitForSelector("#results:not([hidden])");

    expect(await page.textContent("#headline")).toMatch(new RegExp(`^${responses.length} responses`));
    expect(await page.locator("#q-reason svg").getAttribute("aria-label")).toContain(`Price ${price} (`);
    expect(await page.textContent("#q-recommend [data-figures]")).toContain(`NPS ${nps(responses)} ·`);
    await expect.poll(() => page.locator('#q-comments [data-texts="comments"] li', { hasText: TEXT }).count(), drawn).toBe(1);
    await page.context().close();
  });

  it("is titled with the survey and has a numbered section per question, as built from the JSON the Worker stamped in", async () => {
    const published = JSON.parse(await readFile(join(ROOT, "dist", catalogPath(SURVEY)), "utf8")) as PublishedSurvey;
    const page = await open(`/admin/surveys/${SURVEY}/`);
    expect(await page.title()).toBe(`Results: ${plainText(published.survey.title)}`);
    expect(await page.textContent("h1")).toBe(plainText(published.survey.title));
    expect(await page.textContent("#results-meta")).toBe(`${SURVEY} · open · 2026-01-01 to 2027-12-31`);
    const labels = allQuestions(published.survey).map((q, i) => `${i + 1}. ${plainLabel(q.label)}`);
    expect(await page.locator("#results section[data-question] h3").allTextContents()).toEqual(labels);
    expect(await page.locator("#results section[data-question]").evaluateAll((s) => s.map((e) => e.id))).toEqual(allQuestions(published.survey).map((q) => `q-${q.id}`));
    await page.context().close();
  });

  it("shows a response's answers with the questions' labels, and deletes it after a confirm", async () => {
    const [first] = ids;
    const page = await open(`/admin/surveys/${SURVEY}/`);
    const row = page.locator(`tr[data-response="${first}"]`);
    await row.getByRole("button", { name: "View" }).click();
    const view = page.locator("tr.view .answers");
    await expect.poll(() => view.textContent(), drawn).toContain("What disappointed you most?");
    expect(await view.textContent()).toContain(TEXT);

    const before = (await stored(SURVEY)).length;
    page.once("dialog", (d) => void d.accept());
    await row.getByRole("button", { name: `Delete response ${first}` }).click();
    await expect.poll(() => row.count(), drawn).toBe(0);
    expect((await fetch(`${base()}/api/admin/surveys/${SURVEY}/responses/${first}`, { headers: auth })).status).toBe(404);
    await expect.poll(() => page.textContent("#headline"), drawn).toMatch(new RegExp(`^${before - 1} responses`));
    await page.context().close();
  });

  it("lists who was invited with their state, each answer linked to its response", async () => {
    const email = `grace.${crypto.randomUUID().slice(0, 8)}@example.com`;
    const response = await answerInvitation(email);
    const page = await open(`/admin/surveys/${SURVEY}/`);
    const row = page.locator("#contacts tbody tr", { hasText: email });
    await expect.poll(() => row.locator('td[data-label="State"]').textContent(), drawn).toMatch(/^answered/);
    await row.getByRole("link", { name: "View response" }).click();
    await expect.poll(() => page.locator(`tr[data-response="${response}"] + tr.view`).textContent(), drawn).toContain(`Response ${response}`);
    await page.context().close();
  });

  it("downloads the CSV export with the token, as a file that starts with the BOM and the header row", async () => {
    const page = await open(`/admin/surveys/${SURVEY}/`);
    await page.waitForSelector("#results:not([hidden])");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-export="csv"]')]);
    expect(download.suggestedFilename()).toBe(`${SURVEY}.csv`);
    const text = await readFile(await download.path(), "utf8");
    expect(text.startsWith("\uFEFFsubmitted_at,response_id,")).toBe(true);
    expect(text).toContain(ids[1]);
    await page.context().close();
  });

  it("asks for the token again when the one given is refused", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base()}/admin/surveys/${SURVEY}/`);
    await page.fill("#admin-token", "wrong-token");
    await page.click("#admin-token-form button[type=submit]");
    await expect.poll(() => page.textContent("#admin-status"), drawn).toContain("not accepted");
    expect(await page.isHidden("#results")).toBe(true);
    await context.close();
  });

  it("links no person to any answers for an anonymous survey", async () => {
    const page = await open("/admin/surveys/onboarding/");
    await page.waitForSelector("#results:not([hidden])");
    await page.waitForLoadState("networkidle");
    expect(await page.locator("#contacts").count()).toBe(0);
    expect(await page.locator('a[href^="#response-"]').count()).toBe(0);
    expect(await page.textContent("#results")).toContain("This survey is anonymous");
    expect(await page.locator("#funnel dd").allTextContents()).toHaveLength(5);
    await page.context().close();
  });

  it("fits a 375 px screen without sideways scrolling, and a 1280 px one", async () => {
    await screenshots(`/admin/surveys/${SURVEY}/`, "#results:not([hidden]) #over-time svg", "results");
  });
});

describe("the index /admin/", () => {
  it("lists every survey with its response count, linked to its results", async () => {
    const list = (await (await fetch(`${base()}/api/admin/surveys`, { headers: auth })).json()) as SurveyList;
    const feedback = list.surveys.find((s) => s.id === SURVEY)!;
    const page = await open("/admin/");
    await page.waitForSelector("#surveys:not([hidden])");
    const row = page.locator(`tr[data-survey="${SURVEY}"]`);
    expect(await row.locator('td[data-label="Responses"]').textContent()).toBe(String(feedback.responses));
    expect(await row.locator("a").getAttribute("href")).toBe(`/admin/surveys/${SURVEY}/`);
    expect(await page.locator("tbody tr").count()).toBe(list.surveys.length);
    expect(await page.locator('a[href="/admin/stats/"]').count()).toBe(1);
    await page.context().close();
  });

  it("fits a 375 px screen without sideways scrolling, and a 1280 px one", async () => {
    await screenshots("/admin/", "#surveys:not([hidden])", "index");
  });
});

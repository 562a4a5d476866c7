/**
 * Pop-up surveys on a client's website, in Chromium against the local stack: the host
 * page is on another origin than Canvass, exactly as a client's site would be.
 *
 * The host origin must be listed in the survey file when the site is built
 * (surveys/quick-pulse.yaml lists http://127.0.0.1:8788, `npm start`'s demo host), so
 * it cannot be a free port chosen now (and a fixed one may be taken by a running
 * `npm start`): Playwright answers that origin's page requests itself (`context.route`)
 * with the demo host's page (scripts/lib/demo-host.ts), and nothing needs to listen there. Everything Canvass serves (the loader, the pop-up
 * script, the answers) goes to the real Worker. Time is Playwright's mocked clock, so
 * the trigger's seconds and the recontact days pass without waiting.
 */
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loaderScript } from "../../build/embed.ts";
import { InterceptSettings } from "../../core/model.ts";
import { demoHostPage, type DemoPage } from "../../scripts/lib/demo-host.ts";
import { launchChromium } from "./chromium.ts";
import { BROWSER_ADMIN_TOKEN } from "./global-setup.ts";

const SURVEY = "quick-pulse";
const HOST = "http://127.0.0.1:8788"; // listed in surveys/quick-pulse.yaml
const FOREIGN = "http://127.0.0.1:8789"; // not listed
const START = new Date("2026-12-01T10:00:00Z");
const DAY = 86_400_000;
const base = () => inject("baseUrl");

let browser: Browser;
beforeAll(async () => { browser = await launchChromium(); });
afterAll(() => browser?.close());

type Host = { context: BrowserContext; canvassRequests: string[] };

/** A browser profile whose host origins are served by the test, with its clock mocked from `time`. */
async function hostContext(o: { viewport?: { width: number; height: number }; page?: Partial<DemoPage>; loader?: string; time?: Date } = {}): Promise<Host> {
  // A page Playwright serves has no address of its own, so Chromium counts it as public and
  // asks before it reaches the loopback Worker (Local Network Access); a real host site and a
  // real Canvass are both public, and `npm start`'s two loopback origins need no permission.
  const context = await browser.newContext({ permissions: ["local-network-access"], ...(o.viewport ? { viewport: o.viewport } : {}) });
  await context.clock.install({ time: o.time ?? START });
  // Installed, the clock would still run in real time: a slow machine would trigger the pop-up early.
  await context.clock.pauseAt(new Date((o.time ?? START).getTime() + 1_000));
  for (const origin of [HOST, FOREIGN])
    await context.route(`${origin}/**`, (route) =>
      route.fulfill({ contentType: "text/html", body: demoHostPage({ canvassUrl: base(), survey: SURVEY, path: new URL(route.request().url()).pathname, ...o.page }) }));
  if (o.loader) await context.route(`${base()}/embed.js`, (route) => route.fulfill({ contentType: "text/javascript", body: o.loader! }));
  const canvassRequests: string[] = [];
  context.on("request", (r) => { if (r.url().startsWith(base())) canvassRequests.push(new URL(r.url()).pathname); });
  return { context, canvassRequests };
}

async function open(host: Host, path = "/"): Promise<Page> {
  const page = await host.context.newPage();
  await page.goto(`${HOST}${path}`); // waits for the load event, which waits for the async loader
  return page;
}

const dialog = (page: Page) => page.getByRole("dialog", { name: "Quick question" });

/** Lets the 5 s trigger fire, then waits for the pop-up script to arrive and open the dialog. */
async function trigger(page: Page): Promise<void> {
  await page.clock.runFor(5_100);
  await dialog(page).waitFor();
}

/** Lets far more than the trigger's time pass, then checks that nothing showed. */
async function expectNoPopup(page: Page): Promise<void> {
  await page.clock.runFor(60_000);
  await page.waitForTimeout(300); // a pop-up script that had been requested would have run by now
  expect(await page.locator("canvass-popup").count()).toBe(0);
}

const cookie = async (context: BrowserContext) => (await context.cookies(HOST)).find((c) => c.name === "canvass_intercept");

async function responses(): Promise<{ answers: Record<string, unknown> }[]> {
  const res = await fetch(`${base()}/api/admin/surveys/${SURVEY}/responses?limit=1000`, { headers: { authorization: `Bearer ${BROWSER_ADMIN_TOKEN}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { responses: { answers: Record<string, unknown> }[] }).responses;
}

describe("a pop-up survey on another website", () => {
  it("appears after its trigger and not before, and asks Canvass for the pop-up only then", async () => {
    const host = await hostContext();
    const page = await open(host);
    await page.clock.runFor(4_000);
    expect(await page.locator("canvass-popup").count()).toBe(0);
    expect(host.canvassRequests, JSON.stringify(host.canvassRequests)).toEqual(["/embed.js"]);
    await trigger(page);
    expect(host.canvassRequests).toEqual(["/embed.js", `/_canvass/embed/${SURVEY}.js`]);
    await host.context.close();
  });

  it("can be answered with the keyboard alone; the answers arrive in D1 and it never appears again, across reloads and new pages", async () => {
    const host = await hostContext();
    const before = (await responses()).length;
    const page = await open(host);
    await trigger(page);
    await page.keyboard.press("Tab"); // focus starts on the dialog; Tab reaches the first question
    await page.keyboard.press("Space"); // "Yes"
    await page.keyboard.press("Tab"); // the follow-up only shows after "No": on to the 0–10 scale
    for (let i = 0; i < 9; i++) await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter"); // Send
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Thank you!");
    await expect.poll(async () => (await responses()).length).toBe(before + 1);
    expect((await responses()).at(-1)!.answers).toEqual({ found: "yes", recommend: 9 });
    // What the host site's cookie holds: the survey, its state and the day, nothing else.
    expect((await cookie(host.context))?.value).toBe(`${SURVEY}.a.2026-12-01`);
    await page.keyboard.press("Escape");
    expect(await page.locator("canvass-popup").count()).toBe(0);

    await page.reload();
    await expectNoPopup(page);
    await host.context.clock.setSystemTime(new Date(START.getTime() + 300 * DAY));
    const later = await open(host, "/pricing/"); // a new tab: a new visit, the same cookie
    await expectNoPopup(later);
    expect(host.canvassRequests.filter((p) => p.startsWith("/_canvass/embed/"))).toHaveLength(1);
    await host.context.close();
  });

  it("closes on Escape, gives the focus back, and stays away for after_dismiss_days (30)", async () => {
    const host = await hostContext();
    const page = await open(host);
    await page.locator("#host-button").focus();
    await trigger(page);
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute("role"))).toBe("dialog");
    await page.keyboard.press("Escape");
    expect(await page.locator("canvass-popup").count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("host-button");
    expect((await cookie(host.context))?.value).toBe(`${SURVEY}.d.2026-12-01`);

    await host.context.clock.setSystemTime(new Date(START.getTime() + 29 * DAY));
    await expectNoPopup(await open(host));
    await host.context.clock.setSystemTime(new Date(START.getTime() + 30 * DAY));
    await trigger(await open(host));
    await host.context.close();
  });

  it("shows at most max_per_visit (1) times per visit", async () => {
    const host = await hostContext();
    const page = await open(host);
    await trigger(page);
    await page.reload(); // the same tab: the same visit, though nothing was answered or closed
    await expectNoPopup(page);
    await host.context.close();
  });

  it("at sample_percent 0 never shows and makes no request to Canvass beyond the loader; at 100 always shows", async () => {
    const rule = InterceptSettings.parse({ origins: [HOST], sample_percent: 0 });
    const never = await hostContext({ loader: await loaderScript({ [SURVEY]: rule }) });
    for (const path of ["/", "/pricing/", "/docs/start/"]) await expectNoPopup(await open(never, path));
    expect(never.canvassRequests).toEqual(["/embed.js", "/embed.js", "/embed.js"]);
    await never.context.close();

    for (let i = 0; i < 3; i++) {
      const always = await hostContext(); // surveys/quick-pulse.yaml: sample_percent 100; a fresh visitor each time
      await trigger(await open(always));
      await always.context.close();
    }
  });

  it("shows only on the listed paths, and with scroll_percent only once the visitor has scrolled that far", async () => {
    const rule = InterceptSettings.parse({ origins: [HOST], paths: ["/pricing*"], trigger: { scroll_percent: 50 } });
    const host = await hostContext({ loader: await loaderScript({ [SURVEY]: rule }), page: { extraHead: "<style>main { min-height: 4000px }</style>" } });
    const home = await open(host, "/");
    await home.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    await expectNoPopup(home);
    await home.close();
    const pricing = await open(host, "/pricing/");
    await pricing.evaluate(() => scrollTo(0, 1_000)); // about a third of the page seen
    await expectNoPopup(pricing);
    expect(host.canvassRequests).toEqual(["/embed.js", "/embed.js"]);
    await pricing.evaluate(() => scrollTo(0, 2_500));
    await dialog(pricing).waitFor();
    await host.context.close();
  });

  it("with exit_intent shows when the pointer leaves the window through its top edge, and not on leaving elsewhere", async () => {
    const rule = InterceptSettings.parse({ origins: [HOST], trigger: { exit_intent: true } });
    const host = await hostContext({ loader: await loaderScript({ [SURVEY]: rule }) });
    const page = await open(host, "/");
    // What Chromium fires as the pointer leaves the window: a mouseout with no element to go to.
    const leave = (clientY: number) => page.evaluate((y) => document.dispatchEvent(new MouseEvent("mouseout", { clientX: 200, clientY: y, relatedTarget: null, bubbles: true })), clientY);
    await page.mouse.move(200, 200);
    await page.mouse.move(200, 5); // moving about inside the page is no exit
    await leave(400); // out through the bottom edge: no intent to leave the site
    await expectNoPopup(page);
    expect(host.canvassRequests).toEqual(["/embed.js"]);
    await leave(-1);
    await dialog(page).waitFor();
    await host.context.close();
  });

  it("keeps the host's styles out and its own styles in, and moves nothing on the host page", async () => {
    const hostile = "<style>* { color: rgb(255, 0, 0) !important; font-family: serif !important; letter-spacing: 3px } button { background: rgb(0, 255, 0) !important } h2 { display: none }</style>";
    const host = await hostContext({ page: { extraHead: hostile } });
    const page = await open(host);
    const hostLook = () => page.evaluate(() => ["h1", "p", "#host-button"].map((s) => {
      const el = document.querySelector(s)!;
      const css = getComputedStyle(el);
      return { s, rect: JSON.stringify(el.getBoundingClientRect()), color: css.color, font: css.fontFamily, bg: css.backgroundColor, size: css.fontSize, margin: css.margin, width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight };
    }));
    const before = await hostLook();
    await trigger(page);
    expect(await hostLook()).toEqual(before);
    const title = dialog(page).getByRole("heading", { name: "Quick question" });
    expect(await title.isVisible()).toBe(true);
    expect(await title.evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).fontFamily, getComputedStyle(el).letterSpacing])).toEqual(["rgb(27, 27, 27)", expect.not.stringMatching(/^serif/), "normal"]);
    const send = dialog(page).getByRole("button", { name: "Send" });
    expect(await send.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(26, 86, 219)");
    await host.context.close();
  });

  it("fits a 320 px wide right-to-left host page without making it scroll sideways", async () => {
    const host = await hostContext({ viewport: { width: 320, height: 640 }, page: { dir: "rtl" } });
    const page = await open(host);
    await trigger(page);
    const box = (await dialog(page).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(320);
    expect(box.y + box.height).toBeLessThanOrEqual(640);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    // The survey is in English: it reads left to right whatever the host's direction.
    expect(await dialog(page).evaluate((el) => getComputedStyle(el).direction)).toBe("ltr");
    await dialog(page).getByRole("radio", { name: "No" }).check();
    expect(await dialog(page).getByRole("textbox", { name: "What were you looking for?" }).isVisible()).toBe(true);
    await host.context.close();
  });

  it("has no accessibility violations that axe-core can find while open", async () => {
    const host = await hostContext();
    const page = await open(host);
    await trigger(page);
    await page.clock.resume(); // axe-core waits on timers of its own
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve("axe-core/axe.min.js") });
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe.run(document, { resultTypes: ["violations"] });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3).join(", ")}`);
    });
    expect(violations).toEqual([]);
    await host.context.close();
  });

  it("cannot be shown on, or answered from, a site the survey does not list", async () => {
    const host = await hostContext();
    const page = await host.context.newPage();
    await page.goto(`${FOREIGN}/`);
    await expectNoPopup(page);
    expect(host.canvassRequests).toEqual(["/embed.js"]);
    const before = (await responses()).length;
    const outcome = await page.evaluate(async (url) => {
      try {
        const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ submission_id: crypto.randomUUID(), answers: { found: "yes" } }) });
        return `status ${res.status}`;
      } catch (e) {
        return (e as Error).name;
      }
    }, `${base()}/api/responses/${SURVEY}`);
    expect(outcome).toBe("TypeError"); // the preflight is refused: the browser never sends the answers
    expect((await responses()).length).toBe(before);
    await host.context.close();
  });
});

describe("a pop-up survey with endings (surveys/quick-pulse.yaml)", () => {
  it("shows the end screen the Worker chose for the answers, and the default one otherwise; the ending is stored", async () => {
    const host = await hostContext();
    const page = await open(host);
    await trigger(page);
    await dialog(page).getByRole("radio", { name: "No" }).check();
    await dialog(page).getByRole("textbox", { name: "What were you looking for?" }).fill("the price list");
    await dialog(page).getByRole("button", { name: "Send" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Sorry we missed it. Thank you for telling us what you were looking for.");
    const stored = (await responses()).at(-1) as { answers: Record<string, unknown>; ending?: string };
    expect(stored).toMatchObject({ answers: { found: "no", missing: "the price list" }, ending: "missed" });
    await host.context.close();

    const again = await hostContext();
    const other = await open(again);
    await trigger(other);
    await dialog(other).getByRole("radio", { name: "Yes" }).check();
    await dialog(other).getByRole("button", { name: "Send" }).click();
    await expect.poll(() => other.getByRole("status").textContent()).toBe("Thank you! That helps us a lot.");
    expect(((await responses()).at(-1) as { ending?: string }).ending).toBe("ending:1");
    await again.context.close();
  });
});


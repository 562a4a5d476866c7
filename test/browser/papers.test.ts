/**
 * A visitor asks for the example white paper in Debian's Chromium, with JavaScript on
 * and off, and downloads exactly the file in git; every request the browser makes
 * stays on the site's own origin. And the paper cannot be had any other way: no path
 * of the built site, nor the file's own path without a valid token, returns its bytes.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { gatedFilesIn, loadPapers, type LoadedPaper } from "../../build/papers.ts";
import { queryLocalD1, ROOT } from "../../scripts/lib/stack.ts";
import { launchChromium } from "./chromium.ts";

const SLUG = "short-surveys-guide";
const base = () => inject("baseUrl");
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

let browser: Browser;
let paper: LoadedPaper;
let pdf: Buffer;

beforeAll(async () => {
  browser = await launchChromium();
  const { papers } = await loadPapers(join(ROOT, "papers"));
  paper = papers.find((p) => p.slug === SLUG)!;
  pdf = await readFile(paper.filePath);
});
afterAll(() => browser?.close());

/** Every http(s) request the context makes, downloads included. */
function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on("request", (r) => urls.push(r.url()));
  return urls;
}

async function fill(page: Page, email: string) {
  await page.fill("#f-name", "Ada Lovelace");
  await page.fill("#f-email", email);
  await page.fill("#f-company", "Analytical Engines");
  await page.fill("#f-job_title", "Programmer");
}

/** The minimum fill time the Worker enforces, so the test waits just past it. */
async function minFillMs(): Promise<number> {
  const res = await fetch(`${base()}/api/papers/${SLUG}/ticket`);
  return ((await res.json()) as { min_fill_seconds: number }).min_fill_seconds * 1000 + 300;
}

async function downloadFrom(page: Page, link: string): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(link)]);
  return readFile((await download.path())!);
}

async function leadRows(email: string) {
  return queryLocalD1<{ paper: string; marketing_consent: number; requests: number }>(inject("persistTo"), `SELECT paper, marketing_consent, requests FROM leads WHERE email = '${email}'`);
}

describe("requesting the example paper", () => {
  it("with JavaScript on: the link appears in place and downloads the file in git, byte for byte, and no request leaves the site", async () => {
    const context = await browser.newContext();
    const requests = recordRequests(context);
    const page = await context.newPage();
    await page.goto(`${base()}/papers/${SLUG}/`);
    await expect.poll(() => page.inputValue('input[name="_ticket"]')).not.toBe("");
    const email = `js-${crypto.randomUUID()}@example.com`;
    await fill(page, email);
    await page.check("#f-consent");
    await page.waitForTimeout(await minFillMs());
    await page.click("#paper-submit");
    await page.waitForSelector("#paper-status a[download]");
    const bytes = await downloadFrom(page, "#paper-status a[download]");
    expect(sha256(bytes)).toBe(sha256(pdf));
    expect(await leadRows(email)).toEqual([{ paper: SLUG, marketing_consent: 1, requests: 1 }]);

    const origin = new URL(base()).origin;
    const network = requests.filter((u) => /^https?:/.test(u));
    expect(network.length).toBeGreaterThanOrEqual(4); // page, cover, ticket, request, download
    expect(network.filter((u) => new URL(u).origin !== origin)).toEqual([]);
    await context.close();
  });

  it("with JavaScript off: the Worker answers a page with the link, which downloads the same bytes", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const requests = recordRequests(context);
    const page = await context.newPage();
    // The Worker stamps a form ticket into the static page as it serves it, so the minimum
    // fill time holds without JavaScript too: the page's form sent at once is turned away.
    // Sent as the form would send it, straight after loading: filling the fields through the
    // browser can itself outlast the minimum on a loaded machine, which would test nothing.
    await page.goto(`${base()}/papers/${SLUG}/`);
    const ticket = await page.inputValue('input[name="_ticket"]');
    expect(ticket).not.toBe("");
    const hasty = await context.request.post(`${base()}/api/papers/${SLUG}/requests`, {
      form: { name: "Ada Lovelace", email: `hasty-${crypto.randomUUID()}@example.com`, company: "Analytical Engines", job_title: "Programmer", _ticket: ticket },
    });
    expect(await hasty.text()).toContain("quicker than anyone");

    await page.goto(`${base()}/papers/${SLUG}/`);
    const email = `nojs-${crypto.randomUUID()}@example.com`;
    await fill(page, email);
    await page.waitForTimeout(await minFillMs());
    await Promise.all([page.waitForURL(`**/api/papers/${SLUG}/requests`), page.click("#paper-submit")]);
    expect(await page.textContent("h1")).toBe("Your download is ready");
    const bytes = await downloadFrom(page, "main a[download]");
    expect(sha256(bytes)).toBe(sha256(pdf));
    expect(await leadRows(email)).toEqual([{ paper: SLUG, marketing_consent: 0, requests: 1 }]);
    expect(requests.filter((u) => /^https?:/.test(u) && new URL(u).origin !== new URL(base()).origin)).toEqual([]);
    await context.close();
  });

  it("with JavaScript on, a mistake is shown next to its field and nothing is stored", async () => {
    const page = await browser.newPage();
    await page.goto(`${base()}/papers/${SLUG}/`);
    await expect.poll(() => page.inputValue('input[name="_ticket"]')).not.toBe("");
    const email = `bad-${crypto.randomUUID()}@example`;
    await fill(page, email);
    // The browser's own check would stop "x@example"; the Worker's stricter one is what is tested here.
    await page.waitForTimeout(await minFillMs());
    await page.click("#paper-submit");
    await expect.poll(() => page.textContent("#email-error")).toMatch(/email address/);
    expect(await page.getAttribute("#f-email", "aria-invalid")).toBe("true");
    expect(await leadRows(email)).toEqual([]);
    await page.close();
  });
});

/** URL paths of every file in the built site, as the Worker serves them. */
async function builtPaths(dir = join(ROOT, "dist")): Promise<string[]> {
  const paths: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const rel = relative(join(ROOT, "dist"), join(entry.parentPath, entry.name)).split("\\").join("/");
    paths.push(`/${rel}`);
    if (rel.endsWith("index.html")) paths.push(`/${rel.slice(0, -"index.html".length)}`);
  }
  return paths.sort();
}

function holdsPaper(body: Uint8Array): boolean {
  return Buffer.from(body).includes(pdf.subarray(0, 1024)) || Buffer.from(body).includes(pdf.subarray(-1024));
}

describe("the paper is reachable only through the form", () => {
  it("no file in the built site is the paper", async () => {
    expect(await gatedFilesIn(join(ROOT, "dist"), [paper])).toEqual([]);
  });

  it("no path of the built site returns the paper's bytes", async () => {
    const paths = await builtPaths();
    expect(paths).toEqual(expect.arrayContaining(["/", `/papers/${SLUG}/`, `/papers/${SLUG}/cover.svg`]));
    for (const path of paths) {
      const res = await fetch(`${base()}${path}`);
      expect(holdsPaper(new Uint8Array(await res.arrayBuffer())), path).toBe(false);
    }
  });

  it("the file's own path without a valid token, or under another name, returns no bytes of it", async () => {
    const file = `/papers/files/${paper.published.file}`;
    const attempts = [
      file, `${file}?t=`, `${file}?t=forged.token`, `${file}?t=eyJwdXJwb3NlIjoicGFwZXIifQ.AAAA`,
      "/papers/files/", `/papers/files/%2e%2e%2f${paper.published.file}`, `/papers/files/..%2Ffiles%2F${paper.published.file}`,
      `/papers/${paper.published.file}`, `/${paper.published.file}`, `/papers/${SLUG}/${paper.published.file}`, `/files/${paper.published.file}`,
    ];
    for (const path of attempts) {
      const res = await fetch(`${base()}${path}`);
      expect(res.status, path).not.toBe(200);
      expect(holdsPaper(new Uint8Array(await res.arrayBuffer())), path).toBe(false);
    }
  });
});

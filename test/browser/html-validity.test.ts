/**
 * The HTML is valid as the Nu HTML Checker (vnu-jar, run with Debian's Java) reads it: every
 * built page, and the pages the Worker renders or stamps itself (a 422, the opt-out page and its
 * confirmation, a download page, a refused link, a 404, the results pages) as the local stack serves them. One
 * checker run for all files, since the JVM is slow to start. Without Java this fails, saying
 * what to install: a skipped check would pass CI on a machine that checked nothing.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { htmlFiles } from "../../build/headers.ts";
import { ROOT } from "../../scripts/lib/stack.ts";
import { BROWSER_ADMIN_TOKEN } from "./global-setup.ts";

const VNU = createRequire(import.meta.url).resolve("vnu-jar/build/dist/vnu.jar");
const JAVA = process.env.JAVA ?? "java";
const SURVEY = "customer-feedback";
const PAPER = "short-surveys-guide";
const base = () => inject("baseUrl");
const asPage = { accept: "text/html" };
const form = { ...asPage, "content-type": "application/x-www-form-urlencoded" };

let saved: string | undefined;
afterAll(() => (saved ? rm(saved, { recursive: true, force: true }) : undefined));

async function page(path: string, init: RequestInit = {}, status = 200): Promise<string> {
  const res = await fetch(`${base()}${path}`, { ...init, headers: { ...asPage, ...(init.headers as Record<string, string>) } });
  const html = await res.text();
  expect(res.status, `${path}: ${html.slice(0, 200)}`).toBe(status);
  expect(res.headers.get("content-type"), path).toContain("text/html");
  return html;
}

/** The opt-out link of an invitation to a new address, as the local outbox received it. */
async function optoutPath(): Promise<string> {
  const email = `vnu-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const auth = { authorization: `Bearer ${BROWSER_ADMIN_TOKEN}` };
  const upload = await fetch(`${base()}/api/admin/surveys/${SURVEY}/invitations?source=client&client=Validity%20test`, {
    method: "POST",
    headers: { ...auth, "content-type": "text/csv" },
    body: `email,name\r\n${email},Grace\r\n`,
  });
  expect(upload.status).toBe(200);
  let path: string | undefined;
  await expect.poll(async () => {
    const { messages } = (await (await fetch(`${base()}/api/admin/outbox?to=${encodeURIComponent(email)}`, { headers: auth })).json()) as { messages: { text: string }[] };
    path = messages[0] && /\/api\/optout\/[A-Za-z0-9_.-]+/.exec(messages[0].text)?.[0];
    return path;
  }, { timeout: 45_000, interval: 500 }).toBeDefined();
  return path!;
}

/** The paper's "download ready" page, after a form sent past the minimum fill time with its stamped ticket. */
async function downloadPage(): Promise<string> {
  const landing = await page(`/papers/${PAPER}/`);
  const ticket = /name="_ticket"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="_ticket"/.exec(landing);
  const { min_fill_seconds } = (await (await fetch(`${base()}/api/papers/${PAPER}/ticket`)).json()) as { min_fill_seconds: number };
  await new Promise((r) => setTimeout(r, min_fill_seconds * 1000 + 300)); // what the Worker asks of a person filling the form
  const fields = { name: "Ada Lovelace", email: `vnu-${crypto.randomUUID().slice(0, 8)}@example.com`, company: "Analytical Engines", job_title: "Programmer", _ticket: ticket?.[1] ?? ticket?.[2] ?? "" };
  return page(`/api/papers/${PAPER}/requests`, { method: "POST", headers: form, body: new URLSearchParams(fields).toString() });
}

/** The Worker's own pages, saved as files the checker reads. */
async function saveWorkerPages(dir: string): Promise<string[]> {
  const optout = await optoutPath();
  const pages: Record<string, string> = {
    "answers-refused-422.html": await page(`/api/responses/${SURVEY}`, { method: "POST", headers: form, body: "satisfaction=99" }, 422),
    "optout.html": await page(optout),
    "optout-done.html": await page(optout, { method: "POST", headers: form, body: "" }),
    "paper-download-ready.html": await downloadPage(),
    "link-refused-400.html": await page("/api/optout/not-a-token", {}, 400),
    "not-found-404.html": await page("/api/no-such-page", {}, 404),
    // The one built results page as the Worker serves it for a survey (worker/pages/results.ts):
    // with the who-answered list, anonymous, with computed values, with endings.
    "results-customer-feedback.html": await page(`/admin/surveys/${SURVEY}/`),
    "results-onboarding.html": await page("/admin/surveys/onboarding/"),
    "results-sus.html": await page("/admin/surveys/sus/"),
    "results-nps-endings.html": await page("/admin/surveys/nps-endings/"),
    "results-draft-404.html": await page("/admin/surveys/next-quarter-plans/", {}, 404),
  };
  return Promise.all(Object.entries(pages).map(async ([name, html]) => {
    await writeFile(join(dir, name), html);
    return join(dir, name);
  }));
}

type VnuMessage = { type: string; url?: string; lastLine?: number; message: string; extract?: string };

describe("the Nu HTML Checker", () => {
  it("finds no error in any built page nor in the pages the Worker renders", { timeout: 240_000 }, async () => {
    const java = spawnSync(JAVA, ["-version"], { encoding: "utf8" });
    if (java.error || java.status !== 0)
      expect.fail(`Java is needed to run the Nu HTML Checker and "${JAVA} -version" failed (${java.error?.message ?? java.stderr}). Install it (Debian: apt-get install default-jre-headless) or set JAVA to its path.`);
    saved = await mkdtemp(join(tmpdir(), "canvass-vnu-"));
    const built = (await htmlFiles(join(ROOT, "dist"))).map((f) => join(ROOT, "dist", f));
    const files = [...built, ...(await saveWorkerPages(saved))];
    const run = spawnSync(JAVA, ["-jar", VNU, "--errors-only", "--format", "json", ...files], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    // vnu writes its JSON report to stderr and exits 1 when it found errors.
    let report: { messages: VnuMessage[] };
    try {
      report = JSON.parse(run.stderr || run.stdout) as { messages: VnuMessage[] };
    } catch {
      return expect.fail(`the Nu HTML Checker did not report (exit ${run.status}): ${(run.error?.message ?? run.stderr).slice(0, 500)}`);
    }
    const where = (url = "") => { const file = decodeURIComponent(url.replace(/^file:/, "")); return file.startsWith(saved!) ? `Worker page ${relative(saved!, file)}` : relative(ROOT, file); };
    const problems = report.messages.filter((m) => m.type === "error" || m.type === "non-document-error").map((m) => `${where(m.url)}:${m.lastLine ?? "?"}: ${m.message}${m.extract ? ` (${m.extract.replace(/\s+/g, " ").trim().slice(0, 80)})` : ""}`);
    expect(problems, `checked ${files.length} pages`).toEqual([]);
    expect(files.length).toBeGreaterThan(built.length);
  });
});

/**
 * `canvass report` against a stand-in API on a loopback port that serves a known
 * summary (core/results/summary.ts over three responses to the all-types fixture) and
 * the survey's published catalog file: the text names the questions with their
 * numbers, `--html` writes a self-contained file, and a draft or an unknown survey is
 * refused with a sentence.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand, standInApi } from "./stand-in-api.ts";
import { catalogEntry } from "../../core/catalog.ts";
import { parseSurvey } from "../../core/parse/index.ts";
import { summarise } from "../../core/results/summary.ts";
import type { SurveySummary } from "../../core/results/types.ts";
import { report } from "./report.ts";

const FIXTURE = new URL("../../test/fixtures/surveys/all-types.yaml", import.meta.url);
const auth: (string | undefined)[] = [];
let api: { close: () => Promise<void> };
let summary: SurveySummary;
const dir = mkdtempSync(join(tmpdir(), "canvass-report-"));

beforeAll(async () => {
  const parsed = await parseSurvey("all-types.yaml", readFileSync(FIXTURE, "utf8"));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const published = parsed.published;
  const at = (day: string) => `${day}T08:00:00Z`;
  summary = summarise(published, [
    { id: "a", submitted_at: at("2026-12-01"), answers: { satisfaction: 5, tools: ["App"], plan: "pro", recommend: 10, again: "yes" } },
    { id: "b", submitted_at: at("2026-12-01"), answers: { satisfaction: 2, reason: "Price" } },
    { id: "c", submitted_at: at("2026-12-02"), answers: { satisfaction: 3, reason: "Quality", tools: ["App", "Phone"], recommend: 6 } },
  ]);
  const files: Record<string, unknown> = {
    "/api/admin/surveys/all-types/summary": summary,
    "/_canvass/surveys/all-types.json": catalogEntry(published),
    "/api/admin/surveys/draft-poll/summary": { responses: 0, first: null, last: null, over_time: {}, questions: {} },
    "/_canvass/surveys/draft-poll.json": { format: 1, id: "draft-poll", status: "draft" },
  };
  api = await standInApi((req, res) => {
    if (req.url!.startsWith("/api/")) auth.push(req.headers.authorization);
    const body = files[req.url!];
    res.writeHead(body ? 200 : 404, { "content-type": "application/json" });
    res.end(JSON.stringify(body ?? { error: 'There is no survey "nope".' }));
  }, "report-test-token");
});
afterAll(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[]) => runCommand(report, args, dir);

describe("canvass report", () => {
  it("prints the survey's questions with their labels and numbers, sending the token", async () => {
    auth.length = 0;
    const r = await run(["all-types", "--width", "80"]);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out).toContain("Every question type\n3 responses, 2026-12-01 to 2026-12-02\n");
    expect(r.out).toContain("2. What mattered most?  (single)\n   asked 2 · answered 2 · skipped 0 · not shown 1\n");
    expect(r.out).toMatch(/\n {3}App +█+ +2 +100%\n/);
    expect(r.out).toContain("NPS 0 · promoters 1 · passives 0 · detractors 1");
    expect(r.out).toContain("mean 3.33 (95% CI");
    for (const line of r.out.split("\n")) expect(Array.from(line).length, line).toBeLessThanOrEqual(80);
    expect(auth).toEqual(["Bearer report-test-token"]);
  });

  it("writes a self-contained HTML report with --html and says where", async () => {
    const r = await run(["all-types", "--html", "report.html"]);
    expect(r.code).toBe(0);
    const file = join(dir, "report.html");
    expect(r.err).toBe(`wrote the HTML report to ${file}`);
    const html = readFileSync(file, "utf8");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("What mattered most?</h2>");
    expect(html).toContain(">NPS 0</text>");
    expect(html).not.toMatch(/https?:\/\//i);
  });

  it("says a draft has no results, and gives the API's sentence for an unknown survey", async () => {
    expect(await run(["draft-poll"])).toEqual({ code: 1, out: "", err: 'canvass report: "draft-poll" is a draft: draft surveys have no results' });
    expect(await run(["nope", "--html", "nope.html"])).toEqual({ code: 1, out: "", err: 'canvass report: There is no survey "nope".' });
    expect(existsSync(join(dir, "nope.html"))).toBe(false);
  });

  it("refuses a width it cannot draw in, naming the flag", async () => {
    await expect(run(["all-types", "--width", "10"])).rejects.toThrow(/--width/);
    await expect(run([])).rejects.toThrow(/expected one survey id/);
  });
});

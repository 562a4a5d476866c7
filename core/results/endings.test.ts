/**
 * The end screen on record (core/endings.ts `endingName`): the Worker stores which ending
 * each response was shown, and the results carry it: the CSV column `_ending`, `ending` in
 * JSON and NDJSON, the summary's count per ending and the reports' "Endings:" line.
 * Fixture: test/fixtures/surveys/endings-poll.yaml (endings detail, low, away and an
 * unnamed default, position 3); all-types.yaml has no endings.
 */
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import type { PublishedSurvey } from "../compile.ts";
import { chooseEnding, endingName } from "../endings.ts";
import { parseSurvey } from "../parse/index.ts";
import { csvHeader, csvRows, exportColumns, exportRecord, ndjsonLine } from "./export.ts";
import { endingsLine } from "./present.ts";
import { reportHtml } from "./report-html.ts";
import { formatSummaryText } from "./report-text.ts";
import { summarise } from "./summary.ts";
import type { StoredResponse } from "./types.ts";

async function fixture(name: string): Promise<PublishedSurvey> {
  const parsed = await parseSurvey(name, readFileSync(new URL(`../../test/fixtures/surveys/${name}`, import.meta.url), "utf8"));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.published;
}

let withEndings: PublishedSurvey;
let without: PublishedSurvey;
beforeAll(async () => {
  [withEndings, without] = await Promise.all([fixture("endings-poll.yaml"), fixture("all-types.yaml")]);
});

const at = (id: string, answers: Record<string, unknown>, ending?: string): StoredResponse => ({
  id, submitted_at: "2026-12-01T10:00:00.000Z", answers, ...(ending ? { ending } : {}),
});

const csv = (published: PublishedSurvey, responses: StoredResponse[]) => {
  const columns = exportColumns(published);
  const text = csvHeader(columns) + csvRows(columns, responses);
  return Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true }).data;
};

describe("the name an ending is recorded under", () => {
  it("is its id, or ending:<position> for one without, for the ending the Worker chooses", () => {
    const name = (answers: Record<string, unknown>) => {
      const end = chooseEnding(withEndings, answers);
      return end.ending && end.index !== undefined ? endingName(end.ending, end.index) : undefined;
    };
    expect([name({ score: 2 }), name({ score: 9 }), name({ score: 7 })]).toEqual(["low", "away", "ending:3"]);
  });
});

describe("the exports carry the ending each response was shown", () => {
  it("a survey with endings has an _ending column after the questions, empty for a response stored without one", () => {
    const rows = csv(withEndings, [at("r1", { score: 2 }, "low"), at("r2", { score: 7 }, "ending:3"), at("r3", { score: 8 })]);
    expect(exportColumns(withEndings).map((c) => c.name)).toEqual(["submitted_at", "response_id", "score", "why", "detail", "_ending"]);
    expect(rows.map((r) => [r.response_id, r._ending])).toEqual([["r1", "low"], ["r2", "ending:3"], ["r3", ""]]);
  });

  it("a survey without endings has no _ending column", () => {
    expect(exportColumns(without).map((c) => c.name)).not.toContain("_ending");
  });

  it("JSON and NDJSON records hold ending when one was stored, and nothing otherwise", () => {
    expect(exportRecord(at("r1", { score: 2 }, "low"))).toEqual({ id: "r1", submitted_at: "2026-12-01T10:00:00.000Z", answers: { score: 2 }, ending: "low" });
    expect(JSON.parse(ndjsonLine(at("r2", { score: 8 })))).not.toHaveProperty("ending");
  });
});

describe("the summary counts responses per ending", () => {
  const responses = () => [at("a", { score: 10 }, "away"), at("b", { score: 9 }, "away"), at("c", { score: 2 }, "low"), at("d", { score: 7 }, "ending:3"), at("e", { score: 7 })];

  it("every ending in the survey's order, 0 when none yet; a response without one is not counted", () => {
    expect(summarise(withEndings, responses()).endings).toEqual({ detail: 0, low: 1, away: 2, "ending:3": 1 });
    expect(summarise(without, [at("x", {}, "low")])).not.toHaveProperty("endings");
  });

  it("the reports say it in one line, shares of the responses that recorded an ending", () => {
    const summary = summarise(withEndings, responses());
    const line = "Endings: detail 0 (0%), low 1 (25%), away 2 (50%), ending:3 1 (25%)";
    expect(endingsLine(summary)).toBe(line);
    expect(formatSummaryText(withEndings, summary).split("\n")).toContain(line);
    expect(reportHtml(withEndings, summary)).toContain(`<p class="meta" id="endings">${line}</p>`);
    expect(endingsLine(summarise(withEndings, []))).toBe("Endings: none recorded yet");
    expect(endingsLine(summarise(without, []))).toBeUndefined();
  });
});

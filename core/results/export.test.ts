import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import type { PublishedSurvey } from "../compile.ts";
import { parseSurvey } from "../parse/index.ts";
import { csvHeader, csvRow, csvRows, exportColumns, exportRecord, JSON_EXPORT_CLOSE, JSON_EXPORT_OPEN, jsonRow, ndjsonLine, readableCell, responseKeys } from "./export.ts";
import type { StoredResponse } from "./types.ts";

const FIXTURE = new URL("../../test/fixtures/surveys/all-types.yaml", import.meta.url);
let published: PublishedSurvey;
beforeAll(async () => {
  const parsed = await parseSurvey("all-types.yaml", readFileSync(FIXTURE, "utf8"));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  published = parsed.published;
});

/** Exports responses the way the Worker will: keys first, then the header and one line per response. */
function exportCsv(responses: StoredResponse[]): string {
  const columns = exportColumns(published, responses.flatMap((r) => responseKeys(r.answers)));
  return csvHeader(columns) + responses.map((r) => csvRow(columns, r)).join("");
}

function parseCsv(csv: string): Record<string, string>[] {
  expect(csv.startsWith("\uFEFF")).toBe(true);
  const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

const tricky: StoredResponse = {
  id: "r-1",
  submitted_at: "2026-12-01T10:00:00.000Z",
  answers: {
    satisfaction: 2,
    reason: "Other",
    reason_other: 'Slow, "very" slow\nand then 😀 again',
    tools: ["App", "Other"],
    tools_other: "שלום עולם",
    plan: "pro",
    nickname: "=HYPERLINK(\"http://evil\")",
    story: "Line one\r\nLine two, with a comma",
    email: "ada@example.com",
    age: 36,
    recommend: 9,
    grid: { Speed: "Good", Price: "Poor" },
    again: "yes",
    since: "2019-05-04",
    agree: true,
  },
};

describe("CSV export", () => {
  it("names columns from the definition: options of multiple, matrix rows, other texts, meta first", () => {
    const names = exportColumns(published).map((c) => c.name);
    expect(names).toEqual([
      "submitted_at", "response_id", "satisfaction", "reason", "reason_other",
      "tools.App", "tools.Website", "tools.Phone", "tools.Other", "tools_other",
      "plan", "nickname", "story", "email", "age", "recommend", "grid.Speed", "grid.Price", "again", "since", "agree",
    ]);
  });

  it("round-trips commas, quotes, line breaks, emoji and right-to-left text cell by cell; a formula gets the guard's leading '", () => {
    const [row] = parseCsv(exportCsv([tricky]));
    const a = tricky.answers;
    expect(row).toEqual({
      submitted_at: tricky.submitted_at, response_id: "r-1",
      satisfaction: "2", reason: "Other", reason_other: a.reason_other,
      "tools.App": "App", "tools.Website": "", "tools.Phone": "", "tools.Other": "Other", tools_other: a.tools_other,
      plan: "pro", nickname: `'${a.nickname as string}`, story: a.story, email: a.email, age: "36", recommend: "9",
      "grid.Speed": "Good", "grid.Price": "Poor", again: "yes", since: "2019-05-04", agree: "true",
    });
  });

  it("writes a UTF-8 byte-order mark only when asked, and CRLF line ends", () => {
    const columns = exportColumns(published);
    expect(csvHeader(columns).startsWith("\uFEFFsubmitted_at,response_id,satisfaction,")).toBe(true);
    expect(csvHeader(columns, { bom: false }).startsWith("submitted_at,")).toBe(true);
    expect(csvRow(columns, { id: "x", submitted_at: "2026-12-01", answers: {} })).toBe(`2026-12-01,x${",".repeat(columns.length - 2)}\r\n`);
  });

  it("a page of rows at once is the same text as one row at a time", () => {
    const old: StoredResponse = { id: "r-3", submitted_at: "2026-12-03", answers: { satisfaction: 1, gone: ["a", "b"] } };
    const columns = exportColumns(published, [tricky, old].flatMap((r) => responseKeys(r.answers)));
    expect(csvRows(columns, [tricky, old])).toBe(csvRow(columns, tricky) + csvRow(columns, old));
    expect(csvRows(columns, [])).toBe("");
  });

  it("leaves an unanswered or hidden question's cells empty", () => {
    const [row] = parseCsv(exportCsv([{ id: "r-2", submitted_at: "2026-12-02T00:00:00Z", answers: { satisfaction: 5, agree: true } }]));
    expect(row!.satisfaction).toBe("5");
    expect(row!.reason).toBe("");
    expect(row!["tools.App"]).toBe("");
    expect(row!["grid.Speed"]).toBe("");
  });

  it("keeps a question removed from the definition as a trailing column, in first-seen order, arrays and objects readable", () => {
    const old: StoredResponse = {
      id: "r-old", submitted_at: "2026-11-01T09:00:00Z",
      answers: { satisfaction: 4, channel: "Phone", colours: ["Red", "Blue"], legacy_grid: { Look: "Good", Feel: "Fair" }, tools: ["App", "Fax"] },
    };
    const csv = exportCsv([tricky, old]);
    const header = Papa.parse<string[]>(csv.slice(1)).data[0]!;
    expect(header.slice(-4)).toEqual(["channel", "colours", "legacy_grid", "tools.Fax"]);
    const [, row] = parseCsv(csv);
    expect(row).toMatchObject({ satisfaction: "4", channel: "Phone", colours: "Red; Blue", legacy_grid: "Look=Good; Feel=Fair", "tools.App": "App", "tools.Fax": "Fax" });
  });
});

describe("questions retired by breaking_changes_accepted", () => {
  it("keep their column, in the order listed and before other removed keys, with the stored answers, even before any response has them", () => {
    const survey = { ...published.survey, breaking_changes_accepted: ["old_rating", "satisfaction", "old_note"] };
    const empty = exportColumns({ survey }).map((c) => c.name);
    expect(empty.slice(-2)).toEqual(["old_rating", "old_note"]);
    const stored: StoredResponse = { id: "r-9", submitted_at: "2026-11-02", answers: { satisfaction: 3, old_note: "kept", channel: "Phone", old_rating: 4 } };
    const columns = exportColumns({ survey }, responseKeys(stored.answers));
    expect(columns.map((c) => c.name).slice(-3)).toEqual(["old_rating", "old_note", "channel"]);
    expect(csvRow(columns, stored).trimEnd().split(",").slice(-3)).toEqual(["4", "kept", "Phone"]);
  });

  it("leave NDJSON records as stored, retired answers included", () => {
    const stored: StoredResponse = { id: "r-9", submitted_at: "2026-11-02", answers: { old_note: "kept" } };
    expect(JSON.parse(ndjsonLine(stored)).answers).toEqual({ old_note: "kept" });
  });
});

describe("readable cells", () => {
  it("joins arrays with '; ' and writes objects as row=column pairs", () => {
    expect(readableCell(["a", "b"])).toBe("a; b");
    expect(readableCell({ r: "c" })).toBe("r=c");
    expect(readableCell(undefined)).toBe("");
    expect(readableCell(0)).toBe(0);
  });
});

describe("JSON and NDJSON export", () => {
  it("one record per line with only id, submitted_at and answers", () => {
    const line = ndjsonLine({ ...tricky, definition_hash: "abc" } as StoredResponse);
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1)).not.toContain("\n");
    expect(JSON.parse(line)).toEqual({ id: "r-1", submitted_at: tricky.submitted_at, answers: tricky.answers });
    expect(exportRecord(tricky)).toEqual(JSON.parse(line));
  });

  it("a streamed JSON export is one document holding every record", () => {
    const second: StoredResponse = { id: "r-2", submitted_at: "2026-12-02", answers: { satisfaction: 5 } };
    const json = JSON_EXPORT_OPEN + jsonRow(tricky, true) + jsonRow(second, false) + JSON_EXPORT_CLOSE;
    expect(JSON.parse(json)).toEqual({ responses: [exportRecord(tricky), exportRecord(second)] });
    expect(JSON.parse(JSON_EXPORT_OPEN + JSON_EXPORT_CLOSE)).toEqual({ responses: [] });
  });
});

/**
 * The CSV and NDJSON exports, read back the way an owner's tools read them: the CSV is
 * parsed with papaparse and compared cell by cell with what respondents submitted
 * through POST /api/responses, including text a spreadsheet or a naive parser trips on.
 */
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { admin } from "../helpers.ts";
import { complete, seedResponses, submit, tinyResponses } from "./helpers.ts";

const COLUMNS = [
  "submitted_at", "response_id", "satisfaction", "reason", "reason_other", "tools.App", "tools.Website", "tools.Phone", "tools.Other",
  "tools_other", "plan", "nickname", "story", "email", "age", "recommend", "grid.Speed", "grid.Price", "again", "since", "agree",
];

/** What a spreadsheet should show: text that would run as a formula keeps a leading apostrophe. */
const shown = (v: unknown): string => (v === undefined ? "" : typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v));

/** The cells expected for one submitted response of all-types, written out by hand from the README's column rules. */
function expectedRow(id: string, submittedAt: string, a: Record<string, unknown>): string[] {
  const tools = (a.tools as string[] | undefined) ?? [];
  const grid = (a.grid as Record<string, string> | undefined) ?? {};
  const pick = (choice: string) => (tools.includes(choice) ? choice : "");
  return [
    submittedAt, id, shown(a.satisfaction), shown(a.reason), shown(a.reason_other),
    pick("App"), pick("Website"), pick("Phone"), pick("Other"), shown(a.tools_other),
    shown(a.plan), shown(a.nickname), shown(a.story), shown(a.email), shown(a.age), shown(a.recommend),
    shown(grid.Speed), shown(grid.Price), shown(a.again), shown(a.since), shown(a.agree),
  ];
}

async function exportOf(survey: string, query = "format=csv"): Promise<{ res: Response; text: string }> {
  const res = await admin(`/api/admin/surveys/${survey}/responses?${query}`);
  expect(res.status).toBe(200);
  // Response.text() drops a leading byte-order mark; the bytes are what a spreadsheet gets.
  return { res, text: new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(await res.arrayBuffer()) };
}

function parseCsv(text: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const parsed = Papa.parse<string[]>(text.slice(1), { newline: "\r\n", skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

const tricky = {
  ...complete,
  nickname: "=1+1",
  reason_other: '-5, "quoted"',
  tools_other: "@home\r\nand away",
  story: 'He said "hi, there", then left.\nSecond line 🎉👩🏽‍💻 and مرحبا بالعالم, שלום.\n\n=HYPERLINK("http://x")',
  email: "+sam@example.com",
};
const plain = { satisfaction: 5, tools: ["Website"], plan: "free", nickname: "Ann", grid: { Speed: "Poor" }, again: "no", agree: true };

describe("GET /api/admin/surveys/<id>/responses?format=csv", () => {
  it("round-trips every cell of what was submitted, with a header of question ids and the formula guard", async () => {
    const first = await submit("all-types", tricky);
    const second = await submit("all-types", plain);
    const { res, text } = await exportOf("all-types");
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="all-types-responses.csv"');
    expect(res.headers.get("cache-control")).toBe("no-store");
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(COLUMNS);
    expect(rows).toHaveLength(2);
    const listed = (await (await admin("/api/admin/surveys/all-types/responses")).json()) as { responses: { id: string; submitted_at: string }[] };
    const at = new Map(listed.responses.map((r) => [r.id, r.submitted_at]));
    const expected = new Map([
      [first, expectedRow(first, at.get(first)!, tricky)],
      [second, expectedRow(second, at.get(second)!, plain)],
    ]);
    for (const row of rows) {
      const want = expected.get(row[1]!)!;
      expect(row).toHaveLength(COLUMNS.length);
      for (const [i, name] of COLUMNS.entries()) expect(row[i], `${row[1]} ${name}`).toBe(want[i]);
    }
    // The cells that matter most, spelled out.
    const trickyRow = rows.find((r) => r[1] === first)!;
    expect(trickyRow[COLUMNS.indexOf("nickname")]).toBe("'=1+1");
    expect(trickyRow[COLUMNS.indexOf("story")]).toBe(tricky.story);
    expect(trickyRow[COLUMNS.indexOf("tools_other")]).toBe("'@home\r\nand away");
    expect(trickyRow[COLUMNS.indexOf("tools.Other")]).toBe("Other");
    expect(rows.find((r) => r[1] === second)![COLUMNS.indexOf("reason")]).toBe("");
  });

  it("keeps answers stored under an older definition in trailing columns", async () => {
    await seedResponses("all-types", [{
      id: "old-1",
      submitted_at: "2026-01-01T00:00:00.000Z",
      answers: { satisfaction: 4, tools: ["App", "Fax"], grid: { Speed: "Good", Comfort: "Poor" }, old_question: "kept, as typed", agree: true },
    }]);
    await submit("all-types", plain);
    const [header, ...rows] = parseCsv((await exportOf("all-types")).text);
    expect(header).toEqual([...COLUMNS, "grid.Comfort", "old_question", "tools.Fax"]);
    const old = rows.find((r) => r[1] === "old-1")!;
    const cell = (name: string) => old[header!.indexOf(name)];
    expect([cell("satisfaction"), cell("tools.App"), cell("grid.Speed"), cell("grid.Comfort"), cell("old_question"), cell("tools.Fax")]).toEqual([
      "4", "App", "Good", "Poor", "kept, as typed", "Fax",
    ]);
    expect(rows.find((r) => r[1] !== "old-1")!.slice(COLUMNS.length)).toEqual(["", "", ""]);
  });

  it("streams more than one page of 1,000 responses, oldest first, and ?since= keeps the header", async () => {
    const seeded = tinyResponses(2345);
    await seedResponses("tiny-poll", seeded);
    const [header, ...rows] = parseCsv((await exportOf("tiny-poll")).text);
    expect(header).toEqual(["submitted_at", "response_id", "ok"]);
    expect(rows.map((r) => r[1])).toEqual(seeded.map((r) => r.id));
    expect(rows[3]).toEqual([seeded[3]!.submitted_at, "r0003", "no"]);
    const since = parseCsv((await exportOf("tiny-poll", `format=csv&since=${seeded[2340]!.submitted_at}`)).text);
    expect(since).toEqual([["submitted_at", "response_id", "ok"], ...seeded.slice(2340).map((r) => [r.submitted_at, r.id, String(r.answers.ok)])]);
  });

  it("is a header alone for a survey without responses", async () => {
    const { text } = await exportOf("closed-poll");
    expect(text).toBe("\uFEFFsubmitted_at,response_id,ok\r\n");
  });
});

describe("GET /api/admin/surveys/<id>/responses?format=ndjson", () => {
  it("is one JSON record per line with the id, the time and the answers exactly as stored", async () => {
    const first = await submit("all-types", tricky);
    const second = await submit("all-types", plain);
    const { res, text } = await exportOf("all-types", "format=ndjson");
    expect(res.headers.get("content-type")).toBe("application/x-ndjson");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="all-types-responses.ndjson"');
    expect(text.endsWith("\n")).toBe(true);
    const records = text.trimEnd().split("\n").map((line) => JSON.parse(line) as { id: string; submitted_at: string; answers: unknown });
    expect(records.map((r) => Object.keys(r))).toEqual([["id", "submitted_at", "answers"], ["id", "submitted_at", "answers"]]);
    const byId = new Map(records.map((r) => [r.id, r.answers]));
    expect(byId.get(first)).toEqual(tricky);
    expect(byId.get(second)).toEqual(plain);
  });
});

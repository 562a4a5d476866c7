import { describe, expect, it } from "vitest";
import { validateAnswers } from "./answers.ts";
import { compileSurvey } from "./compile.ts";
import { isDay, isIsoTime } from "./days.ts";
import { IsoDate, SurveyDefinition } from "./model.ts";

const DAYS = ["2026-11-30", "2028-02-29", "0001-01-01", "9999-12-31"];
const NOT_DAYS = ["2026-02-30", "2027-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "26-11-30", "2026-11-30T00:00", "+02026-01-01", "2026", "2026-01", "x"];

describe("one calendar-day check for survey dates, date answers and statistics", () => {
  it.each(DAYS)("takes %j everywhere", async (day) => {
    expect(isDay(day)).toBe(true);
    expect(IsoDate.safeParse(day).success).toBe(true);
    expect(validateAnswers(await dateSurvey(), { d: day })).toMatchObject({ ok: true });
  });

  it.each(NOT_DAYS)("refuses %j everywhere", async (text) => {
    expect(isDay(text)).toBe(false);
    expect(IsoDate.safeParse(text).success).toBe(false);
    expect(validateAnswers(await dateSurvey(), { d: text })).toMatchObject({ ok: false });
  });
});

async function dateSurvey() {
  const result = await compileSurvey("t", SurveyDefinition.parse({ title: "T", questions: [{ id: "d", type: "date", label: "When?" }] }));
  if (!result.ok) throw new Error("fixture must compile");
  return result.published;
}

describe("isIsoTime", () => {
  it("takes a day or a time with its offset that names a real instant, nothing else", () => {
    for (const ok of ["2026-12-01", "2026-12-01T09:30Z", "2026-12-01T09:30:00Z", "2026-12-01T09:30:00.123+02:00"]) expect(isIsoTime(ok), ok).toBe(true);
    for (const bad of ["", "yesterday", "2026-12-01T09:30", "2026-12-01 09:30:00Z", "2026-13-01", "2026-12-01Tnonsense"]) expect(isIsoTime(bad), bad).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { compileSurvey, PublishedSurvey } from "./compile.ts";
import { SurveyDefinition, type SurveyInput } from "./model.ts";

const compile = (input: SurveyInput, id = "test") => compileSurvey(id, SurveyDefinition.parse(input));
const issuesOf = async (input: SurveyInput, id?: string) => {
  const result = await compile(input, id);
  return result.ok ? [] : result.issues;
};
const q = (id: string, extra: Record<string, unknown> = {}) => ({ id, type: "text" as const, label: id, ...extra });

describe("compileSurvey", () => {
  it("publishes a definition the Worker can re-validate, with a parsed show_if per question and page", async () => {
    const result = await compile({
      title: "T",
      pages: [{ questions: [{ id: "a", type: "rating", label: "A" }] }, { show_if: "a >= 4", questions: [q("b", { show_if: "answered(a)" })] }],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.published.conditions).toEqual({ "page:1": { cmp: ">=", left: { ref: "a" }, right: { lit: 4 } }, b: { answered: "a" } });
    expect(PublishedSurvey.parse(JSON.parse(JSON.stringify(result.published)))).toEqual(result.published);
  });

  it("gives the same hash for the same definition, and another for any change", async () => {
    const one = await compile({ title: "T", questions: [q("a")] });
    const again = await compile({ title: "T", questions: [q("a")] });
    const changed = await compile({ title: "T", questions: [q("a", { label: "changed" })] });
    const otherId = await compile({ title: "T", questions: [q("a")] }, "other");
    if (!one.ok || !again.ok || !changed.ok || !otherId.ok) throw new Error("did not compile");
    expect(one.published.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(again.published.hash).toBe(one.published.hash);
    expect(changed.published.hash).not.toBe(one.published.hash);
    expect(otherId.published.hash).not.toBe(one.published.hash);
  });

  it("reports a duplicate question id at the second one", async () => {
    expect(await issuesOf({ title: "T", pages: [{ questions: [q("a")] }, { questions: [q("a")] }] })).toEqual([
      { path: ["pages", 1, "questions", 0, "id"], message: 'duplicate question id "a"; ids must be unique', also: ["pages", 0, "questions", 0, "id"] },
    ]);
  });

  it("reports a show_if that refers to an unknown question", async () => {
    expect(await issuesOf({ title: "T", questions: [q("a"), q("b", { show_if: 'nope == "x"' })] })).toEqual([
      { path: ["pages", 0, "questions", 1, "show_if"], message: 'refers to unknown question "nope"' },
    ]);
  });

  it("reports a show_if that refers to a later question, or to its own question", async () => {
    const issues = await issuesOf({ title: "T", questions: [q("a", { show_if: "answered(b)" }), q("b", { show_if: "answered(b)" })] });
    expect(issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["pages.0.questions.0.show_if", 'refers to "b", which is not asked before this point; show_if may only use earlier answers'],
      ["pages.0.questions.1.show_if", 'refers to "b", which is not asked before this point; show_if may only use earlier answers'],
    ]);
  });

  it("reports a page show_if that refers to a question on that page", async () => {
    const issues = await issuesOf({ title: "T", pages: [{ questions: [q("a")] }, { show_if: "answered(b)", questions: [q("b")] }] });
    expect(issues).toEqual([{ path: ["pages", 1, "show_if"], message: expect.stringContaining('refers to "b", which is not asked before this point') }]);
  });

  it("reports a show_if syntax error with the character where it is", async () => {
    expect(await issuesOf({ title: "T", questions: [q("a"), q("b", { show_if: "a = 1" })] })).toEqual([
      { path: ["pages", 0, "questions", 1, "show_if"], message: 'use == to compare, not = (at character 3 of "a = 1")' },
    ]);
  });

  it.each([
    ["multiple", { type: "multiple", choices: ["x", "y", "z"], min: 3, max: 2 }, "min (3) is greater than max (2)"],
    ["number", { type: "number", min: 10, max: 1 }, "min (10) is greater than max (1)"],
    ["date", { type: "date", min: "2026-05-01", max: "2026-01-01" }, "min (2026-05-01) is greater than max (2026-01-01)"],
  ])("reports min greater than max on a %s question", async (_type, extra, message) => {
    expect(await issuesOf({ title: "T", questions: [{ id: "a", label: "A", ...extra } as never] })).toEqual([{ path: ["pages", 0, "questions", 0, "min"], message }]);
  });

  it("reports a multiple-choice min above the number of choices", async () => {
    expect(await issuesOf({ title: "T", questions: [{ id: "a", type: "multiple", label: "A", choices: ["x"], min: 2 }] })).toEqual([
      { path: ["pages", 0, "questions", 0, "min"], message: "min (2) is more than the 1 choices" },
    ]);
  });

  it("reports duplicate choice, row and column values", async () => {
    const issues = await issuesOf({
      title: "T",
      questions: [
        { id: "a", type: "single", label: "A", choices: ["x", { value: "x", label: "Also x" }] },
        { id: "m", type: "matrix", label: "M", rows: ["r", "r"], columns: ["c", "c"] },
      ],
    });
    expect(issues.map((i) => i.path.join("."))).toEqual(["pages.0.questions.0.choices.1", "pages.0.questions.1.rows.1", "pages.0.questions.1.columns.1"]);
  });

  it('reports an "Other" choice next to other: true, and an id that clashes with an "other" text', async () => {
    const issues = await issuesOf({ title: "T", questions: [{ id: "a", type: "single", label: "A", choices: ["Other"], other: true }, q("a_other")] });
    expect(issues.map((i) => i.path.join("."))).toEqual(["pages.0.questions.0.choices", "pages.0.questions.1.id"]);
  });

  it("reports an invalid survey id", async () => {
    expect(await issuesOf({ title: "T", questions: [q("a")] }, "Bad_Id")).toEqual([{ path: [], message: expect.stringContaining('"Bad_Id" is not a valid survey id') }]);
  });
});

/**
 * The rules of core/compat.ts on definitions directly; the CLI's own tests
 * (scripts/commands/check.test.ts) run the same cases through git.
 */
import { describe, expect, it } from "vitest";
import { collectsAnswers, compareSurveys } from "./compat.ts";
import { SurveyDefinition, type SurveyInput } from "./model.ts";

type QuestionInput = NonNullable<SurveyInput["questions"]>[number];
const survey = (questions: QuestionInput[], extra: Partial<SurveyInput> = {}) => SurveyDefinition.parse({ title: "T", questions, ...extra });

const color = { id: "color", type: "single" as const, label: "Colour?", choices: ["Red", "Blue"] };
const grid = { id: "grid", type: "matrix" as const, label: "Rate", rows: ["Speed", "Price"], columns: ["Poor", "Good"] };
const stars = { id: "stars", type: "rating" as const, label: "Stars?", scale: 5 };

const kinds = (before: QuestionInput[], after: QuestionInput[], extra?: Partial<SurveyInput>) =>
  compareSurveys(survey(before), survey(after, extra)).changes.map((c) => [c.kind, c.questionId, c.accepted]);

describe("compareSurveys", () => {
  it("finds nothing when only wording, help, order and new choices change", () => {
    const after: QuestionInput[] = [
      { ...stars, label: "How many stars?", help: "Five is best" },
      { ...color, label: "Favourite colour?", choices: ["Blue", "Red", "Green"] },
    ];
    expect(kinds([color, stars], after)).toEqual([]);
  });

  it("lets single become dropdown and text become textarea, which store answers alike", () => {
    const before: QuestionInput[] = [color, { id: "why", type: "text", label: "Why?" }];
    expect(kinds(before, [{ ...color, type: "dropdown" }, { id: "why", type: "textarea", label: "Why?" }])).toEqual([]);
  });

  it("reports a removed matrix column and a shortened rating scale", () => {
    expect(kinds([grid, stars], [{ ...grid, columns: ["Good"] }, { ...stars, scale: 3 }])).toEqual([
      ["column-removed", "grid", false],
      ["scale-reduced", "stars", false],
    ]);
  });

  it("reports dropping other: true as removing the Other choice", () => {
    const c = compareSurveys(survey([{ ...color, other: true }]), survey([color])).changes;
    expect(c.map((x) => [x.kind, x.message])).toEqual([["choice-removed", expect.stringContaining('choice "Other" of "color" was removed')]]);
  });

  it("tells a changed choice value (same label) from a removed one", () => {
    const after: QuestionInput[] = [{ ...color, choices: [{ value: "red", label: "Red" }] }];
    expect(kinds([color], after)).toEqual([["choice-changed", "color", false], ["choice-removed", "color", false]]);
  });

  it("marks a change to a listed question as accepted", () => {
    expect(kinds([color, stars], [stars], { breaking_changes_accepted: ["color"] })).toEqual([["question-removed", "color", true]]);
  });

  it("notes a new required question without calling it breaking", () => {
    const result = compareSurveys(survey([color]), survey([color, { ...stars, required: true }]));
    expect(result.changes).toEqual([]);
    expect(result.notes).toEqual([{ questionId: "stars", path: ["pages", 0, "questions", 1], message: expect.stringContaining("harmless") }]);
  });

  it("compares only surveys that could have collected answers", () => {
    expect([collectsAnswers({ status: "draft" }), collectsAnswers({ status: "open" }), collectsAnswers({ status: "closed" })]).toEqual([false, true, true]);
  });

  it("reports a computed value's changed expression like a changed choice list, and ignores spacing and parentheses", () => {
    const a = { id: "a", type: "rating" as const, label: "A?", scale: 5 };
    const b = { id: "b", type: "rating" as const, label: "B?", scale: 5 };
    const score = (expression: string) => ({ id: "score", type: "computed" as const, expression });
    const c = compareSurveys(survey([a, b, score("a + b")]), survey([a, b, score("2.5 * (a + b)")])).changes;
    expect(c).toEqual([{
      kind: "expression-changed", questionId: "score", path: ["pages", 0, "questions", 2], accepted: false,
      message: 'the expression of computed value "score" was changed from "a + b" to "2.5 * (a + b)"; values already stored under "score" were computed the old way and would be mixed with the new ones',
      fix: expect.stringContaining("add the new formula as a new computed value under a new id, or, once reviewed, add breaking_changes_accepted: [score]"),
    }]);
    expect(kinds([a, b, score("a + b")], [a, b, score(" (a+b) ")])).toEqual([]);
    expect(kinds([a, b, score("a + b")], [a, b, score("a - b")], { breaking_changes_accepted: ["score"] })).toEqual([["expression-changed", "score", true]]);
  });
});

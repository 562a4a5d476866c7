/**
 * Survey format 1.1 through `parseSurvey`, as `canvass check` and the build run it:
 * show_if comparisons checked against the questions they read, placeholders checked,
 * notes, custom labels, other_label, placeholder, pattern with message. Each construct:
 * the valid form passes, the broken one is refused with file, line, field and the fix.
 */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { validateAnswers } from "../answers.ts";
import { exportColumns } from "../results/export.ts";
import { summarise } from "../results/summary.ts";
import { allQuestions } from "../survey.ts";
import { issues, lines, published } from "./test-support.ts";


/** A one-page YAML survey whose last question carries `show_if` (line 2 + number of questions). */
const QUESTIONS = [
  "  - { id: plan, type: single, label: Plan, choices: [Free, Pro] }",
  "  - { id: tools, type: multiple, label: Tools, choices: [App, Website] }",
  "  - { id: score, type: rating, label: Score, scale: 5 }",
  "  - { id: name_q, type: text, label: Name }",
  "  - { id: again, type: yesno, label: Again? }",
  "  - { id: since, type: date, label: Since }",
  "  - { id: agree, type: consent, label: Agree }",
  "  - { id: grid, type: matrix, label: Grid, rows: [A], columns: [B] }",
  "  - { id: seats, type: number, label: Seats, min: 1, max: 50 }",
];
const withCondition = (cond: string) => lines("title: T", "questions:", ...QUESTIONS, `  - { id: last, type: text, label: Last, show_if: '${cond}' }`);
const CONDITION_LINE = 3 + QUESTIONS.length;

describe("show_if is checked against the questions it reads", () => {
  it.each([
    'plan == "Pro"', 'plan != "Free"', 'tools includes "App"', "score >= 4", 'name_q == "Sam"', 'again == "yes"',
    'since >= "2026-01-01"', "agree == true", "agree", "answered(grid)", "seats < 10", 'not (plan == "Free") and score <= 2',
  ])("accepts %s", async (cond) => {
    await published("surveys/x.yaml", withCondition(cond));
  });

  it.each([
    ["plan == 1", "`plan` is a choice question: its answers are texts, never 1; compare with one of its choices in quotes (\"Free\", \"Pro\")"],
    ['plan == "Gold"', '"Gold" is not a choice of `plan`; use one of: "Free", "Pro"'],
    ['plan < "Pro"', "`plan` is a choice question, whose answers have no order"],
    ['tools == "App"', '`tools` is multiple choice: use `tools includes "App"`'],
    ['tools includes "Phone"', '"Phone" is not a choice of `tools`; use one of: "App", "Website"'],
    ['plan includes "Pro"', '`plan` is a single question; includes is only for multiple choice: use `plan == "Pro"`'],
    ['score == "5"', "`score` is a rating question: its answers are numbers, never \"5\"; write the number without quotes"],
    ["score == 7", "`score` is never 7: its answers run from 1 to 5"],
    ['name_q > "M"', "`name_q` is a text question: its answers cannot be ordered with >"],
    ["name_q == 3", "`name_q` is a text question: its answers are texts, never 3"],
    ["again == true", '`again` is a yes/no question: its answers are "yes" and "no", never true'],
    ['again > "no"', '`again` is a yes/no question: use again == "yes" or again == "no"'],
    ["since > 2026", '`since` is a date question: compare it with a date in quotes, like since >= "2026-01-31"'],
    ['agree == "yes"', "`agree` is a consent question: its answer is true when ticked, never \"yes\""],
    ['grid == "B"', "`grid` is a matrix question, whose answer is one choice per row and cannot be compared; use answered(grid)"],
    ["score == plan", "`score` (rating) and `plan` (single) have different kinds of answers"],
  ])("refuses %s, naming the question and the fix", async (cond, message) => {
    const found = await issues("surveys/x.yaml", withCondition(cond));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: "surveys/x.yaml", line: CONDITION_LINE, path: `questions[${QUESTIONS.length}].show_if` });
    expect(found[0]!.message).toContain(message);
  });

  it("reports every problem of every condition in one run, in file order", async () => {
    const found = await issues("surveys/x.yaml", lines(
      "title: T",
      "pages:",
      "  - questions:",
      "      - { id: plan, type: single, label: Plan, choices: [Free, Pro] }",
      "      - { id: tools, type: multiple, label: Tools, choices: [App], show_if: plan == 2 }",
      "  - show_if: 'tools == \"App\"'",
      "    questions:",
      "      - { id: a, type: text, label: A, show_if: 'plan == \"Gold\" or tools includes \"Web\"' }",
    ));
    expect(found.map((i) => [i.line, i.path])).toEqual([
      [5, "pages[0].questions[1].show_if"],
      [6, "pages[1].show_if"],
      [8, "pages[1].questions[0].show_if"],
      [8, "pages[1].questions[0].show_if"],
    ]);
  });

  it("in a Markdown survey the problem is on the question's heading line", async () => {
    const md = lines("---", "title: T", "---", "## Plan {#plan type=single}", "- Free", "- Pro", "", '## Why? {#why type=text show_if="plan == 1"}');
    const found = await issues("surveys/x.md", md);
    expect(found).toEqual([expect.objectContaining({ line: 8, path: "questions[1].show_if", message: expect.stringContaining("`plan` is a choice question") })]);
  });
});

describe("placeholders", () => {
  it("accept the invitation's fields and the survey's declared fields; emails also {{link}} and {{survey_title}}", async () => {
    await published("surveys/x.yaml", lines(
      "title: Hi {{name|there}}",
      "fields: [account_manager]",
      "invitation: { subject: '{{survey_title}}', text: 'Hello {{company|}} {{link}}' }",
      "questions:",
      "  - { id: a, type: text, label: 'For {{account_manager|us}} in {{location|town}}' }",
    ));
  });

  it("refuse an unknown field, a misspelling and a question id, each at its line", async () => {
    const found = await issues("surveys/x.yaml", lines(
      "title: T",
      "thanks: Thanks {{nmae|}}",
      "questions:",
      "  - { id: a, type: text, label: A }",
      "  - { id: b, type: text, label: 'You said {{a}}', help: 'Ask {{account_manager}}' }",
      "  - { id: c, type: text, label: '{{link}}' }",
    ));
    expect(found.map((i) => [i.line, i.path, i.message])).toEqual([
      [2, "thanks", expect.stringMatching(/^\{\{nmae\}\} is not an invitation field: use \{\{name\}\}, \{\{company\}\}, \{\{location\}\}/)],
      [5, "questions[1].label", expect.stringMatching(/^\{\{a\}\} names a question: write \{\{q:a\}\} to show its earlier answer/)],
      [5, "questions[1].help", expect.stringMatching(/^\{\{account_manager\}\} is not an invitation field/)],
      [6, "questions[2].label", expect.stringMatching(/^\{\{link\}\} is not an invitation field/)],
    ]);
    expect(found[2]!.message).toContain("or declare a custom contact-list column in fields: [account_manager]");
  });
});

describe("notes", () => {
  it("in YAML: shown between questions, with or without an id, never among the questions", async () => {
    const p = await published("surveys/x.yaml", lines(
      "title: T",
      "questions:",
      "  - { type: note, label: Before you start, text: Nothing is **required**. }",
      "  - { id: a, type: text, label: A }",
      "  - { id: later, type: note, text: Almost done. }",
    ));
    expect(p.survey.pages[0]!.questions.map((q) => q.type)).toEqual(["note", "text", "note"]);
    expect(allQuestions(p.survey).map((q) => q.id)).toEqual(["a"]);
    expect(validateAnswers(p, { a: "x" })).toEqual({ ok: true, answers: { a: "x" } });
    expect(validateAnswers(p, { later: "x" })).toMatchObject({ ok: false, errors: { _form: expect.stringContaining("later") } });
  });

  it("never reach the export or the summary", async () => {
    const p = await published("surveys/x.yaml", lines("title: T", "questions:", "  - { id: hello, type: note, text: Hi }", "  - { id: a, type: yesno, label: A }"));
    expect(exportColumns(p).map((c) => c.name)).toEqual(["submitted_at", "response_id", "a"]);
    const summary = summarise(p, [{ id: "r1", submitted_at: "2026-11-01T00:00:00.000Z", answers: { a: "yes" } }]);
    expect(Object.keys(summary.questions)).toEqual(["a"]);
  });

  it("in Markdown: a {type=note} heading, the text under it is the note", async () => {
    const p = await published("surveys/x.md", lines("---", "title: T", "---", "## Before you start {type=note}", "Your answers are **anonymous**.", "", "## A {#a type=text}"));
    expect(p.survey.pages[0]!.questions[0]).toEqual({ type: "note", label: "Before you start", text: "Your answers are **anonymous**." });
  });

  it("refuses a note with nothing to show, answer keys on a note, and a note id used twice", async () => {
    const found = await issues("surveys/x.yaml", lines(
      "title: T",
      "questions:",
      "  - { id: a, type: text, label: A }",
      "  - { type: note }",
      "  - { id: a, type: note, text: Hi }",
      "  - { type: note, text: Hi, required: true }",
    ));
    expect(found.map((i) => [i.line, i.path, i.message])).toEqual([
      [4, "questions[1]", "a note needs a text (or a label): it is shown, never answered"],
      [5, "questions[2].id", 'duplicate question id "a"; ids must be unique (first used on line 3, questions[0].id)'],
      [6, "questions[3].required", 'key "required" does not apply to note questions (only to single, multiple, dropdown, text, textarea, email, number, rating, nps, matrix, yesno, date, consent, ranking, slider, hidden)'],
    ]);
  });
});

describe("labels, other_label and placeholder", () => {
  it("are kept in the published definition", async () => {
    const p = await published("surveys/x.yaml", lines(
      "title: T",
      "labels: { next: Weiter, back: Zurück, submit: Absenden }",
      "questions:",
      "  - { id: a, type: single, label: A, choices: [X], other: true, other_label: Something else }",
      "  - { id: b, type: dropdown, label: B, choices: [X], placeholder: Pick one }",
      "  - { id: c, type: number, label: C, placeholder: e.g. 5 }",
    ));
    expect(p.survey.labels).toEqual({ next: "Weiter", back: "Zurück", submit: "Absenden" });
    expect(allQuestions(p.survey).map((q) => ("other_label" in q ? q.other_label : undefined) ?? ("placeholder" in q ? q.placeholder : undefined))).toEqual(["Something else", "Pick one", "e.g. 5"]);
  });

  it("refuse an unknown or empty button label and other_label where there is no Other, at their lines", async () => {
    const found = await issues("surveys/x.yaml", lines(
      "title: T",
      "labels:",
      "  nxt: Weiter",
      "  submit: ''",
      "questions:",
      "  - { id: a, type: text, label: A, other_label: Else }",
    ));
    expect(found.map((i) => [i.line, i.path, i.message])).toEqual([
      [3, "labels.nxt", 'unknown key "nxt" (did you mean "next"?)'],
      [4, "labels.submit", "a button label cannot be empty"],
      [6, "questions[0].other_label", 'key "other_label" does not apply to text questions (only to single, multiple, dropdown)'],
    ]);
  });
});

describe("pattern and message", () => {
  it("are accepted on text, textarea and email, and the answer must match as a whole, with the author's message", async () => {
    const p = await published("surveys/x.yaml", lines(
      "title: T",
      "questions:",
      "  - { id: code, type: text, label: Code, pattern: '[A-Z]{2}-\\d{4}', message: 'Two capitals, a dash, four digits.' }",
      "  - { id: mail, type: email, label: Mail, pattern: '.+@example\\.com' }",
    ));
    expect(validateAnswers(p, { code: " AB-1234 ", mail: "a@example.com" })).toEqual({ ok: true, answers: { code: "AB-1234", mail: "a@example.com" } });
    expect(validateAnswers(p, { code: "AB-1234x", mail: "a@example.org" })).toEqual({
      ok: false,
      errors: { code: "Two capitals, a dash, four digits.", mail: "Check the format of this answer." },
    });
  });

  it("refuses a pattern at risk of catastrophic backtracking, an invalid one, a message without pattern, and pattern on a number", async () => {
    const found = await issues("surveys/x.yaml", lines(
      "title: T",
      "questions:",
      "  - { id: a, type: text, label: A, pattern: '(a+)+' }",
      "  - { id: b, type: textarea, label: B, pattern: '[' }",
      "  - { id: c, type: text, label: C, message: Wrong. }",
      "  - { id: d, type: number, label: D, pattern: '\\d+' }",
    ));
    expect(found.map((i) => [i.line, i.path, i.message])).toEqual([
      [3, "questions[0].pattern", expect.stringMatching(/^a repeated group holds a repetition of its own/)],
      [4, "questions[1].pattern", expect.stringMatching(/^not a valid regular expression: /)],
      [5, "questions[2].message", "message is what respondents read when their answer does not match pattern; add a pattern, or remove message"],
      [6, "questions[3].pattern", 'key "pattern" does not apply to number questions (only to text, textarea, email, hidden)'],
    ]);
  });
});

describe("the format reference (surveys/format-reference.yaml)", () => {
  it("uses every key of format 1.1 and passes the check", async () => {
    const p = await published("surveys/format-reference.yaml", await readFile(new URL("../../surveys/format-reference.yaml", import.meta.url), "utf8"));
    const blocks = p.survey.pages.flatMap((page) => page.questions);
    const keys = new Set(blocks.flatMap((b) => Object.keys(b)));
    for (const key of ["other_label", "placeholder", "pattern", "message", "text"]) expect(keys).toContain(key);
    expect(blocks.filter((b) => b.type === "note")).toHaveLength(2);
    expect(p.survey.labels).toEqual({ next: "Continue", back: "Previous", submit: "Send my answers" });
    expect(p.survey.fields).toEqual(["account_manager"]);
  });
});

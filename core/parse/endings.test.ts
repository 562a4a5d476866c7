/**
 * Endings, redirects and piped answers (`{{q:id}}`) through `parseSurvey`, as `canvass
 * check` and the build run them: each valid form passes, each broken one is refused with
 * its line, field and the fix.
 */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { issues as sourceIssues, lines, published } from "./test-support.ts";

/** Each issue as [line, path, message]. */
async function issues(file: string, text: string): Promise<[number | undefined, string, string][]> {
  return (await sourceIssues(file, text)).map((i) => [i.line, i.path, i.message]);
}

const QUESTIONS = [
  "title: T",
  "questions:",
  "  - { id: score, type: nps, label: Score }",
  "  - { id: plan, type: single, label: Plan, choices: [Free, Pro] }",
  "  - { id: grid, type: matrix, label: Grid, rows: [A], columns: [B] }",
  "  - { id: agree, type: consent, label: Agree }",
];
const withEndings = (...endings: string[]) => lines(...QUESTIONS, "endings:", ...endings);

describe("endings", () => {
  it("are accepted with conditions over any question, a button, a redirect and a last default; each condition is published", async () => {
    const p = await published("surveys/x.yaml", withEndings(
      "  - { id: low, show_if: score <= 6, text: 'Sorry, {{name|friend}}. You gave {{q:score|a low score}}.' }",
      "  - { id: pro, show_if: 'plan == \"Pro\"', text: Thanks, button: { label: Review us, url: 'https://example.com/review' } }",
      "  - { show_if: answered(grid), redirect: 'https://example.com/next?from=survey' }",
      "  - { text: Thank you., button: { label: More surveys, url: / } }",
    ));
    expect(Object.keys(p.conditions)).toEqual(["ending:0", "ending:1", "ending:2"]);
    expect(p.survey.endings).toHaveLength(4);
  });

  it("type-check each show_if like a question's, at its line", async () => {
    expect(await issues("surveys/x.yaml", withEndings(
      "  - { show_if: 'plan == \"Gold\"', text: A }",
      "  - { show_if: score == \"high\", text: B }",
      "  - { show_if: nope > 1, text: C }",
      "  - { text: D }",
    ))).toEqual([
      [8, "endings[0].show_if", '"Gold" is not a choice of `plan`; use one of: "Free", "Pro"'],
      [9, "endings[1].show_if", expect.stringContaining("`score` is a nps question: its answers are numbers")],
      [10, "endings[2].show_if", 'refers to unknown question "nope"'],
    ]);
  });

  it("refuse an ending after an unconditional one, naming both lines", async () => {
    expect(await issues("surveys/x.yaml", withEndings("  - { text: Always }", "  - { show_if: score <= 6, text: Never }"))).toEqual([
      [9, "endings[1]", "this ending can never be shown: ending 1 before it has no show_if and is always chosen first; move this one above it, or remove it (first used on line 8, endings[0])"],
    ]);
  });

  it("refuse a list where every ending is conditional: add a last ending without show_if", async () => {
    expect(await issues("surveys/x.yaml", withEndings("  - { show_if: score <= 6, text: Low }", "  - { show_if: score > 6, text: High }"))).toEqual([
      [9, "endings[1]", "every ending has a show_if, so answers that meet none would have no end screen: add a last ending without show_if"],
    ]);
  });

  it("refuse a duplicate ending id (naming both lines) and an unknown key", async () => {
    expect(await issues("surveys/x.yaml", withEndings("  - { id: a, show_if: score <= 6 }", "  - { id: a, text: B, colour: red }"))).toEqual([
      [9, "endings[1].colour", 'unknown key "colour"'],
      [9, "endings[1].id", 'duplicate ending id "a"; each ending names its own page (first used on line 8, endings[0].id)'],
    ]);
  });
});

describe("redirect", () => {
  it("accepts an absolute https:// address, on the survey and on an ending", async () => {
    const p = await published("surveys/x.yaml", lines("title: T", "redirect: https://example.com/thanks?src=canvass", ...QUESTIONS.slice(1)));
    expect(p.survey.redirect).toBe("https://example.com/thanks?src=canvass");
  });

  it.each([
    ["http://example.com/", "a redirect is an absolute https:// address"],
    ["/thanks/", "a redirect is an absolute https:// address"],
    ["javascript:alert(1)", "a redirect is an absolute https:// address"],
    ["https://user:secret@example.com/", "may not carry a user name or password"],
    ["'https://example.com/a b'", "cannot hold spaces or line breaks"],
    ["'https://example.com/?score={{q:score}}'", "never carries answers: remove the {{…}} placeholder"],
    ["'https://example.com/{{name}}'", "never carries answers: remove the {{…}} placeholder"],
  ])("refuses %s, with the fix", async (url, message) => {
    const found = await issues("surveys/x.yaml", lines("title: T", `redirect: ${url}`, ...QUESTIONS.slice(1)));
    expect(found).toEqual([[2, "redirect", expect.stringContaining(message)]]);
    const onEnding = await issues("surveys/x.yaml", withEndings(`  - { redirect: ${url} }`));
    expect(onEnding).toEqual([[8, "endings[0].redirect", expect.stringContaining(message)]]);
  });

  it("a button's url is https:// or a path on this site, never javascript: or protocol-relative", async () => {
    for (const url of ["javascript:alert(1)", "//evil.example/", "http://example.com/"]) {
      const found = await issues("surveys/x.yaml", withEndings(`  - { text: A, button: { label: Go, url: '${url}' } }`));
      expect(found).toEqual([[8, "endings[0].button.url", expect.stringContaining("an https:// address or a path on this site")]]);
    }
  });
});

describe("{{q:id}} piping", () => {
  it("accepts an earlier question in labels, help, notes, page titles, thanks and endings", async () => {
    await published("surveys/x.yaml", lines(
      "title: T",
      "thanks: 'Thanks for {{q:plan|your answers}}'",
      "pages:",
      "  - questions:",
      "      - { id: plan, type: single, label: Plan, choices: [Free, Pro] }",
      "      - { id: why, type: text, label: 'Why {{q:plan|that plan}}?', help: 'You picked {{q:plan}}' }",
      "      - { type: note, text: 'About {{q:why|your reason}}' }",
      "  - title: 'Page for {{q:plan|you}}'",
      "    questions: [{ id: n, type: number, label: N }]",
      "endings: [{ text: 'You said {{q:n}} and {{q:why}}' }]",
    ));
  });

  it("refuses a later or unknown question, a matrix or consent, and a question piping itself, each at its line", async () => {
    expect(await issues("surveys/x.yaml", lines(
      "title: T",
      "pages:",
      "  - title: 'About {{q:a}}'",
      "    questions:",
      "      - { id: a, type: text, label: 'Me {{q:a}}' }",
      "      - { id: b, type: text, label: 'Before {{q:c}}', help: 'Nobody {{q:nobody}}' }",
      "      - { id: c, type: matrix, label: C, rows: [R], columns: [K] }",
      "      - { id: d, type: consent, label: D }",
      "      - { id: e, type: text, label: '{{q:c}} {{q:d}}' }",
    ))).toEqual([
      [3, "pages[0].title", "{{q:a}} is not asked before this text; pipe a question from earlier on this page or from an earlier page"],
      [5, "pages[0].questions[0].label", "{{q:a}} is not asked before this text; pipe a question from earlier on this page or from an earlier page"],
      [6, "pages[0].questions[1].label", "{{q:c}} is a matrix question, whose answer cannot be shown as text; pipe another question"],
      [6, "pages[0].questions[1].help", "{{q:nobody}} names no question of this survey; use the id of an earlier question"],
      [9, "pages[0].questions[4].label", "{{q:c}} is a matrix question, whose answer cannot be shown as text; pipe another question"],
      [9, "pages[0].questions[4].label", "{{q:d}} is a consent question, whose answer cannot be shown as text; pipe another question"],
    ]);
  });

  it("refuses {{q:id}} where nothing is answered yet (title, description, emails)", async () => {
    const found = await issues("surveys/x.yaml", lines(
      "title: 'Hi {{q:a}}'",
      "invitation: { subject: 'About {{q:a}}', text: 'Go {{link}}' }",
      "questions: [{ id: a, type: text, label: A }]",
    ));
    expect(found).toEqual([
      [1, "title", expect.stringMatching(/^\{\{q:a\}\} pipes an answer, but nothing has been answered where this text is shown/)],
      [2, "invitation.subject", expect.stringMatching(/^\{\{q:a\}\} pipes an answer/)],
    ]);
  });

  it("{{question_id}} without q: is refused with the fix {{q:question_id}}", async () => {
    const found = await issues("surveys/x.yaml", lines("title: T", "questions:", "  - { id: a, type: text, label: A }", "  - { id: b, type: text, label: 'You said {{a}}' }"));
    expect(found).toEqual([[4, "questions[1].label", "{{a}} names a question: write {{q:a}} to show its earlier answer (with a fallback for when it is unanswered: {{q:a|…}})"]]);
  });
});

describe("the NPS example (surveys/nps-endings.yaml)", () => {
  it("passes the check with three conditional endings and a default, and pipes the score", async () => {
    const p = await published("surveys/nps-endings.yaml", await readFile(new URL("../../surveys/nps-endings.yaml", import.meta.url), "utf8"));
    expect(p.survey.endings?.map((e) => e.show_if)).toEqual(["recommend <= 6", "recommend >= 7 and recommend <= 8", "recommend >= 9", undefined]);
    expect(p.survey.endings?.[2]?.button).toEqual({ label: "Write a review", url: "https://www.example.com/reviews/new" });
    expect(JSON.stringify(p.survey.pages)).toContain("What is the main reason for your score of {{q:recommend|that score}}?");
  });
});

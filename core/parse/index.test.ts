/**
 * parseSurvey end to end: each promise an author relies on, stated once per format
 * where the formats differ. Files are built line by line so the expected line
 * numbers can be read off the test.
 */
import { describe, expect, it } from "vitest";
import { BLOCK_TYPES, QUESTION_TYPES } from "../survey.ts";
import { formatIssue, parseSurvey, type SourceIssue } from "./index.ts";
import { issues, lines, published } from "./test-support.ts";


/** The one issue a file has, for tests about a single mistake. */
async function theIssue(file: string, text: string): Promise<SourceIssue> {
  const found = await issues(file, text);
  expect(found, found.map(formatIssue).join("\n")).toHaveLength(1);
  return found[0]!;
}

const EVERY_TYPE_YAML = lines(
  "title: Every type",
  "description: Intro with **bold**.",
  "status: open",
  "opens: 2026-01-01",
  "closes: 2026-12-31",
  "thanks: Thanks, {{name|there}}!",
  "pages:",
  "  - title: First",
  "    questions:",
  '      - { id: satisfaction, type: rating, label: "How satisfied are you with {{company|us}}?", help: 1 is low., required: true, scale: 5, low_label: Low, high_label: High }',
  "      - { id: reason, type: single, label: What mattered most?, choices: [Price, Quality], other: true, show_if: satisfaction <= 3 }",
  "      - { id: tools, type: multiple, label: Which do you use?, choices: [App, Website, Phone], min: 1, max: 2 }",
  "      - id: plan",
  "        type: dropdown",
  "        label: Your plan",
  "        choices: [{ value: free, label: Free }, { value: pro, label: Pro }]",
  "      - { id: nickname, type: text, label: Nickname, placeholder: e.g. Sam, max_length: 20 }",
  "      - { id: story, type: textarea, label: Tell us more }",
  "      - { id: email, type: email, label: Your email }",
  "  - title: Second",
  '    show_if: tools includes "App"',
  "    questions:",
  "      - { id: age, type: number, label: Your age, min: 16, max: 120, step: 1 }",
  "      - { id: recommend, type: nps, label: Would you recommend us? }",
  "      - { id: grid, type: matrix, label: Rate each, rows: [Speed, Price], columns: [Poor, Fair, Good] }",
  "      - { id: again, type: yesno, label: Would you buy again? }",
  "      - { id: since, type: date, label: Customer since, min: 2000-01-01, max: 2030-12-31 }",
  `      - { id: agree, type: consent, label: I agree, required: true, show_if: 'again == "yes"' }`,
  "      - { id: order, type: ranking, label: Put in order, choices: [Speed, Price] }",
  "      - { id: effort, type: slider, label: How hard?, min: 0, max: 10 }",
  "      - { id: source, type: hidden, label: Source, param: utm_source }",
);

const EVERY_TYPE_MARKDOWN = lines(
  "---",
  "title: Every type",
  "status: open",
  "opens: 2026-01-01",
  "closes: 2026-12-31",
  "thanks: Thanks, {{name|there}}!",
  "---",
  "Intro with **bold**.",
  "",
  "# First",
  "",
  "## How satisfied are you with {{company|us}}? {#satisfaction type=rating required scale=5 low_label=Low high_label=High}",
  "1 is low.",
  "",
  '## What mattered most? {#reason type=single other show_if="satisfaction <= 3"}',
  "- Price",
  "- Quality",
  "",
  "## Which do you use? {#tools type=multiple min=1 max=2}",
  "- App",
  "- Website",
  "- Phone",
  "",
  "## Your plan {#plan type=dropdown}",
  "- Free {value=free}",
  "- Pro {value=pro}",
  "",
  '## Nickname {#nickname type=text placeholder="e.g. Sam" max_length=20}',
  "## Tell us more {#story type=textarea}",
  "## Your email {#email type=email}",
  "",
  "---",
  `# Second {show_if='tools includes "App"'}`,
  "",
  "## Your age {#age type=number min=16 max=120 step=1}",
  "## Would you recommend us? {#recommend type=nps}",
  '## Rate each {#grid type=matrix columns="Poor, Fair, Good"}',
  "- Speed",
  "- Price",
  "",
  "## Would you buy again? {#again type=yesno}",
  "## Customer since {#since type=date min=2000-01-01 max=2030-12-31}",
  `## I agree {#agree type=consent required show_if='again == "yes"'}`,
  '## Put in order {#order type=ranking choices="Speed, Price"}',
  "## How hard? {#effort type=slider min=0 max=10}",
  "## Source {#source type=hidden param=utm_source}",
);

describe("both formats", () => {
  it("read every question type, and equivalent YAML and Markdown files publish the same definition and hash", async () => {
    const fromYaml = await published("surveys/every-type.yaml", EVERY_TYPE_YAML);
    const fromMarkdown = await published("surveys/every-type.md", EVERY_TYPE_MARKDOWN);
    expect(fromYaml.survey.pages.flatMap((p) => p.questions.map((q) => q.type)).sort()).toEqual([...QUESTION_TYPES].sort());
    expect(fromMarkdown).toEqual(fromYaml);
    expect(fromMarkdown.hash).toBe(fromYaml.hash);
  });

  it("keep each type's settings: choices as value and label, matrix rows and columns, ranges, placeholders in labels", async () => {
    const { survey, conditions } = await published("surveys/every-type.md", EVERY_TYPE_MARKDOWN);
    const q = Object.fromEntries(survey.pages.flatMap((p) => p.questions).map((x) => [x.id, x]));
    expect(q.satisfaction).toMatchObject({ type: "rating", label: "How satisfied are you with {{company|us}}?", help: "1 is low.", required: true, scale: 5, low_label: "Low", high_label: "High" });
    expect(q.reason).toMatchObject({ type: "single", other: true, choices: [{ value: "Price", label: "Price" }, { value: "Quality", label: "Quality" }] });
    expect(q.tools).toMatchObject({ type: "multiple", min: 1, max: 2 });
    expect(q.plan).toMatchObject({ choices: [{ value: "free", label: "Free" }, { value: "pro", label: "Pro" }] });
    expect(q.nickname).toMatchObject({ type: "text", placeholder: "e.g. Sam", max_length: 20 });
    expect(q.story).toMatchObject({ type: "textarea", max_length: 5000 });
    expect(q.age).toMatchObject({ type: "number", min: 16, max: 120, step: 1 });
    expect(q.recommend).toMatchObject({ type: "nps", low_label: "Not at all likely" });
    expect(q.grid).toMatchObject({ rows: [{ value: "Speed", label: "Speed" }, { value: "Price", label: "Price" }], columns: [{ value: "Poor", label: "Poor" }, { value: "Fair", label: "Fair" }, { value: "Good", label: "Good" }] });
    expect(q.since).toMatchObject({ type: "date", min: "2000-01-01", max: "2030-12-31" });
    expect(q.agree).toMatchObject({ type: "consent", required: true });
    expect(survey).toMatchObject({ title: "Every type", description: "Intro with **bold**.", opens: "2026-01-01", closes: "2026-12-31", thanks: "Thanks, {{name|there}}!" });
    expect(survey.pages.map((p) => p.title)).toEqual(["First", "Second"]);
    expect(Object.keys(conditions).sort()).toEqual(["agree", "page:1", "reason"]);
  });

  it("publish a one-page file (questions: in YAML, no --- in Markdown) the same way", async () => {
    const yaml = lines("title: One page", "description: Hello.", "questions:", "  - { id: ok, type: yesno, label: All good?, help: Be honest. }", "  - { id: why, type: textarea, label: Why not?, show_if: ok == \"no\" }");
    const md = lines("---", "title: One page", "description: Hello.", "---", "## All good? {#ok type=yesno}", "Be honest.", "", '## Why not? {#why type=textarea show_if=\'ok == "no"\'}');
    const fromYaml = await published("surveys/one.yaml", yaml);
    expect(await published("surveys/one.md", md)).toEqual(fromYaml);
    expect(fromYaml.survey.pages).toHaveLength(1);
  });

  it("accept .yml as YAML and derive the survey id from the file name", async () => {
    const survey = await published("some/dir/spring-2026.yml", lines("title: T", "questions: [{ id: a, type: text, label: A }]"));
    expect(survey.id).toBe("spring-2026");
  });
});

describe("every problem names its file, line and field path", () => {
  it("a duplicate question id is reported at the second one, in the path the author wrote", async () => {
    const yaml = lines("title: T", "pages:", "  - questions:", "      - { id: a, type: text, label: A }", "  - questions:", "      - { id: a, type: text, label: B }");
    expect(await theIssue("surveys/x.yaml", yaml)).toEqual({ file: "surveys/x.yaml", line: 6, path: "pages[1].questions[0].id", message: 'duplicate question id "a"; ids must be unique (first used on line 4, pages[0].questions[0].id)' });
    const md = lines("---", "title: T", "---", "## A {#a type=text}", "## B {#a type=text}");
    expect(await theIssue("surveys/x.md", md)).toEqual({ file: "surveys/x.md", line: 5, path: "questions[1].id", message: 'duplicate question id "a"; ids must be unique (first used on line 4, questions[0].id)' });
  });

  it("an unknown question type lists the types and suggests the near miss", async () => {
    const yaml = lines("title: T", "questions:", "  - id: a", "    type: ratting", "    label: A");
    const issue = await theIssue("surveys/x.yaml", yaml);
    expect(issue).toMatchObject({ line: 4, path: "questions[0].type" });
    expect(issue.message).toBe(`unknown question type "ratting" (did you mean "rating"?); use one of: ${BLOCK_TYPES.join(", ")}`);
    const md = lines("---", "title: T", "---", "", "## A {#a type=stars}");
    expect(await theIssue("surveys/x.md", md)).toMatchObject({ line: 5, path: "questions[0].type", message: expect.stringMatching(/^unknown question type "stars"; use one of: single, multiple,/) });
  });

  it("a question without a type is told which types there are", async () => {
    expect(await theIssue("surveys/x.yaml", lines("title: T", "questions:", "  - { id: a, label: A }"))).toMatchObject({
      line: 3, path: "questions[0].type", message: expect.stringContaining("a question needs a type; use one of: single"),
    });
  });

  it("a show_if that refers to an unknown question is reported at the show_if, as questions[N] in a one-page file", async () => {
    const yaml = lines("title: T", "questions:", "  - { id: a, type: text, label: A }", "  - id: b", "    type: text", "    label: B", "    show_if: answered(c)");
    expect(await theIssue("surveys/x.yaml", yaml)).toEqual({ file: "surveys/x.yaml", line: 7, path: "questions[1].show_if", message: 'refers to unknown question "c"' });
  });

  it("a show_if on a page that refers to an unknown question is reported at the page's show_if", async () => {
    const yaml = lines("title: T", "pages:", "  - questions: [{ id: a, type: text, label: A }]", "  - show_if: nope == 1", "    questions: [{ id: b, type: text, label: B }]");
    expect(await theIssue("surveys/x.yaml", yaml)).toMatchObject({ line: 4, path: "pages[1].show_if", message: 'refers to unknown question "nope"' });
    const md = lines("---", "title: T", "---", "## A {#a type=text}", "---", '# Later {show_if="nope == 1"}', "## B {#b type=text}");
    expect(await theIssue("surveys/x.md", md)).toMatchObject({ line: 6, path: "pages[1].show_if", message: 'refers to unknown question "nope"' });
  });

  it("a show_if that refers to a later question is reported with its line", async () => {
    const yaml = lines("title: T", "questions:", "  - { id: a, type: text, label: A, show_if: answered(b) }", "  - { id: b, type: text, label: B }");
    expect(await theIssue("surveys/x.yaml", yaml)).toMatchObject({ line: 3, path: "questions[0].show_if", message: expect.stringContaining('refers to "b", which is not asked before this point') });
    const md = lines("---", "title: T", "---", '## A {#a type=text show_if="b == 1"}', "## B {#b type=number}");
    expect(await theIssue("surveys/x.md", md)).toMatchObject({ line: 4, path: "questions[0].show_if", message: expect.stringContaining('refers to "b"') });
  });

  it("a show_if that refers to its own question is reported", async () => {
    const yaml = lines("title: T", "pages:", "  - questions:", "      - { id: a, type: text, label: A, show_if: answered(a) }");
    expect(await theIssue("surveys/x.yaml", yaml)).toMatchObject({ line: 4, path: "pages[0].questions[0].show_if", message: expect.stringContaining('refers to "a", which is not asked before this point') });
  });

  it("a show_if syntax error says what and where", async () => {
    const yaml = lines("title: T", "questions:", "  - { id: a, type: number, label: A }", "  - { id: b, type: text, label: B, show_if: a = 1 }");
    expect(await theIssue("surveys/x.yaml", yaml)).toEqual({ file: "surveys/x.yaml", line: 4, path: "questions[1].show_if", message: 'use == to compare, not = (at character 3 of "a = 1")' });
    const md = lines("---", "title: T", "---", "## A {#a type=number}", "", "## B {#b type=text show_if=\"a >\"}");
    expect(await theIssue("surveys/x.md", md)).toMatchObject({ line: 6, path: "questions[1].show_if", message: 'the expression ends too early (at character 4 of "a >")' });
  });

  it("an empty choice list is reported at its key", async () => {
    const yaml = lines("title: T", "questions:", "  - id: a", "    type: single", "    label: A", "    choices: []");
    expect(await theIssue("surveys/x.yaml", yaml)).toEqual({ file: "surveys/x.yaml", line: 6, path: "questions[0].choices", message: "a choice list cannot be empty" });
  });

  it("a Markdown choice question without a list is told to list its choices", async () => {
    const md = lines("---", "title: T", "---", "## Pick {#a type=single}", "No list here.");
    expect(await theIssue("surveys/x.md", md)).toMatchObject({ line: 4, path: "questions[0].choices", message: "this question needs choices: list them under the heading as - items" });
  });

  it.each([
    ["multiple", "type: multiple, choices: [x, y, z], min: 3, max: 2", "min (3) is greater than max (2)"],
    ["number", "type: number, min: 10, max: 1", "min (10) is greater than max (1)"],
    ["date", "type: date, min: 2026-05-01, max: 2026-01-01", "min (2026-05-01) is greater than max (2026-01-01)"],
  ])("min greater than max on a %s question is reported at min", async (_type, settings, message) => {
    const yaml = lines("title: T", "questions:", `  - { id: a, label: A, ${settings} }`);
    expect(await theIssue("surveys/x.yaml", yaml)).toEqual({ file: "surveys/x.yaml", line: 3, path: "questions[0].min", message });
  });

  it("min greater than max is reported on the question's line in Markdown", async () => {
    const md = lines("---", "title: T", "---", "", "## How many? {#n type=number min=5 max=1}");
    expect(await theIssue("surveys/x.md", md)).toEqual({ file: "surveys/x.md", line: 5, path: "questions[0].min", message: "min (5) is greater than max (1)" });
  });

  it('a typo in a key says "unknown key" and suggests the intended one', async () => {
    const yaml = lines("title: T", "questions:", "  - id: a", "    type: text", "    lable: A", "    label: A");
    expect(await theIssue("surveys/x.yaml", yaml)).toEqual({ file: "surveys/x.yaml", line: 5, path: "questions[0].lable", message: 'unknown key "lable" (did you mean "label"?)' });
    expect(await theIssue("surveys/x.yaml", lines("title: T", "stauts: open", "questions: [{ id: a, type: text, label: A }]"))).toEqual({
      file: "surveys/x.yaml", line: 2, path: "stauts", message: 'unknown key "stauts" (did you mean "status"?)',
    });
  });

  it("an unknown Markdown attribute is an error, not ignored", async () => {
    const md = lines("---", "title: T", "---", "## Rate us {#a type=rating scael=7}");
    expect(await theIssue("surveys/x.md", md)).toEqual({ file: "surveys/x.md", line: 4, path: "questions[0].scael", message: 'unknown attribute "scael" (did you mean "scale"?)' });
  });

  it("a setting of another question type says which types have it", async () => {
    const md = lines("---", "title: T", "---", "## Recommend? {#a type=nps scale=5}");
    expect(await theIssue("surveys/x.md", md)).toMatchObject({ line: 4, path: "questions[0].scale", message: 'attribute "scale" does not apply to nps questions (only to rating)' });
  });

  it("a YAML syntax error is reported with its line", async () => {
    const yaml = lines("title: T", "questions:", "  - id: a", "    label: Rate: us", "    type: text");
    expect(await theIssue("surveys/x.yaml", yaml)).toMatchObject({ file: "surveys/x.yaml", line: 4, path: "", message: expect.stringContaining("quoted") });
  });

  it("a YAML syntax error in Markdown front matter is reported with the file's line", async () => {
    const md = lines("---", "title: T", "status: [open", "---", "## A {#a type=text}");
    const found = await issues("surveys/x.md", md);
    expect(found[0]).toMatchObject({ file: "surveys/x.md", line: 3 });
  });

  it("a duplicate YAML key is reported at the second one", async () => {
    const yaml = lines("title: T", "questions:", "  - id: a", "    type: text", "    label: A", "    type: email");
    expect(await theIssue("surveys/x.yaml", yaml)).toEqual({ file: "surveys/x.yaml", line: 6, path: "questions[0].type", message: 'duplicate key "type"; each key may appear only once here' });
  });

  it("an invalid file name is reported as an invalid survey id, together with the file's other problems", async () => {
    const found = await issues("surveys/Customer Feedback.yaml", lines("title: T", "questions:", "  - { id: a, type: text, label: A, show_if: b == 1 }"));
    expect(found).toEqual([
      { file: "surveys/Customer Feedback.yaml", path: "", message: expect.stringContaining('the file name "Customer Feedback.yaml" is not a valid survey id') },
      { file: "surveys/Customer Feedback.yaml", line: 3, path: "questions[0].show_if", message: 'refers to unknown question "b"' },
    ]);
  });

  it("a file that is neither YAML nor Markdown is refused", async () => {
    expect(await theIssue("surveys/x.json", "{}")).toEqual({ file: "surveys/x.json", path: "", message: "not a survey file: survey files end in .yaml, .yml, .md" });
  });

  it("opens after closes is reported at closes", async () => {
    const yaml = lines("title: T", "opens: 2026-03-01", "closes: 2026-02-01", "questions: [{ id: a, type: text, label: A }]");
    expect(await theIssue("surveys/x.yaml", yaml)).toEqual({ file: "surveys/x.yaml", line: 3, path: "closes", message: "closes is before opens" });
    const md = lines("---", "title: T", "opens: 2026-03-01", "closes: 2026-02-01", "---", "## A {#a type=text}");
    expect(await theIssue("surveys/x.md", md)).toEqual({ file: "surveys/x.md", line: 4, path: "closes", message: "closes is before opens" });
  });

  it("a date that does not exist is reported", async () => {
    expect(await theIssue("surveys/x.yaml", lines("title: T", "closes: 2026-02-30", "questions: [{ id: a, type: text, label: A }]"))).toMatchObject({ line: 2, path: "closes", message: "not a real calendar date" });
  });

  it("a missing title and an invalid status are explained, not just called invalid", async () => {
    const found = await issues("surveys/x.yaml", lines("status: opne", "questions: [{ id: a, type: text, label: A }]"));
    expect(found.map(formatIssue)).toEqual([
      "surveys/x.yaml:1: title: a survey needs a title",
      'surveys/x.yaml:1: status: text "opne" is not allowed (did you mean "open"?); use one of: draft, open, closed',
    ]);
  });

  it("a quoted number is told to lose its quotes", async () => {
    const md = lines("---", "title: T", "---", '## Rate {#a type=rating scale="7"}');
    expect(await theIssue("surveys/x.md", md)).toMatchObject({ line: 4, path: "questions[0].scale", message: 'expected a number, got text "7" (write numbers without quotes)' });
  });

  it("a value out of range says the limit and the value", async () => {
    expect(await theIssue("surveys/x.yaml", lines("title: T", "questions:", "  - { id: a, type: rating, label: A, scale: 11 }"))).toMatchObject({
      line: 3, path: "questions[0].scale", message: "must be at most 10, not 11",
    });
  });

  it("an invalid question id explains the rule", async () => {
    expect(await theIssue("surveys/x.yaml", lines("title: T", "questions:", "  - { id: Age, type: number, label: A }"))).toMatchObject({
      line: 3, path: "questions[0].id", message: "a question id starts with a lowercase letter, then lowercase letters, digits or _",
    });
  });

  it("a malformed date gets one message, not one per rule it breaks", async () => {
    expect(await theIssue("surveys/x.yaml", lines("title: T", "questions:", "  - { id: d, type: date, label: D, min: 2026-1-1 }"))).toMatchObject({ line: 3, path: "questions[0].min", message: "a date is written YYYY-MM-DD" });
  });

  it("an empty Markdown list item is reported as an empty choice at its line", async () => {
    expect(await theIssue("surveys/x.md", lines("---", "title: T", "---", "## Pick {#p type=single}", "- x", "-"))).toMatchObject({ line: 6, path: "questions[0].choices[1]", message: "a choice cannot be empty" });
  });

  it("yes is not a boolean in YAML 1.2, and the message says what to write", async () => {
    expect(await theIssue("surveys/x.yaml", lines("title: T", "anonymous: yes", "questions: [{ id: a, type: text, label: A }]"))).toMatchObject({
      line: 2, path: "anonymous", message: 'expected true or false, got text "yes" (use true or false, without quotes)',
    });
  });

  it("reports several problems in file order", async () => {
    const yaml = lines("title: T", "questions:", "  - { id: a, type: text, lable: A }", "  - { id: b, type: single, label: B, choices: [] }");
    expect((await issues("surveys/x.yaml", yaml)).map((i) => i.line)).toEqual([3, 3, 4]);
  });
});

describe("formatIssue", () => {
  it("prints file:line: path: message", () => {
    expect(formatIssue({ file: "surveys/x.yaml", line: 12, path: "pages[0].questions[1].type", message: "unknown question type" })).toBe("surveys/x.yaml:12: pages[0].questions[1].type: unknown question type");
  });

  it("leaves out the line and path when there are none", () => {
    expect(formatIssue({ file: "surveys/X.yaml", path: "", message: "bad name" })).toBe("surveys/X.yaml: bad name");
  });
});

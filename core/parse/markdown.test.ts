import { describe, expect, it } from "vitest";
import { parseAttributes, parseMarkdownSurvey, splitHeading } from "./markdown.ts";
import { lines } from "./test-support.ts";

const FRONT = ["---", "title: T", "---"];

/** The plain object a Markdown file reads into (what the YAML form would hold), failing on any read problem. */
function dataOf(...body: string[]) {
  const doc = parseMarkdownSurvey(lines(...FRONT, ...body));
  expect(doc.issues).toEqual([]);
  return doc.data as Record<string, unknown>;
}
function readIssues(...body: string[]) {
  return parseMarkdownSurvey(lines(...FRONT, ...body)).issues;
}

describe("question attributes", () => {
  it("read #id, key=value, quoted values and bare flags, in order", () => {
    expect(parseAttributes('#ease type=rating scale=5 required show_if="ease <= 2" low_label=\'Not "great"\'')).toEqual({
      attributes: [["id", "ease"], ["type", "rating"], ["scale", 5], ["required", true], ["show_if", "ease <= 2"], ["low_label", 'Not "great"']],
    });
  });

  it("make unquoted numbers numbers and unquoted true/false booleans, but keep quoted values as text", () => {
    expect(parseAttributes('a=1.5 b=-2 c=true d=false e="3" f=2026-01-01')).toEqual({
      attributes: [["a", 1.5], ["b", -2], ["c", true], ["d", false], ["e", "3"], ["f", "2026-01-01"]],
    });
  });

  it("allow an escaped quote inside a quoted value", () => {
    expect(parseAttributes('show_if="reason == \\"Price\\""')).toEqual({ attributes: [["show_if", 'reason == "Price"']] });
  });

  it("say what is wrong with malformed attributes", () => {
    expect(parseAttributes('show_if="a == 1')).toEqual({ error: "the quoted value of show_if is not closed" });
    expect(parseAttributes("scale= 5")).toEqual({ error: "scale= needs a value; put a value with spaces in quotes" });
    expect(parseAttributes("scale:5")).toEqual({ error: expect.stringContaining('unexpected ":" after scale') });
    expect(parseAttributes("# type=text")).toEqual({ error: expect.stringContaining('"#" must be followed by the question id') });
  });

  it("are found after a label that holds {{placeholders}}", () => {
    expect(splitHeading("Hi {{name|there}}, how was it? {#how type=text}")).toEqual({ label: "Hi {{name|there}}, how was it?", attributes: "#how type=text" });
    expect(splitHeading("Hi {{name}}")).toEqual({ label: "Hi {{name}}" });
  });
});

describe("the Markdown body", () => {
  it("gives the text before the first question as the description, and the text under a heading as help", () => {
    expect(dataOf("Welcome, **friend**.", "", "Second paragraph.", "", "## Q {#q type=text}", "", "Help line one", "line two", "")).toEqual({
      title: "T",
      description: "Welcome, **friend**.\n\nSecond paragraph.",
      questions: [{ label: "Q", id: "q", type: "text", help: "Help line one\nline two" }],
    });
  });

  it("gives choices from the list under a choice question, with {value=...} for a stored value", () => {
    expect(dataOf("## Pick {#p type=dropdown}", "- One", "* Two {value=2}", "+ Three", "1. Four", "  continued")).toMatchObject({
      questions: [{ choices: ["One", { value: 2, label: "Two" }, "Three", "Four continued"] }],
    });
  });

  it("gives a matrix its rows from the list and its columns from the columns attribute", () => {
    expect(dataOf('## Rate {#m type=matrix columns="Poor, Fair,Good"}', "- Speed", "- Price")).toMatchObject({
      questions: [{ type: "matrix", rows: ["Speed", "Price"], columns: ["Poor", "Fair", "Good"] }],
    });
  });

  it("accepts choices as a comma-separated attribute", () => {
    expect(dataOf('## Pick {#p type=single choices="Red, Green"}')).toMatchObject({ questions: [{ choices: ["Red", "Green"] }] });
  });

  it("keeps a list under a question without choices as part of its help text", () => {
    expect(dataOf("## Tell us {#t type=textarea}", "Think of:", "- price", "- speed")).toMatchObject({ questions: [{ help: "Think of:\n- price\n- speed" }] });
  });

  it("starts a new page at --- and titles it with the # heading after it, which may carry show_if", () => {
    expect(dataOf("## A {#a type=yesno}", "", "---", "", '# Part two {show_if="a == \\"yes\\""}', "## B {#b type=text}")).toEqual({
      title: "T",
      pages: [
        { questions: [{ label: "A", id: "a", type: "yesno" }] },
        { title: "Part two", show_if: 'a == "yes"', questions: [{ label: "B", id: "b", type: "text" }] },
      ],
    });
  });

  it("titles the first page with a # heading before its first question, after the description", () => {
    expect(dataOf("Intro.", "", "# First", "## A {#a type=text}")).toEqual({ title: "T", description: "Intro.", pages: [{ title: "First", questions: [{ label: "A", id: "a", type: "text" }] }] });
  });

  it("treats lines in a fenced code block as text, even ## and ---", () => {
    expect(dataOf("## Q {#q type=text}", "```", "## not a question", "---", "```")).toMatchObject({ questions: [{ help: "```\n## not a question\n---\n```" }] });
  });

  it("drops <!-- author notes -->, even ones that contain headings", () => {
    expect(dataOf("<!-- a note", "## not a question", "-->", "## Q {#q type=text}", "<!-- one line -->", "Help.")).toEqual({ title: "T", questions: [{ label: "Q", id: "q", type: "text", help: "Help." }] });
  });

  it("drops a page with nothing on it, from a doubled or trailing ---", () => {
    expect(dataOf("## A {#a type=text}", "---", "---", "")).toEqual({ title: "T", questions: [{ label: "A", id: "a", type: "text" }] });
  });

  it("reads a file without front matter (the schema then asks for a title)", () => {
    expect(parseMarkdownSurvey("## A {#a type=text}\n").data).toEqual({ questions: [{ label: "A", id: "a", type: "text" }] });
  });

  it("records the line of each question, attribute, help text and choice", () => {
    const doc = parseMarkdownSurvey(lines(...FRONT, "## Q {#q type=single}", "Help.", "- x", "- y", "---", "# P {show_if=\"answered(q)\"}", "## R {#r type=text}"));
    expect(doc.lineOf(["pages", 0, "questions", 0])).toBe(4);
    expect(doc.lineOf(["pages", 0, "questions", 0, "type"])).toBe(4);
    expect(doc.lineOf(["pages", 0, "questions", 0, "help"])).toBe(5);
    expect(doc.lineOf(["pages", 0, "questions", 0, "choices", 1])).toBe(7);
    expect(doc.lineOf(["pages", 1])).toBe(8);
    expect(doc.lineOf(["pages", 1, "show_if"])).toBe(9);
    expect(doc.lineOf(["pages", 1, "questions", 0, "label"])).toBe(10);
    expect(doc.lineOf(["title"])).toBe(2);
  });
});

describe("Markdown read problems", () => {
  it("a front matter that is never closed", () => {
    expect(parseMarkdownSurvey("---\ntitle: T\n## A {#a type=text}\n").issues).toEqual([{ path: [], line: 1, message: expect.stringContaining("never closed") }]);
  });

  it("a question heading without {#id type=...}", () => {
    expect(readIssues("## How was it?")).toEqual([{ path: [], line: 4, message: "a question heading needs its id and type in braces, like: ## How was it? {#some_id type=text}" }]);
  });

  it("attributes that do not end the heading line", () => {
    expect(readIssues("## A {#a type=text} more")).toEqual([{ path: [], line: 4, message: "the {...} attributes must come last on the heading line" }]);
  });

  it("an attribute given twice", () => {
    expect(readIssues("## A {#a type=text type=email}")).toEqual([{ path: [], line: 4, message: 'attribute "type" is given twice' }]);
  });

  it("a # heading after the first question of a page", () => {
    expect(readIssues("## A {#a type=text}", "# Oops")).toEqual([{ path: [], line: 5, message: expect.stringContaining("titles a page and must come before its first question") }]);
  });

  it("text on a later page before its first question", () => {
    expect(readIssues("## A {#a type=text}", "---", "# Two", "Lost words.", "## B {#b type=text}")).toEqual([{ path: [], line: 7, message: expect.stringContaining("is not shown anywhere") }]);
  });

  it("a description both in front matter and in the body", () => {
    const doc = parseMarkdownSurvey(lines("---", "title: T", "description: One", "---", "Two", "## A {#a type=text}"));
    expect(doc.issues).toEqual([{ path: ["description"], line: 5, message: expect.stringContaining("the description is written twice") }]);
  });

  it("choices given both as an attribute and as a list", () => {
    expect(readIssues('## A {#a type=single choices="x,y"}', "- z")).toEqual([{ path: ["questions", 0, "choices"], line: 4, message: expect.stringContaining("given twice") }]);
  });

  it("questions written in the front matter", () => {
    expect(parseMarkdownSurvey(lines("---", "title: T", "questions: []", "---")).issues).toEqual([{ path: ["questions"], line: 3, message: expect.stringContaining("are written in the body") }]);
  });

  it("a duplicate key in the front matter, with the file's line", () => {
    expect(parseMarkdownSurvey(lines("---", "title: T", "title: U", "---", "## A {#a type=text}")).issues).toEqual([{ path: ["title"], line: 3, message: expect.stringContaining('duplicate key "title"') }]);
  });
});

import { describe, expect, it } from "vitest";
import { parseYamlSurvey, readYaml } from "./yaml.ts";

describe("reading YAML", () => {
  it("keeps dates and yes/no as text (YAML 1.2)", () => {
    expect(readYaml("opens: 2026-12-01\nanswer: no\n").data).toEqual({ opens: "2026-12-01", answer: "no" });
  });

  it("places a map entry at its key's line and a list item at its own line", () => {
    const doc = parseYamlSurvey("title: T\nquestions:\n  - id: a\n    choices:\n      - x\n      - y\n");
    expect(doc.lineOf(["questions", 0, "choices"])).toBe(4);
    expect(doc.lineOf(["questions", 0, "choices", 1])).toBe(6);
  });

  it("places a missing key at the nearest enclosing value", () => {
    expect(parseYamlSurvey("title: T\nquestions:\n  - id: a\n").lineOf(["questions", 0, "label"])).toBe(3);
  });

  it("counts lines from where the text starts in its file", () => {
    expect(readYaml("title: T\nstatus: open\n", 2).lineOf(["status"])).toBe(3);
  });

  it("follows aliases to find a line", () => {
    const doc = parseYamlSurvey("base: &b\n  label: L\nother: *b\n");
    expect(doc.issues).toEqual([]);
    expect(doc.lineOf(["other", "label"])).toBe(2);
  });
});

describe("YAML problems", () => {
  it("a duplicate key is reported at the second one with its path", () => {
    expect(parseYamlSurvey("title: T\nquestions:\n  - id: a\n    id: b\n").issues).toEqual([{ path: ["questions", 0, "id"], line: 4, message: 'duplicate key "id"; each key may appear only once here' }]);
  });

  it("a tab used for indentation", () => {
    expect(parseYamlSurvey("title: T\nquestions:\n\t- id: a\n").issues).toEqual([{ path: [], line: 3, message: "tabs are not allowed for indentation in YAML; indent with spaces" }]);
  });

  it('an unquoted value with ": " in it', () => {
    expect(parseYamlSurvey("title: Rate: us\n").issues).toEqual([{ path: [], line: 1, message: 'a value cannot contain ": " unless it is quoted; put the text in quotes' }]);
  });

  it("text that starts with {{ and is not quoted", () => {
    expect(parseYamlSurvey("title: T\nthanks: {{name}}, thanks!\n").issues[0]).toMatchObject({ line: 2, message: expect.stringContaining('text that starts with "{{" must be in quotes') });
  });

  it("a second YAML document", () => {
    expect(parseYamlSurvey("title: T\n---\ntitle: U\n").issues).toEqual([{ path: [], line: 2, message: expect.stringContaining("one YAML document") }]);
  });

  it("an unclosed quote", () => {
    expect(parseYamlSurvey('title: "T\n').issues[0]).toMatchObject({ line: expect.any(Number), message: expect.stringMatching(/^YAML: missing closing "quote/) });
  });

  it("an alias to an anchor that does not exist", () => {
    expect(parseYamlSurvey("title: *nope\n").issues).toEqual([{ path: [], line: 1, message: expect.stringMatching(/^YAML: /) }]);
  });

  it("an empty file, or one that is a list", () => {
    expect(parseYamlSurvey("").issues).toEqual([{ path: [], line: 1, message: expect.stringContaining("the file is empty") }]);
    expect(parseYamlSurvey("- a\n").issues).toEqual([{ path: [], line: 1, message: expect.stringContaining("not a list") }]);
  });
});

/** `retention_days` in a survey file (core/model.ts): a whole number of days from 1, in YAML and in Markdown front matter alike. */
import { describe, expect, it } from "vitest";
import { parseSurvey } from "./parse/index.ts";

const yaml = (days: string) => `title: T\nretention_days: ${days}\nquestions:\n  - { id: ok, type: yesno, label: OK? }\n`;

describe("retention_days", () => {
  it("is read from YAML and from Markdown front matter into the published definition", async () => {
    const fromYaml = await parseSurvey("surveys/t.yaml", yaml("90"));
    const fromMarkdown = await parseSurvey("surveys/t.md", "---\ntitle: T\nretention_days: 30\n---\n## OK? {#ok type=yesno}\n");
    expect(fromYaml.ok && fromYaml.published.survey.retention_days).toBe(90);
    expect(fromMarkdown.ok && fromMarkdown.published.survey.retention_days).toBe(30);
  });

  it("is optional: without it the site's default applies", async () => {
    const r = await parseSurvey("surveys/t.yaml", "title: T\nquestions:\n  - { id: ok, type: yesno, label: OK? }\n");
    expect(r.ok && r.published.survey.retention_days).toBeUndefined();
  });

  it.each([["0", "retention_days is at least 1"], ["1.5", "retention_days is a whole number of days"], ["soon", "retention_days is a whole number of days"]])(
    "%s is refused with the file, line and field",
    async (days, message) => {
      const r = await parseSurvey("surveys/t.yaml", yaml(days));
      expect(r.ok ? [] : r.issues.map((i) => [i.file, i.line, i.path])).toEqual([["surveys/t.yaml", 2, "retention_days"]]);
      expect(r.ok ? "" : r.issues[0]!.message).toContain(message);
    },
  );
});

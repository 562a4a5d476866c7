import { describe, expect, it } from "vitest";
import type { PublishedSurvey } from "../compile.ts";
import { parseSurvey } from "../parse/index.ts";
import { jsonForScript } from "../script-json.ts";
import { resultsPageSurvey } from "./page.ts";

async function survey(yaml: string, file = "poll.yaml"): Promise<PublishedSurvey> {
  const parsed = await parseSurvey(file, yaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.published;
}

describe("the results page's survey JSON", () => {
  it("holds every question in order and each computed value's heading, its label or else its id", async () => {
    const s = await survey([
      "title: A",
      "pages:",
      "  - questions:",
      "      - { id: a, type: rating, label: First, scale: 5 }",
      "      - { id: total, type: computed, expression: a * 2, label: 'Twice {{name|it}}' }",
      "  - questions:",
      "      - { id: b, type: text, label: Second }",
      "      - { id: plain, type: computed, expression: a + 1 }",
      "",
    ].join("\n"));
    const data = resultsPageSurvey(s);
    expect(data.questions.map((q) => q.id)).toEqual(["a", "b"]);
    expect(data.computed).toEqual([{ id: "total", label: "Twice it" }, { id: "plain", label: "plain" }]);
    expect(data).toMatchObject({ id: "poll", anonymous: false });
  });

  it("is JSON without a `<`, so no label can close the script element, and reads back unchanged", () => {
    const value = { label: "</script><script>alert(1)</script> & \"q\" <!--" };
    const json = jsonForScript(value);
    expect(json).not.toContain("<");
    expect(JSON.parse(json)).toEqual(value);
  });
});

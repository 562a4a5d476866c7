import { describe, expect, it } from "vitest";
import type { PublishedSurvey } from "../compile.ts";
import { parseSurvey } from "../parse/index.ts";
import { resultsHeadings, resultsPageSurvey, scriptJson } from "./page.ts";

async function survey(yaml: string, file = "poll.yaml"): Promise<PublishedSurvey> {
  const parsed = await parseSurvey(file, yaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.published;
}

describe("the results page's headings", () => {
  it("titles the page with the title as plain text, as the build titled each page", async () => {
    const s = await survey("title: How did **we** do, {{name|friend}}?\nquestions:\n  - { id: ok, type: yesno, label: OK? }\n");
    expect(resultsHeadings(s).title).toBe("How did we do, friend?");
  });

  it("says id, status, anonymous and the dates in the meta line, each only when there is one", async () => {
    const q = "questions:\n  - { id: ok, type: yesno, label: OK? }\n";
    expect(resultsHeadings(await survey(`title: A\n${q}`)).meta).toBe("poll · open");
    expect(resultsHeadings(await survey(`title: A\nstatus: closed\nanonymous: true\n${q}`)).meta).toBe("poll · closed · anonymous");
    expect(resultsHeadings(await survey(`title: A\nopens: 2026-12-01\n${q}`)).meta).toBe("poll · open · 2026-12-01 to …");
    expect(resultsHeadings(await survey(`title: A\nopens: 2026-12-01\ncloses: 2027-01-31\n${q}`)).meta).toBe("poll · open · 2026-12-01 to 2027-01-31");
  });
});

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
    const json = scriptJson(value);
    expect(json).not.toContain("<");
    expect(JSON.parse(json)).toEqual(value);
  });
});

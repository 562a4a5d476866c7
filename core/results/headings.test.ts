import { describe, expect, it } from "vitest";
import type { PublishedSurvey } from "../compile.ts";
import { parseSurvey } from "../parse/index.ts";
import { resultsHeadings } from "./headings.ts";

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

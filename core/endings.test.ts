import { describe, expect, it } from "vitest";
import { validateAnswers } from "./answers.ts";
import { compileSurvey, type PublishedSurvey } from "./compile.ts";
import { chooseEnding, defaultEnding, endingPath } from "./endings.ts";
import { SurveyDefinition, type SurveyInput } from "./model.ts";

async function publish(input: SurveyInput): Promise<PublishedSurvey> {
  const result = await compileSurvey("nps", SurveyDefinition.parse(input));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.published;
}

const NPS: SurveyInput = {
  title: "NPS",
  questions: [
    { id: "recommend", type: "nps", label: "Recommend?", required: true },
    { id: "why", type: "text", label: "Why?", show_if: "recommend <= 6" },
  ],
  endings: [
    { id: "detractors", show_if: "recommend <= 6", text: "Sorry." },
    { id: "passives", show_if: "recommend <= 8", text: "Thanks." },
    { show_if: "recommend >= 9", text: "Yay!", redirect: "https://reviews.example.com/new" },
    { text: "Thank you." },
  ],
};

describe("chooseEnding", () => {
  it("picks the first ending whose condition holds, in order", async () => {
    const p = await publish(NPS);
    expect(chooseEnding(p, { recommend: 3 })).toMatchObject({ path: "/s/nps/thanks/detractors/", index: 0 });
    expect(chooseEnding(p, { recommend: 6 }).path).toBe("/s/nps/thanks/detractors/");
    expect(chooseEnding(p, { recommend: 7 }).path).toBe("/s/nps/thanks/passives/");
    expect(chooseEnding(p, { recommend: 8 }).path).toBe("/s/nps/thanks/passives/");
  });

  it("names an ending without an id by its position, and falls back to the last, unconditional one at the plain thank-you page", async () => {
    const p = await publish(NPS);
    expect(chooseEnding(p, { recommend: 10 })).toEqual({ path: "/s/nps/thanks/2/", index: 2, ending: p.survey.endings![2], redirect: "https://reviews.example.com/new" });
    expect(chooseEnding(p, {})).toMatchObject({ path: "/s/nps/thanks/", index: 3 });
    expect(defaultEnding(p.survey)).toEqual({ text: "Thank you." });
  });

  it("hands back the redirect exactly as the author wrote it, whatever the answers", async () => {
    const p = await publish(NPS);
    const chosen = chooseEnding(p, { recommend: 9, why: "<script>x</script>" });
    expect(chosen.redirect).toBe("https://reviews.example.com/new");
  });

  it("without endings: the thank-you page, or the survey's redirect", async () => {
    const plain = await publish({ title: "T", questions: [{ id: "a", type: "yesno", label: "A" }] });
    expect(chooseEnding(plain, { a: "yes" })).toEqual({ path: "/s/nps/thanks/" });
    expect(defaultEnding(plain.survey)).toBeUndefined();
    const away = await publish({ title: "T", redirect: "https://example.com/done", questions: [{ id: "a", type: "yesno", label: "A" }] });
    expect(chooseEnding(away, { a: "yes" })).toEqual({ path: "/s/nps/thanks/", redirect: "https://example.com/done" });
  });

  it("an ending's own redirect wins over the survey's; endings without one take the survey's", async () => {
    const p = await publish({ ...NPS, redirect: "https://example.com/survey-wide" });
    expect(chooseEnding(p, { recommend: 10 }).redirect).toBe("https://reviews.example.com/new");
    expect(chooseEnding(p, { recommend: 1 }).redirect).toBe("https://example.com/survey-wide");
  });

  it("reads the answers the Worker stores: a hidden question's answer is gone before the ending is chosen", async () => {
    const p = await publish({
      title: "T",
      questions: [{ id: "score", type: "nps", label: "S", required: true }, { id: "why", type: "text", label: "W", show_if: "score <= 3" }],
      endings: [{ id: "explained", show_if: "answered(why)", text: "Noted." }, { text: "Thanks." }],
    });
    const stored = validateAnswers(p, { score: 9, why: "hidden" });
    if (!stored.ok) throw new Error("valid answers");
    expect(chooseEnding(p, stored.answers).path).toBe("/s/nps/thanks/");
    const shown = validateAnswers(p, { score: 2, why: "shown" });
    if (!shown.ok) throw new Error("valid answers");
    expect(chooseEnding(p, shown.answers).path).toBe("/s/nps/thanks/explained/");
  });

  it("an end screen lies under the page the survey was answered on, so a German respondent lands on the German one", async () => {
    const p = await publish(NPS);
    expect(chooseEnding(p, { recommend: 7 }, "/s/nps/de/").path).toBe("/s/nps/de/thanks/passives/");
    expect(chooseEnding(p, {}, "/s/nps/de/").path).toBe("/s/nps/de/thanks/");
  });

  it("endingPath builds the page of an ending", () => {
    expect(endingPath("s", { id: "promoters" }, 4)).toBe("/s/s/thanks/promoters/");
    expect(endingPath("s", {}, 4)).toBe("/s/s/thanks/4/");
  });
});

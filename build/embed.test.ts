import { describe, expect, it } from "vitest";
import { compileSurvey, type PublishedSurvey } from "../core/compile.ts";
import { SurveyDefinition } from "../core/model.ts";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseSurvey } from "../core/parse/index.ts";
import { interceptRules, LOADER_BUDGET_GZIP, loaderScript, popupSurvey, weigh, writeEmbeds } from "./embed.ts";

async function published(id: string, extra: object): Promise<PublishedSurvey> {
  const r = await compileSurvey(id, SurveyDefinition.parse({ title: "T", questions: [{ id: "ok", type: "yesno", label: "Is it **ok**, {{name|friend}}?" }], ...extra }));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.published;
}
const intercept = (origin: string) => ({ intercept: { origins: [origin] } });

describe("the pop-up scripts", () => {
  it("the loader stays within 3 KB gzip even carrying twenty surveys' rules", async () => {
    const many = await Promise.all(Array.from({ length: 20 }, (_, i) => published(`survey-number-${i}`, { intercept: { origins: [`https://www${i}.example.com`], paths: ["/pricing*", "/docs/*"], trigger: { scroll_percent: 50 } } })));
    const { gzip } = weigh(await loaderScript(interceptRules(many)));
    expect(gzip).toBeLessThanOrEqual(LOADER_BUDGET_GZIP);
  }, 60_000);

  it("carry only open surveys that declare intercept:, with their dates for the device to check", async () => {
    const rules = interceptRules([
      await published("popup", { ...intercept("https://a.example"), closes: "2999-01-01" }),
      await published("plain", {}),
      await published("shut", { ...intercept("https://a.example"), status: "closed" }),
      await published("draft", { ...intercept("https://a.example"), status: "draft" }),
      await published("ended", { ...intercept("https://a.example"), closes: "2001-01-01" }),
    ]);
    expect(Object.keys(rules)).toEqual(["popup"]);
    expect(rules.popup).toMatchObject({ origins: ["https://a.example"], closes: "2999-01-01", sample_percent: 100 });
  });

  it("render the survey's texts for the pop-up, placeholders at their fallbacks, and set the direction from its language", async () => {
    const p = popupSurvey(await published("popup", { ...intercept("https://a.example"), language: "ar", description: "Hi **{{name|there}}**" }));
    expect(p.survey.pages[0]!.questions[0]!.label).toBe("Is it <strong>ok</strong>, friend?");
    expect(p.descriptionHtml).toBe("<p>Hi <strong>there</strong></p>");
    expect(p.dir).toBe("rtl");
  });

  it("carry each end screen's text by the path the Worker answers with, so the pop-up can show the chosen one", async () => {
    const p = popupSurvey(await published("popup", {
      ...intercept("https://a.example"),
      thanks: "Thanks, **{{name|friend}}**!",
      endings: [{ id: "unhappy", show_if: 'ok == "no"', text: "Sorry, {{q:ok|that}}." }, { show_if: 'ok == "yes"', text: "Great" }, {}],
    }));
    expect(p.endingsHtml).toEqual({
      "/s/popup/thanks/unhappy/": "<p>Sorry, that.</p>",
      "/s/popup/thanks/1/": "<p>Great</p>",
      "/s/popup/thanks/": "<p>Thanks, <strong>friend</strong>!</p>",
    });
    expect(popupSurvey(await published("plain", intercept("https://a.example")))).not.toHaveProperty("endingsHtml");
  });
  it("speak the survey's language: Canvass's words come with the survey, and a survey in several languages gets a pop-up script per language", async () => {
    const german = popupSurvey(await published("umfrage", { ...intercept("https://a.example"), language: "de" }));
    expect(german.words).toMatchObject({ yes: "Ja", no: "Nein", submit: "Antworten senden", close: "Schließen", required: "Pflichtfeld", needsAnswer: "Diese Frage muss beantwortet werden." });
    expect(popupSurvey(await published("poll", intercept("https://a.example"))).words).toMatchObject({ yes: "Yes", close: "Close", sending: "Sending your answers…" });

    const parsed = await parseSurvey("surveys/multi.yaml", [
      "title: { en: Quick, fr: Rapide }",
      "languages: [en, fr]",
      "intercept: { origins: [https://a.example] }",
      "questions:",
      "  - { id: ok, type: yesno, label: { en: OK?, fr: Ça va ? } }",
    ].join("\n"));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(interceptRules([parsed.published]).multi!.languages).toEqual(["fr"]);
    const french = popupSurvey(parsed.published, "fr");
    expect([french.title, french.language, french.survey.pages[0]!.questions[0]!.type === "yesno" && french.survey.pages[0]!.questions[0]!.label, french.words.yes]).toEqual(["Rapide", "fr", "Ça va ?", "Oui"]);

    const out = await mkdtemp(join(tmpdir(), "canvass-embed-"));
    try {
      await writeEmbeds([parsed.published], out);
      expect((await readdir(join(out, "_canvass/embed"))).sort()).toEqual(["multi.fr.js", "multi.js"]);
      expect(await readFile(join(out, "_canvass/embed/multi.fr.js"), "utf8")).toContain('"close":"Fermer"');
      expect(await readFile(join(out, "embed.js"), "utf8")).toContain('"languages":["fr"]');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 60_000);
});


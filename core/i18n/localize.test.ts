/**
 * Multilingual survey files through `parseSurvey`, as `canvass check` and the build run
 * them: maps resolved per language, values and ids untouched, a translation that changes
 * more than text refused, and every missing translation reported with its line in one run.
 */
import { describe, expect, it } from "vitest";
import { validateAnswers } from "../answers.ts";
import { formatIssue, parseSurvey } from "../parse/index.ts";
import { lines } from "../parse/test-support.ts";
import { allQuestions } from "../survey.ts";
import { localizeSurvey } from "./localize.ts";
import { stringsFor } from "./strings.ts";

const GOOD = lines(
  "title: { en: Hello, de: Hallo }",
  "languages: [en, de]",
  "questions:",
  "  - id: fruit",
  "    type: single",
  "    label: { en: Which fruit?, de: Welches Obst? }",
  "    required: true",
  "    choices:",
  "      - { value: apple, label: { en: Apple, de: Apfel } }",
  "      - { value: iOS }",
  "      - \"42\"",
  "  - { id: score, type: nps, label: { en: Recommend us?, de: Empfehlen Sie uns? }, show_if: 'fruit == \"apple\"' }",
);

async function check(text: string, file = "surveys/x.yaml") {
  const result = await parseSurvey(file, text);
  return result.ok ? { ok: true as const, published: result.published, lines: [] } : { ok: false as const, lines: result.issues.map(formatIssue) };
}

describe("localize: one survey per language", () => {
  it("each language's maps are resolved to its text, and the default language is the published survey", async () => {
    const r = await check(GOOD);
    if (!r.ok) throw new Error(r.lines.join("\n"));
    const { survey, translations } = r.published;
    expect(survey.title).toBe("Hello");
    expect(survey.language).toBe("en");
    expect(translations?.de?.title).toBe("Hallo");
    expect(translations?.de?.language).toBe("de");
    expect(allQuestions(translations!.de!)[0]).toMatchObject({ label: "Welches Obst?", choices: [{ value: "apple", label: "Apfel" }, { value: "iOS", label: "iOS" }, { value: "42", label: "42" }] });
  });

  it("values, ids and conditions are the same in every language, so German answers validate against the default survey", async () => {
    const r = await check(GOOD);
    if (!r.ok) throw new Error(r.lines.join("\n"));
    const de = r.published.translations!.de!;
    expect(allQuestions(de).map((q) => [q.id, q.show_if])).toEqual(allQuestions(r.published.survey).map((q) => [q.id, q.show_if]));
    expect(validateAnswers(r.published, { fruit: "apple", score: 9 })).toEqual({ ok: true, answers: { fruit: "apple", score: 9 } });
  });

  it("interface defaults that the schema fills (nps end labels, the thank-you text) are in each language", async () => {
    const r = await check(GOOD);
    if (!r.ok) throw new Error(r.lines.join("\n"));
    expect(r.published.survey.thanks).toBe("Thank you for your answers.");
    expect(r.published.translations!.de!.thanks).toBe("Vielen Dank für Ihre Antworten.");
    expect(allQuestions(r.published.translations!.de!)[1]).toMatchObject({ low_label: "Überhaupt nicht wahrscheinlich", high_label: "Äußerst wahrscheinlich" });
  });

  it("the hash covers the translations: changing only a German text changes it", async () => {
    const a = await check(GOOD);
    const b = await check(GOOD.replace("Welches Obst?", "Welche Frucht?"));
    if (!a.ok || !b.ok) throw new Error("expected both to pass");
    expect(a.published.hash).not.toBe(b.published.hash);
  });

  it("a survey without languages publishes no translations and keeps its hash", async () => {
    const text = lines("title: Hi", "questions:", "  - { id: ok, type: yesno, label: OK? }");
    const r = await check(text);
    if (!r.ok) throw new Error(r.lines.join("\n"));
    expect(r.published.translations).toBeUndefined();
    expect(localizeSurvey({ title: "Hi" }, "yaml").versions).toEqual([{ language: "en", data: { title: "Hi" } }]);
  });
});

describe("localize: what check refuses", () => {
  it("every missing translation is reported in one run, naming line, field and the languages missing", async () => {
    const r = await check(lines(
      "title: { en: Hello, de: Hallo, fr: Bonjour }",
      "languages: [en, de, fr]",
      "description: { en: Two questions }",
      "questions:",
      "  - { id: a, type: text, label: { en: Name, de: Name } }",
      "  - { id: b, type: yesno, label: Again? }",
    ));
    expect(r.lines).toEqual([
      "surveys/x.yaml:3: description: no de, fr translation: give every language of languages: [en, de, fr]",
      "surveys/x.yaml:5: questions[0].label: no fr translation: give every language of languages: [en, de, fr]",
      "surveys/x.yaml:6: questions[1].label: not translated: write it as { en: ..., de: ..., fr: ... } (languages: [en, de, fr])",
    ]);
  });

  it("a plain-string choice is refused with both fixes; text without letters needs no translation", async () => {
    const r = await check(lines(
      "title: { en: Hello, de: Hallo }",
      "languages: [en, de]",
      "questions:",
      "  - { id: a, type: single, label: { en: Pick, de: Wähle }, choices: [Pear, '0-10'] }",
    ));
    expect(r.lines).toEqual([
      'surveys/x.yaml:4: questions[0].choices[0]: the choice "Pear" is not translated: write { value: Pear, label: { en: ..., de: ... } }, or { value: Pear } for a name that reads the same in every language',
    ]);
  });

  it("a translated choice value is refused: values are stored, so they are the same in every language", async () => {
    const r = await check(lines(
      "title: { en: Hello, de: Hallo }",
      "languages: [en, de]",
      "questions:",
      "  - id: a",
      "    type: single",
      "    label: { en: Pick, de: Wähle }",
      "    choices:",
      "      - { en: Pear, de: Birne }",
    ));
    expect(r.lines).toEqual([
      "surveys/x.yaml:8: questions[0].choices[0]: a choice's value is stored with the answers, so it is the same in every language: write { value: ..., label: { en: ..., de: ... } }",
    ]);
  });

  it("a translation that changes more than text (a condition) is refused as a structural mismatch", async () => {
    const r = await check(GOOD.replace(`show_if: 'fruit == "apple"'`, `show_if: { en: 'fruit == "apple"', de: 'fruit == "iOS"' }`));
    expect(r.ok).toBe(false);
    expect(r.lines).toContain('surveys/x.yaml:12: questions[1].show_if: this is "fruit == \\"apple\\"" in the default language but "fruit == \\"iOS\\"" in de: only text may be translated (ids, values, types, conditions and numbers are the same in every language)');
  });

  it("a misspelt placeholder in one translation is reported with its language", async () => {
    const r = await check(GOOD.replace("de: Welches Obst? }", "de: \"Welches Obst, {{nmae}}?\" }"));
    expect(r.lines).toEqual([
      "surveys/x.yaml:6: questions[0].label: (de) {{nmae}} is not an invitation field: use {{name}}, {{company}}, {{location}}, or declare a custom contact-list column in fields: [nmae]",
    ]);
  });

  it("language must agree with the first of languages, and a language is listed once", async () => {
    const r = await check(GOOD.replace("languages: [en, de]", "languages: [en, de, de]\nlanguage: de"));
    expect(r.lines.some((l) => l.startsWith("surveys/x.yaml:3: language: language (de) differs from the first of languages (en)"))).toBe(true);
    expect(r.lines.some((l) => l.startsWith("surveys/x.yaml:2: languages: each language is listed once"))).toBe(true);
  });

  it("a Markdown survey in several languages is refused with the way out (YAML)", async () => {
    const r = await check(lines("---", "title: Hi", "languages: [en, de]", "---", "## OK? {#ok type=yesno}"), "surveys/x.md");
    expect(r.lines).toContain("surveys/x.md:3: languages: a survey in several languages is written in YAML, where each text can be a map like { en: ..., de: ... }; a Markdown heading holds one language");
  });
});

describe("interface defaults in a one-language survey", () => {
  it("a survey in German gets German nps end labels and thank-you text where the author wrote none", async () => {
    const r = await check(lines("title: Umfrage", "language: de", "questions:", "  - { id: n, type: nps, label: Empfehlen? }"));
    if (!r.ok) throw new Error(r.lines.join("\n"));
    expect(r.published.survey.thanks).toBe(stringsFor("de").thanksDefault);
    expect(allQuestions(r.published.survey)[0]).toMatchObject({ low_label: "Überhaupt nicht wahrscheinlich" });
  });
});

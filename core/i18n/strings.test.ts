/** The interface's translation tables: complete, with the same placeholders as English, and English worded as the tests of the rest expect. */
import { describe, expect, it } from "vitest";
import { noneLabel, validateAnswers } from "../answers.ts";
import { continueLinkHtml, continueTo } from "../endings.ts";
import type { QuestionOf } from "../model.ts";
import { pipeSources } from "../piping.ts";
import { rankingProblem } from "../ranking.ts";
import { format, INTERFACE_LANGUAGES, STRINGS, stringsFor, type StringKey } from "./strings.ts";

const placeholders = (s: string) => [...s.matchAll(/\{([a-z]+)\}/gi)].map((m) => m[1]).sort();

describe("interface strings", () => {
  it("are offered in English, German, French and Spanish", () => {
    expect(INTERFACE_LANGUAGES).toEqual(["en", "de", "fr", "es"]);
  });

  it("every language has every English key, each non-empty, and no key English lacks", () => {
    const keys = Object.keys(STRINGS.en!).sort();
    for (const lang of INTERFACE_LANGUAGES) {
      expect(Object.keys(STRINGS[lang]!).sort(), lang).toEqual(keys);
      for (const key of keys) expect(STRINGS[lang]![key as StringKey].trim(), `${lang}.${key}`).not.toBe("");
    }
  });

  it("every translation keeps exactly the placeholders of the English text", () => {
    for (const lang of INTERFACE_LANGUAGES)
      for (const [key, text] of Object.entries(STRINGS.en!)) expect(placeholders(STRINGS[lang]![key as StringKey]), `${lang}.${key}`).toEqual(placeholders(text));
  });

  it("a language without a table reads English; a regional tag reads its language's table", () => {
    expect(stringsFor("it").next).toBe("Next");
    expect(stringsFor("de-AT").next).toBe("Weiter");
    expect(stringsFor(undefined).submit).toBe("Send answers");
  });

  it("format fills placeholders and leaves unknown ones as written", () => {
    expect(format(stringsFor("de").progress, { page: 1, pages: 3 })).toBe("Seite 1 von 3");
    expect(format("{a} {b}", { a: 1 })).toBe("1 {b}");
  });

  it("the answer checks speak the language they are given, and English by default", () => {
    const def = { survey: { pages: [{ questions: [{ id: "n", type: "number" as const, label: "N", required: true, min: 5 }] }] }, conditions: {} };
    expect(validateAnswers(def, { n: 2 })).toEqual({ ok: false, errors: { n: "Enter a number of at least 5." } });
    expect(validateAnswers(def, { n: 2 }, stringsFor("de"))).toEqual({ ok: false, errors: { n: "Geben Sie eine Zahl von mindestens 5 ein." } });
    expect(validateAnswers(def, {}, stringsFor("fr"))).toEqual({ ok: false, errors: { n: "Cette question demande une réponse." } });
    expect(validateAnswers(def, { x: 1, n: 6 }, stringsFor("es"))).toEqual({ ok: false, errors: { _form: "Campo desconocido: x. Esta encuesta no tiene esa pregunta." } });
  });

  it("the ranking, slider and None checks speak the respondent's language, English by default", () => {
    const rank = { choices: ["Price", "Speed", "Quality"].map((value) => ({ value, label: value })) };
    const de = stringsFor("de");
    expect(rankingProblem(rank, { Price: "1", Speed: "1", Quality: "3" })).toBe("Price and Speed are both in position 1: give each a different position.");
    expect(rankingProblem(rank, { Price: "1", Speed: "1", Quality: "3" }, de)).toBe("Price und Speed stehen beide auf Position 1: Geben Sie jedem eine andere Position.");
    expect(rankingProblem(rank, { Price: "2", Speed: "2", Quality: "2" }, stringsFor("fr"))).toBe("Price, Speed et Quality sont tous en position 2 : donnez à chacun une position différente.");
    expect(rankingProblem(rank, { Price: "1" }, stringsFor("es"))).toBe("Dé una posición a cada elemento (Speed, Quality no tienen ninguna), o déjelos todos vacíos.");
    expect(rankingProblem(rank, ["Price"], de)).toBe("Bringen Sie alle 3 Einträge in eine Reihenfolge, jeden genau einmal.");
    const tools: QuestionOf<"multiple"> = { id: "tools", type: "multiple", label: "Tools", required: false, choices: [{ value: "App", label: "App" }], other: false, none: true };
    const level: QuestionOf<"slider"> = { id: "level", type: "slider", label: "Level", required: false, min: 0, max: 10, step: 5 };
    const def = { survey: { pages: [{ questions: [tools, level] }] }, conditions: {} };
    expect(validateAnswers(def, { tools: ["App", "None"], level: 3 }, de)).toEqual({ ok: false, errors: {
      tools: "„Nichts davon“ kann nicht zusammen mit anderen Optionen gewählt werden.",
      level: "Wählen Sie einen Wert von 0 bis 10 in Schritten von 5.",
    } });
    expect(noneLabel(tools)).toBe("None of these");
    expect(noneLabel({ ...tools, none_label: "Keins" }, de)).toBe("Keins");
    expect(pipeSources({ pages: [{ questions: [tools] }], thanks: "{{q:tools}}" }, stringsFor("es")).tools).toEqual({ labels: { None: "Ninguna de estas" } });
  });

  it("a redirect's link reads \"Continue to <host>\" in the page's language", () => {
    expect(continueTo("https://example.com/next?x=1", stringsFor("en"))).toBe("Continue to example.com");
    expect(continueTo("https://example.com/next", stringsFor("de"))).toBe("Weiter zu example.com");
    expect(continueLinkHtml("https://example.com/a?b=1&c=2", stringsFor("fr"))).toBe('<p><a href="https://example.com/a?b=1&amp;c=2">Continuer vers example.com</a></p>');
  });
});

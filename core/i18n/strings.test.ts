/** The interface's translation tables: complete, with the same placeholders as English, and English worded as the tests of the rest expect. */
import { describe, expect, it } from "vitest";
import { validateAnswers } from "../answers.ts";
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
});

/**
 * The interface's words in every language Canvass speaks (en, de, fr, es): the buttons,
 * hints and notices of the survey pages, the page script's status line, the answer
 * checks' messages (core/answers.ts) and the Worker's pages for a survey. A survey's
 * own words (its title, labels, `labels:` buttons, `other_label`…) always come first;
 * these fill in what the author did not write.
 *
 * A language without a table (say `it`) reads English; `pt-BR` reads `pt` if there is
 * one. No zod here: the Worker and the build import it; the page script does not (it
 * gets its language's table as JSON in the page, core/i18n/en.ts excepted).
 *
 * @example
 *   format(stringsFor("de").progress, { page: 1, pages: 3 }) // "Seite 1 von 3"
 */
import { de } from "./de.ts";
import { en, type StringKey, type Strings } from "./en.ts";
import { es } from "./es.ts";
import { fr } from "./fr.ts";

export { format } from "./format.ts";
export { en, type StringKey, type Strings };

/** Every table, by language tag. */
export const STRINGS: Readonly<Record<string, Strings>> = { en, de, fr, es };

/** The languages with an interface table. */
export const INTERFACE_LANGUAGES = Object.keys(STRINGS);

/** The table for a language tag: its own, its primary subtag's (`pt-BR` → `pt`), else English. */
export function stringsFor(language: string | undefined): Strings {
  if (!language) return en;
  const exact = Object.hasOwn(STRINGS, language) ? STRINGS[language] : undefined;
  const primary = language.split("-")[0]!.toLowerCase();
  return exact ?? (Object.hasOwn(STRINGS, primary) ? STRINGS[primary]! : en);
}

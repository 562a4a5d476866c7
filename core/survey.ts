/**
 * The survey model's plain parts: the constants and helpers that skip logic, answer
 * validation and the page script use. No zod here, and nothing that imports it: the
 * respondent's page bundles this module, and zod alone would outweigh the page's
 * whole budget (README.md, Benchmarks). The types come from the schema module,
 * core/model.ts, with `import type`, which the bundler erases.
 *
 * @example
 *   allQuestions(survey).filter((q) => "other" in q && q.other).map((q) => q.id + OTHER_SUFFIX)
 */
import type { Block, Computed, Question, Survey } from "./model.ts";

/** The value a respondent's "Other, please specify" choice stores; the text goes to `<id>_other`. */
export const OTHER_VALUE = "Other";
/** Suffix of the answer key that carries the "other" text. */
export const OTHER_SUFFIX = "_other";
/** The value of the exclusive "None of these" choice of a `multiple` question with `none: true`. */
export const NONE_VALUE = "None";

export const QUESTION_TYPES = [
  "single", "multiple", "dropdown", "text", "textarea", "email", "number", "rating", "nps", "matrix", "yesno", "date", "consent",
  "ranking", "slider", "hidden",
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
/** The free-text question types: their answers are listed one by one (results, exports), never counted. */
export const TEXT_TYPES: ReadonlySet<string> = new Set<QuestionType>(["text", "textarea", "email"]);
/** What a page may list: the question types, `note` (display-only) and `computed` (a value the Worker computes). */
export const BLOCK_TYPES = [...QUESTION_TYPES, "note", "computed"] as const;

/**
 * True for a question a respondent answers; false for a note (shown, never answered) and
 * a computed value (never shown, never answered). Everything that renders inputs, decodes
 * a form or validates what a client sent goes through this (and `allQuestions`), so a
 * computed id is never an input and a value sent for it is an unknown field.
 */
export const isQuestion = (b: Block): b is Question => b.type !== "note" && b.type !== "computed";

/** True for a computed value (`type: computed`). */
export const isComputed = (b: Block): b is Computed => b.type === "computed";

/** The questions of one page in order, without its notes and computed values. */
export const pageQuestions = (page: { questions: readonly Block[] }): Question[] => page.questions.filter(isQuestion);

/** Every question of a survey in order, across pages; notes and computed values are not questions. */
export function allQuestions(survey: Pick<Survey, "pages">): Question[] {
  return survey.pages.flatMap(pageQuestions);
}

/**
 * Every computed value of a survey in order, across pages. The results (summary, export)
 * add these to `allQuestions`: a computed value is stored with the answers, though no one
 * answers it.
 */
export function allComputed(survey: Pick<Survey, "pages">): Computed[] {
  return survey.pages.flatMap((p) => p.questions.filter(isComputed));
}

/**
 * Every value a choice-like question can store, in the order offered: its choices, then
 * "Other" (`other: true`) and "None" (`none: true`), which always stay last. Empty for a
 * question without choices (a hidden field's optional `choices` count).
 */
export function optionValues(q: Question): string[] {
  if (!("choices" in q) || !q.choices) return [];
  const values = q.choices.map((c) => c.value);
  if ("other" in q && q.other) values.push(OTHER_VALUE);
  if (q.type === "multiple" && q.none) values.push(NONE_VALUE);
  return values;
}

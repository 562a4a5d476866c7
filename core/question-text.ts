/**
 * What respondents read on and around the ranking, slider, hidden-field and "None"
 * controls (format 1.1), in one place so that the translation table (core/i18n/) can take
 * them over: the page (site/components/Question.astro), its script
 * (site/scripts/survey/ranking.ts, controls.ts) and the validator (core/answers.ts) read
 * them from here. Plain English for now.
 *
 * @example
 *   TYPE_TEXT.moved("Price", 2, 3) // "Price: now 2 of 3."
 */
export const TYPE_TEXT = {
  /** The exclusive choice of a `multiple` question with `none: true`, unless `none_label` says otherwise. */
  none: "None of these",
  /** Above a ranking's list (JavaScript on). */
  rankHint: "Put these in order, first at the top: move each with its Up and Down buttons.",
  /** Above a ranking's position lists (JavaScript off). */
  rankPositionsHint: "Give each a different position, 1 for the first.",
  up: "Up",
  down: "Down",
  /** The accessible names of an item's buttons. */
  moveUp: (label: string) => `Move ${label} up`,
  moveDown: (label: string) => `Move ${label} down`,
  /** Announced (live region) after a move. */
  moved: (label: string, position: number, of: number) => `${label}: now ${position} of ${of}.`,
  /** A position list's empty entry. */
  noPosition: "–",
  /** A slider's list of values (JavaScript off): its empty entry. */
  noAnswer: "No answer",
  /** Beside a slider nobody has moved yet (JavaScript on). */
  sliderUnset: "Not answered: move the slider to answer.",
} as const;

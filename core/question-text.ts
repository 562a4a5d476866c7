/**
 * What respondents read on and around the ranking, slider, hidden-field and "None"
 * controls (format 1.1), in one place so that the translation table (core/i18n/) can take
 * them over: the page (site/components/Question.astro), its script
 * (site/scripts/survey/ranking.ts, controls.ts) and the validator (core/answers.ts) read
 * them from here. Plain English for now. Separate exports rather than one object, so the
 * page script bundles only the few it uses (README.md, Benchmarks: page weight).
 *
 * @example
 *   rankMoved("Price", 2, 3) // "Price: now 2 of 3."
 */

/** The exclusive choice of a `multiple` question with `none: true`, unless `none_label` says otherwise. */
export const NONE_LABEL = "None of these";
/** Above a ranking's list (JavaScript on). */
export const RANK_HINT = "Put these in order, first at the top: move each with its Up and Down buttons.";
/** Above a ranking's position lists (JavaScript off). */
export const RANK_POSITIONS_HINT = "Give each a different position, 1 for the first.";
export const RANK_UP = "Up";
export const RANK_DOWN = "Down";
/** The accessible names of an item's buttons. */
export const rankMoveUp = (label: string) => `Move ${label} up`;
export const rankMoveDown = (label: string) => `Move ${label} down`;
/** Announced (live region) after a move. */
export const rankMoved = (label: string, position: number, of: number) => `${label}: now ${position} of ${of}.`;
/** A position list's empty entry. */
export const NO_POSITION = "–";
/** A slider's list of values (JavaScript off): its empty entry. */
export const NO_ANSWER = "No answer";
/** Beside a slider nobody has moved yet (JavaScript on). */
export const SLIDER_UNSET = "Not answered: move the slider to answer.";

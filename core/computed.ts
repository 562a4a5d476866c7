/**
 * Computed values (`type: computed`, core/model.ts `Computed`): numbers worked out from
 * the answers before them, such as a System Usability Scale score. The Worker computes
 * them from the validated answers and stores them with the response (the value it
 * stores is the only one that counts: a client cannot send one); the page script runs
 * the same code through core/logic.ts so a later `show_if` can read them live.
 *
 * A value that cannot be computed (an answer it needs is missing, a division by zero)
 * is absent, never 0 or NaN. Each value is rounded to its block's `round` decimals, or
 * to `DEFAULT_DECIMALS`, which only clears binary noise (0.1 + 0.2 is stored as 0.3).
 *
 * @example
 *   computeValues(published, { q1: 4, q2: 2 }) // { total: 6 } for `{ id: total, type: computed, expression: "q1 + q2" }`
 */
import { calculate, roundTo, type AnswerLookup } from "./expression.ts";
import type { LogicSurvey } from "./logic.ts";
import { allComputed } from "./survey.ts";

/** Decimals kept when a computed block gives no `round`. */
export const DEFAULT_DECIMALS = 10;

/** The value of one computed block for these answers (and earlier computed values), or undefined when it has none. */
export function computeValue(def: Pick<LogicSurvey, "computed">, block: { id: string; round?: number }, answers: AnswerLookup): number | undefined {
  const expr = def.computed && Object.hasOwn(def.computed, block.id) ? def.computed[block.id] : undefined;
  const value = calculate(expr, answers);
  return value === undefined ? undefined : roundTo(value, block.round ?? DEFAULT_DECIMALS);
}

/** Every computed value for a set of validated answers, in the survey's order: each one reads those before it. */
export function computeValues(def: LogicSurvey, answers: AnswerLookup): Record<string, number> {
  const lookup: Record<string, unknown> = { ...answers };
  const values: Record<string, number> = {};
  for (const block of allComputed(def.survey)) {
    const value = computeValue(def, block, lookup);
    if (value === undefined) continue;
    values[block.id] = value;
    lookup[block.id] = value;
  }
  return values;
}

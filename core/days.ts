/**
 * The one check of a calendar day written `YYYY-MM-DD`, for survey dates (`opens`,
 * `closes`, a date question's `min` and `max`), date answers, paper dates and the
 * visitor statistics. No zod: the page script checks date answers with it.
 *
 * @example
 *   isDay("2028-02-29") // true
 *   isDay("2026-02-30") // false
 */

/** Whether `text` is a real calendar day in `YYYY-MM-DD` form (2026-02-30 is not). */
export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const at = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === text;
}

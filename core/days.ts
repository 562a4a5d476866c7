/**
 * The one check of a calendar day written `YYYY-MM-DD`, for survey dates (`opens`,
 * `closes`, a date question's `min` and `max`), date answers, paper dates and the
 * visitor statistics; and the one check of an ISO 8601 date or time, for `since` in the
 * export API and `canvass export`. No zod: the page script checks date answers with it.
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

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Whether `text` is an ISO 8601 day or time with its offset (`2026-12-01`, `2026-12-01T09:30:00Z`) that names a real instant. */
export function isIsoTime(text: string): boolean {
  return ISO_TIME.test(text) && !Number.isNaN(new Date(text).getTime());
}

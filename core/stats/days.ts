/**
 * UTC calendar days as `YYYY-MM-DD`: the unit of every visitor count and of the salt's life.
 *
 * Day arithmetic is on day numbers (days since 1970-01-01), never by stepping through a
 * list: a range is measured before anything is built from it, and a result that would
 * not be a `YYYY-MM-DD` day (past year 9999, where `toISOString` writes `+010000-…` and
 * stepping stopped advancing) is a RangeError instead of a string that loops.
 *
 * @example
 *   daysBetween("2026-12-30", "2027-01-02") // 3
 *   daysFrom("2026-12-30", "2027-01-02")    // ["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"]
 */
import { isDay } from "../days.ts";

const DAY_MS = 86_400_000;

/** The most days `daysFrom` lists: ten years, far above any range the Worker accepts. */
export const MAX_LISTED_DAYS = 3_660;

export function utcDay(at: Date | number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` day; a RangeError for anything else. */
function dayNumber(day: string): number {
  if (!isDay(day)) throw new RangeError(`not a day as YYYY-MM-DD: ${JSON.stringify(day.slice(0, 20))}`);
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

/** The day with day number `n`; a RangeError when it is not writable as `YYYY-MM-DD`. */
function dayOf(n: number): string {
  const at = n * DAY_MS;
  const day = Number.isSafeInteger(n) && Math.abs(at) <= 8.64e15 ? utcDay(at) : "";
  if (!isDay(day)) throw new RangeError("the day is outside the years 0000 to 9999");
  return day;
}

export function addDays(day: string, n: number): string {
  return dayOf(dayNumber(day) + n);
}

/** How many days `to` is after `from` (negative when before), computed, not counted. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The instant a day ends (the next day's midnight, UTC), in epoch seconds, as KV's `expiration` wants it. */
export function endOfDaySeconds(day: string): number {
  return Date.parse(`${addDays(day, 1)}T00:00:00Z`) / 1000;
}

/**
 * Every day from `from` to `to`, both included; empty when `to` is before `from`. A range
 * longer than `MAX_LISTED_DAYS` is a RangeError: callers check their own smaller cap first.
 */
export function daysFrom(from: string, to: string): string[] {
  const count = daysBetween(from, to) + 1;
  if (count > MAX_LISTED_DAYS) throw new RangeError(`more than ${MAX_LISTED_DAYS} days`);
  const first = dayNumber(from);
  return Array.from({ length: Math.max(0, count) }, (_, i) => dayOf(first + i));
}

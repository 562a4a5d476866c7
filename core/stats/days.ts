/** UTC calendar days as `YYYY-MM-DD`: the unit of every visitor count and of the salt's life. */

const DAY_MS = 86_400_000;

export function utcDay(at: Date | number): string {
  return new Date(at).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return utcDay(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS);
}

/** The instant a day ends (the next day's midnight, UTC), in epoch seconds, as KV's `expiration` wants it. */
export function endOfDaySeconds(day: string): number {
  return Date.parse(`${addDays(day, 1)}T00:00:00Z`) / 1000;
}

/** Every day from `from` to `to`, both included; empty when `to` is before `from`. */
export function daysFrom(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

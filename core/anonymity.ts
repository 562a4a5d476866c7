/**
 * The one rule for the times an anonymous survey keeps: only the UTC day, for the
 * response (when it came) as for the invitation (when it was answered). Exact times on
 * both would let anyone holding both tables pair a response with the person invited.
 *
 * @example
 *   keptTime(new Date("2026-12-01T09:30:00Z"), true)  // "2026-12-01"
 *   keptTime(new Date("2026-12-01T09:30:00Z"), false) // "2026-12-01T09:30:00.000Z"
 */
export function keptTime(now: Date, anonymous: boolean): string {
  return anonymous ? now.toISOString().slice(0, 10) : now.toISOString();
}

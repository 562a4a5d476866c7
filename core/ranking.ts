/**
 * Ranking questions: the answer is every choice value, first to last. The page script
 * sends that list; a plain HTML form (JavaScript off) sends one `<id>.<value>` field per
 * choice holding its position (1 to n), which `positionsToOrder` turns into the same
 * list when the positions are a complete, duplicate-free set. Anything else stays an
 * object of positions, and `rankingProblem` names what to fix ("Price and Speed are both
 * in position 2"), so the Worker's 422 page can say it to a person.
 *
 * @example
 *   positionsToOrder(q, { Price: "2", Speed: "1", Quality: "3" }) // ["Speed", "Price", "Quality"]
 *   rankingProblem(q, { Price: "1", Speed: "1", Quality: "3" })  // "Price and Speed are both in position 1: give each a different position."
 */
import type { QuestionOf } from "./model.ts";

type Ranking = Pick<QuestionOf<"ranking">, "choices">;

const values = (q: Ranking) => q.choices.map((c) => c.value);

/** The positions sent by a form, as whole numbers from 1 to n by choice value; undefined when one is not. */
function positions(q: Ranking, raw: Record<string, unknown>): Map<string, number> | undefined {
  const n = q.choices.length;
  const out = new Map<string, number>();
  for (const [value, position] of Object.entries(raw)) {
    const p = Number(position);
    if (!Number.isInteger(p) || p < 1 || p > n) return undefined;
    out.set(value, p);
  }
  return out;
}

/** The order a complete set of positions gives, or the positions unchanged (for `rankingProblem` to explain). */
export function positionsToOrder(q: Ranking, raw: Record<string, unknown>): unknown {
  const byValue = positions(q, raw);
  if (!byValue || rankingProblem(q, raw) !== undefined) return raw;
  return [...byValue].sort((a, b) => a[1] - b[1]).map(([value]) => value);
}

/** Why a ranking answer (a list of values, or a form's positions) is wrong, or undefined when it is fine. */
export function rankingProblem(q: Ranking, v: unknown): string | undefined {
  const all = values(q);
  if (Array.isArray(v)) {
    const ok = v.length === all.length && new Set(v).size === v.length && v.every((x) => typeof x === "string" && all.includes(x));
    return ok ? undefined : `Put all ${all.length} items in order, each once.`;
  }
  if (typeof v !== "object" || v === null) return `Put all ${all.length} items in order, each once.`;
  const raw = v as Record<string, unknown>;
  const unknown = Object.keys(raw).find((k) => !all.includes(k));
  if (unknown !== undefined) return `"${unknown.slice(0, 60)}" is not one of the items to put in order.`;
  const byValue = positions(q, raw);
  if (!byValue) return `Give each item a position from 1 to ${all.length}.`;
  const missing = all.filter((value) => !byValue.has(value));
  if (missing.length) return `Give every item a position (${missing.slice(0, 5).join(", ")} ${missing.length === 1 ? "has" : "have"} none), or leave them all empty.`;
  const holders = new Map<number, string[]>();
  for (const [value, p] of byValue) holders.set(p, [...(holders.get(p) ?? []), value]);
  const clash = [...holders].find(([, list]) => list.length > 1);
  if (!clash) return undefined;
  const [position, names] = clash;
  const who = `${names.slice(0, -1).join(", ")} and ${names.at(-1)} are ${names.length === 2 ? "both" : "all"}`;
  return `${who} in position ${position}: give each a different position.`;
}

/** Each choice's average position (1 is first) over the answers folded in: the ranking's summary. */
export function createRankingTally(q: Ranking) {
  const sums = new Map(values(q).map((v) => [v, { total: 0, n: 0 }]));
  return {
    add(v: unknown): void {
      if (!Array.isArray(v)) return;
      v.forEach((value, i) => {
        const s = sums.get(String(value)) ?? { total: 0, n: 0 };
        s.total += i + 1;
        s.n++;
        sums.set(String(value), s);
      });
    },
    /** Average position by choice value (two decimals), null for a choice never ranked. */
    result: (): Record<string, number | null> => Object.fromEntries([...sums].map(([v, s]) => [v, s.n ? Math.round((100 * s.total) / s.n) / 100 : null])),
  };
}

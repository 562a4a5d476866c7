/**
 * Ranking questions: the answer is every choice value, first to last. The page script
 * sends that list; a plain HTML form (JavaScript off) sends one `<id>.<value>` field per
 * choice holding its position (1 to n), which `positionsToOrder` turns into the same
 * list when the positions are a complete, duplicate-free set. Anything else stays an
 * object of positions, and `rankingProblem` names what to fix ("Price and Speed are both
 * in position 2"), so the Worker's 422 page can say it to a person, in the respondent's
 * language (its words come with the answer checks', core/i18n/en-script.ts `enAnswers`).
 *
 * @example
 *   positionsToOrder(q, { Price: "2", Speed: "1", Quality: "3" }) // ["Speed", "Price", "Quality"]
 *   rankingProblem(q, { Price: "1", Speed: "1", Quality: "3" })  // "Price and Speed are both in position 1: give each a different position."
 */
import { enAnswers, type AnswerMessages } from "./i18n/en-script.ts";
import { format } from "./i18n/format.ts";
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
export function rankingProblem(q: Ranking, v: unknown, m: AnswerMessages = enAnswers): string | undefined {
  const all = values(q);
  const count = all.length;
  if (Array.isArray(v)) {
    const ok = v.length === count && new Set(v).size === v.length && v.every((x) => typeof x === "string" && all.includes(x));
    return ok ? undefined : format(m.rankAll, { count });
  }
  if (typeof v !== "object" || v === null) return format(m.rankAll, { count });
  const raw = v as Record<string, unknown>;
  const unknown = Object.keys(raw).find((k) => !all.includes(k));
  if (unknown !== undefined) return format(m.rankUnknown, { item: unknown.slice(0, 60) });
  const byValue = positions(q, raw);
  if (!byValue) return format(m.rankRange, { count });
  const missing = all.filter((value) => !byValue.has(value));
  // Items are named by their labels, in the respondent's language, as the page shows them.
  const name = (value: string) => q.choices.find((c) => c.value === value)?.label ?? value;
  if (missing.length) return format(missing.length === 1 ? m.rankMissingOne : m.rankMissing, { items: missing.slice(0, 5).map(name).join(", ") });
  const holders = new Map<number, string[]>();
  for (const [value, p] of byValue) holders.set(p, [...(holders.get(p) ?? []), value]);
  const clash = [...holders].find(([, list]) => list.length > 1);
  if (!clash) return undefined;
  const [position, names] = clash;
  return format(names.length === 2 ? m.rankClashTwo : m.rankClash, { items: names.slice(0, -1).map(name).join(", "), last: name(names.at(-1)!), position });
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

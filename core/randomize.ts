/**
 * Randomised order (`randomize: true`): what may be shuffled, the shuffle itself, and the
 * check of the order a respondent was shown, which the page script sends with the answers
 * (`order` in core/api/responses.ts) and the Worker stores per response.
 *
 * What is shuffled, keyed as the submission's `order` keys it:
 *   `<question id>`  a single, multiple, dropdown or ranking question's choices; "Other"
 *                    and "None" are not shuffled (they stay last) and not listed
 *   `page:<index>`   a page's questions (ids, hidden fields included); notes stay where written
 * Without JavaScript nothing is shuffled and nothing is recorded.
 *
 * @example
 *   const sets = shuffledSets(survey);           // Map { "tools" => ["App", "Web"], "page:1" => ["a", "b"] }
 *   shuffle(["a", "b", "c"], cryptoIndex)        // a Fisher–Yates permutation
 *   orderProblem(survey, { tools: ["Web", "App"] }) // undefined: a permutation of the right set
 */
import type { Page } from "./model.ts";
import { pageQuestions } from "./survey.ts";

/** Key of a page in `order` (the same as core/compile.ts `pageKey`, kept here so the page script imports no zod). */
export const orderPageKey = (index: number) => `page:${index}`;

/** The order a respondent saw, by `<question id>` or `page:<index>`. */
export type Presentation = Record<string, string[]>;

/** Every shuffled set of a survey, in authored order, by its `order` key. */
export function shuffledSets(survey: { pages: readonly Page[] }): Map<string, string[]> {
  const sets = new Map<string, string[]>();
  survey.pages.forEach((page, i) => {
    const questions = pageQuestions(page);
    if (page.randomize) sets.set(orderPageKey(i), questions.map((q) => q.id));
    for (const q of questions) if ("randomize" in q && q.randomize) sets.set(q.id, q.choices.map((c) => c.value));
  });
  return sets;
}

/** A random whole number below `n` from the browser's (or Worker's) cryptographic source. */
export function cryptoIndex(n: number): number {
  // Rejection sampling: a plain modulo would favour the low numbers.
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  const word = new Uint32Array(1);
  do crypto.getRandomValues(word); while (word[0]! >= limit);
  return word[0]! % n;
}

/** Fisher–Yates: a uniformly random permutation of `items`, given a source of whole numbers below n. */
export function shuffle<T>(items: readonly T[], randomIndex: (n: number) => number = cryptoIndex): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomIndex(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** True when `list` holds exactly the values of `set`, each once. */
export function isPermutation(list: unknown, set: readonly string[]): boolean {
  if (!Array.isArray(list) || list.length !== set.length) return false;
  const seen = new Set<string>();
  for (const v of list) {
    if (typeof v !== "string" || !set.includes(v) || seen.has(v)) return false;
    seen.add(v);
  }
  return true;
}

/**
 * Why a submitted `order` cannot be what the survey's page showed, or undefined when each
 * key names a shuffled set and holds a permutation of it. Bounded by the survey: a key
 * that is not one of its sets is refused before its list is looked at.
 */
export function orderProblem(survey: { pages: readonly Page[] }, order: Readonly<Record<string, unknown>>): string | undefined {
  const sets = shuffledSets(survey);
  for (const key of Object.keys(order)) {
    const set = sets.get(key);
    if (!set) return `The order names "${key.slice(0, 60)}", which this survey does not shuffle; send the order only of randomised questions (by id) and pages (page:<index>).`;
    if (!isPermutation(order[key], set)) return `The order of "${key}" must list each of ${set.map((v) => JSON.stringify(v)).join(", ")} exactly once.`;
  }
  return undefined;
}

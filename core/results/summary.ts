/**
 * The summary of a survey's responses, folded one response at a time so the Worker can
 * read 100,000 responses page by page in bounded memory: the state is a few counters
 * per question (and one per distinct day or value), never the responses themselves.
 *
 * Skip logic is respected: a question that a respondent was not shown (its `show_if`
 * or its page's was false, computed by core/logic.ts `visibility` over that response's
 * stored answers) is "not asked", not "skipped". A stored answer always counts as
 * asked, because a response kept under an older definition was shown what it answered
 * even when today's conditions would hide it.
 *
 * A computed value (`type: computed`) is summarised like a number question, from the
 * value the Worker stored: every response counts as asked, one with a value as answered.
 *
 * The end screen each response was shown (`endings:`) is counted by its name, from what the
 * Worker stored with the response (never chosen again here: the conditions may have changed).
 *
 * Responses are summarised against the current definition: an answer to a question
 * removed since is left out here (the exports keep it); a value no longer among the
 * choices is still counted under its own value.
 *
 * @example
 *   const s = createSummary(published);
 *   for (const page of pages) for (const r of page) s.add(r);
 *   s.result().questions.satisfaction // { type: "rating", asked, answered, counts, mean, ci95, min, max }
 */
import { isEmpty } from "../answers.ts";
import type { PublishedSurvey } from "../compile.ts";
import { endingName } from "../endings.ts";
import { visibility } from "../logic.ts";
import type { Question, QuestionOf } from "../model.ts";
import { createRankingTally } from "../ranking.ts";
import { allQuestions, isComputed, isQuestion, optionValues, OTHER_VALUE, TEXT_TYPES } from "../survey.ts";
import { NPS_DETRACTOR_MAX, NPS_PROMOTER_MIN } from "./benchmarks.ts";
import { RunningStats } from "./stats.ts";
import type { QuestionSummary, StoredResponse, SurveySummary, TextAnswer } from "./types.ts";

/** What a summary needs of a published survey. */
export type SummarySurvey = Pick<PublishedSurvey, "survey" | "conditions">;

/** Folds responses into a summary; `result()` may be called at any time. */
export type SummaryBuilder = { add(response: StoredResponse): void; result(): SurveySummary };

/** One question's counters: `add` gets each non-empty answer of a respondent who was asked. */
type Tally = { add(value: unknown): void; result(): Omit<QuestionSummary, "type" | "asked" | "answered"> };

/** Counts by key, starting with every expected key at 0 so an unchosen choice still shows. */
class Counter {
  readonly #counts = new Map<string, number>();
  constructor(keys: Iterable<string> = []) {
    for (const k of keys) this.#counts.set(k, 0);
  }
  bump(key: string): void {
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }
  get(key: string): number {
    return this.#counts.get(key) ?? 0;
  }
  /** A plain object; `Object.fromEntries` defines own keys, so a value like "__proto__" stays a key. */
  toObject(sorted = false): Record<string, number> {
    const entries = [...this.#counts];
    if (sorted) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries);
  }
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

function choiceTally(q: QuestionOf<"single" | "dropdown" | "multiple">): Tally {
  const counts = new Counter(optionValues(q));
  return {
    add: (v) => { for (const item of new Set(asList(v))) counts.bump(String(item)); },
    result: () => ({ counts: counts.toObject() }),
  };
}

function countTally(keys: string[]): Tally & { counts: Counter } {
  const counts = new Counter(keys);
  return { counts, add: (v) => counts.bump(String(v)), result: () => ({ counts: counts.toObject() }) };
}

function ratingTally(scale: number): Tally {
  const counts = countTally(range(1, scale));
  const stats = new RunningStats({ min: 1, max: scale });
  return {
    add: (v) => {
      counts.add(v);
      if (typeof v === "number" && Number.isFinite(v)) stats.add(v);
    },
    result: () => ({ ...counts.result(), ...stats.result() }),
  };
}

function npsTally(): Tally {
  const { counts, add } = countTally(range(0, 10));
  const group = (from: number, to: number) => range(from, to).reduce((n, k) => n + counts.get(k), 0);
  return {
    add,
    result: () => {
      const [promoters, passives, detractors] = [group(NPS_PROMOTER_MIN, 10), group(NPS_DETRACTOR_MAX + 1, NPS_PROMOTER_MIN - 1), group(0, NPS_DETRACTOR_MAX)];
      const n = promoters + passives + detractors;
      const score = n === 0 ? null : Math.round((1000 * (promoters - detractors)) / n) / 10;
      return { counts: counts.toObject(), promoters, passives, detractors, score };
    },
  };
}

function numberTally(q: QuestionOf<"number" | "slider">): Tally {
  const stats = new RunningStats({ min: q.min, max: q.max });
  return { add: (v) => { if (typeof v === "number" && Number.isFinite(v)) stats.add(v); }, result: () => stats.result() };
}

function matrixTally(q: QuestionOf<"matrix">): Tally {
  const columns = q.columns.map((c) => c.value);
  const rows = new Map(q.rows.map((r) => [r.value, new Counter(columns)]));
  return {
    add: (v) => {
      if (typeof v !== "object" || v === null || Array.isArray(v)) return;
      for (const [row, column] of Object.entries(v)) {
        if (!rows.has(row)) rows.set(row, new Counter(columns));
        rows.get(row)!.bump(String(column));
      }
    },
    result: () => ({ counts: Object.fromEntries([...rows].map(([row, c]) => [row, c.toObject()])) }),
  };
}

function dateTally(): Tally {
  const counts = new Counter();
  let earliest: string | null = null;
  let latest: string | null = null;
  return {
    add: (v) => {
      if (typeof v !== "string") return;
      counts.bump(v);
      if (earliest === null || v < earliest) earliest = v;
      if (latest === null || v > latest) latest = v;
    },
    result: () => ({ earliest, latest, counts: counts.toObject(true) }),
  };
}

function consentTally(): Tally {
  let consented = 0;
  return { add: (v) => { if (v === true) consented++; }, result: () => ({ consented }) };
}

/** Distinct values a hidden field's summary names; the rest count as "(other)", so memory stays bounded. */
const HIDDEN_MAX_VALUES = 500;

function hiddenTally(q: QuestionOf<"hidden">): Tally {
  const counts = new Counter(optionValues(q));
  let distinct = optionValues(q).length;
  return {
    add: (v) => {
      const key = String(v);
      if (counts.get(key) === 0 && distinct >= HIDDEN_MAX_VALUES && !optionValues(q).includes(key)) return counts.bump("(other)");
      if (counts.get(key) === 0) distinct++;
      counts.bump(key);
    },
    result: () => ({ counts: counts.toObject() }),
  };
}

function rankingTally(q: QuestionOf<"ranking">): Tally {
  const tally = createRankingTally(q);
  return { add: (v) => tally.add(v), result: () => ({ mean_position: tally.result() }) };
}

const nothing: Tally = { add: () => {}, result: () => ({}) };

function tallyFor(q: Question): Tally {
  switch (q.type) {
    case "single": case "dropdown": case "multiple": return choiceTally(q);
    case "yesno": return countTally(["yes", "no"]);
    case "rating": return ratingTally(q.scale);
    case "nps": return npsTally();
    case "number": return numberTally(q);
    case "matrix": return matrixTally(q);
    case "date": return dateTally();
    case "consent": return consentTally();
    case "text": case "textarea": case "email": return nothing;
    case "ranking": return rankingTally(q);
    case "slider": return numberTally(q);
    case "hidden": return hiddenTally(q);
  }
}

/** A question's tally together with how many were asked and answered. */
function questionFold(q: Question) {
  const tally = tallyFor(q);
  let asked = 0;
  let answered = 0;
  return {
    add(shown: boolean, answers: StoredResponse["answers"]) {
      const value = Object.hasOwn(answers, q.id) ? answers[q.id] : undefined;
      const empty = isEmpty(value);
      if (!shown && empty) return;
      asked++;
      if (empty) return;
      answered++;
      tally.add(value);
    },
    result: (): QuestionSummary => ({ type: q.type, asked, answered, ...tally.result() }) as QuestionSummary,
  };
}

/** A computed value's figures: every response counts as asked; those with a stored number as answered. */
function computedFold(id: string) {
  const stats = new RunningStats();
  let asked = 0;
  let answered = 0;
  return {
    add(_shown: boolean, answers: StoredResponse["answers"]) {
      asked++;
      const value = Object.hasOwn(answers, id) ? answers[id] : undefined;
      if (typeof value !== "number" || !Number.isFinite(value)) return;
      answered++;
      stats.add(value);
    },
    result: (): QuestionSummary => ({ type: "computed", asked, answered, ...stats.result() }),
  };
}

/** Starts an empty summary of a survey's responses. */
export function createSummary(published: SummarySurvey): SummaryBuilder {
  const blocks = published.survey.pages.flatMap((p) => p.questions.filter((b) => isQuestion(b) || isComputed(b)));
  const folds = blocks.map((q) => [q.id, isComputed(q) ? computedFold(q.id) : questionFold(q)] as const);
  const days = new Counter();
  const endings = published.survey.endings ? new Counter(published.survey.endings.map(endingName)) : undefined;
  let responses = 0;
  return {
    add(response) {
      responses++;
      days.bump(response.submitted_at.slice(0, 10));
      if (endings && response.ending) endings.bump(response.ending);
      const shown = visibility(published, response.answers).questions;
      for (const [id, fold] of folds) fold.add(shown.has(id), response.answers);
    },
    result() {
      const over_time = days.toObject(true);
      const list = Object.keys(over_time);
      return {
        responses,
        first: list[0] ?? null,
        last: list.at(-1) ?? null,
        over_time,
        questions: Object.fromEntries(folds.map(([id, fold]) => [id, fold.result()])),
        ...(endings ? { endings: endings.toObject() } : {}),
      };
    },
  };
}

/** The whole summary of a list of responses at once (tests, small surveys). */
export function summarise(published: SummarySurvey, responses: Iterable<StoredResponse>): SurveySummary {
  const s = createSummary(published);
  for (const r of responses) s.add(r);
  return s.result();
}

/**
 * The free-text answers under one key, for a paginated list: a text, textarea or email
 * question's id, `<id>_other` for the "Other, please specify" texts, or the id of a
 * question removed since. Empty for the id of a current question that is not free text.
 */
export function textAnswers(published: SummarySurvey, key: string, responses: Iterable<StoredResponse>): TextAnswer[] {
  const question = allQuestions(published.survey).find((q) => q.id === key);
  if (question && !TEXT_TYPES.has(question.type)) return [];
  const texts: TextAnswer[] = [];
  for (const r of responses) {
    const text = Object.hasOwn(r.answers, key) ? r.answers[key] : undefined;
    if (typeof text === "string" && text.trim() !== "") texts.push({ response_id: r.id, submitted_at: r.submitted_at, text });
  }
  return texts;
}

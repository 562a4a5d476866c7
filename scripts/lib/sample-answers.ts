/**
 * Plausible, valid answers for any survey, drawn from a seeded generator: example
 * data for `npm start`, load for the benchmarks. Walks the pages in order so skip
 * logic sees earlier answers exactly as a respondent's page would.
 */
import { visibility } from "../../core/logic.ts";
import { matchesPattern } from "../../core/pattern.ts";
import type { PublishedSurvey } from "../../core/compile.ts";
import type { Question } from "../../core/model.ts";
import { OTHER_SUFFIX, OTHER_VALUE, pageQuestions } from "../../core/survey.ts";

/** Mulberry32: tiny, seedable, good enough for sample data. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["quick", "friendly", "clear", "slow", "helpful", "easy", "confusing", "great", "fine", "late"];

function sample(q: Question, rnd: () => number): Record<string, unknown> {
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  switch (q.type) {
    case "single":
    case "dropdown":
      return { [q.id]: pick(q.choices).value };
    case "multiple": {
      const n = Math.max(q.min ?? 1, Math.min(q.max ?? q.choices.length, int(1, q.choices.length)));
      const chosen = [...q.choices].sort(() => rnd() - 0.5).slice(0, Math.min(n, q.choices.length)).map((c) => c.value);
      return { [q.id]: chosen };
    }
    case "text":
    case "textarea":
    case "email": {
      const text = q.type === "email" ? `person${int(1, 9999)}@example.com` : q.type === "text" ? pick(WORDS) : `It was ${pick(WORDS)} and ${pick(WORDS)}.`;
      // A made-up text rarely fits the author's pattern: such a question is left unanswered.
      return q.pattern !== undefined && !matchesPattern(q.pattern, text) ? {} : { [q.id]: q.type === "email" ? text : text.slice(0, q.max_length) };
    }
    case "number": {
      const lo = q.min ?? 0;
      const hi = q.max ?? lo + 100;
      const step = q.step ?? 1;
      return { [q.id]: lo + step * int(0, Math.floor((hi - lo) / step)) };
    }
    case "rating": return { [q.id]: int(1, q.scale) };
    case "nps": return { [q.id]: int(0, 10) };
    case "matrix": return { [q.id]: Object.fromEntries(q.rows.map((r) => [r.value, pick(q.columns).value])) };
    case "yesno": return { [q.id]: pick(["yes", "no"]) };
    case "date": {
      const lo = Date.parse(`${q.min ?? "2020-01-01"}T00:00:00Z`);
      const hi = Date.parse(`${q.max ?? "2026-12-31"}T00:00:00Z`);
      return { [q.id]: new Date(lo + Math.floor(rnd() * (hi - lo) / 86_400_000) * 86_400_000).toISOString().slice(0, 10) };
    }
    case "consent": return { [q.id]: true };
    case "ranking": return { [q.id]: [...q.choices].sort(() => rnd() - 0.5).map((c) => c.value) };
    case "slider": return { [q.id]: q.min + q.step * int(0, Math.round((q.max - q.min) / q.step)) };
    case "hidden": return q.choices ? { [q.id]: pick(q.choices).value } : {};
  }
}

/** One respondent's answers: every shown required question answered, most optional ones too. */
export function sampleAnswers(published: PublishedSurvey, rnd: () => number): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const page of published.survey.pages)
    for (const q of pageQuestions(page)) {
      if (!visibility(published, answers).questions.has(q.id)) continue;
      if (!q.required && rnd() < 0.2) continue;
      Object.assign(answers, sample(q, rnd));
      const v = answers[q.id];
      if (v === OTHER_VALUE || (Array.isArray(v) && v.includes(OTHER_VALUE))) answers[q.id + OTHER_SUFFIX] = "Something else";
    }
  // A later answer can hide an earlier-shown question's page only through the walk above, so this is final.
  return answers;
}

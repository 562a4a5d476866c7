/**
 * Skip logic over a whole survey: which pages and questions a respondent sees for
 * a given set of answers. Used by the page script (live) and the Worker (on submit),
 * so both always agree. A hidden question's answer never counts, not even in the
 * conditions of later questions: the walk drops it before going on. Computed values
 * (core/computed.ts) are worked out where they stand in the walk, from the answers seen
 * so far, so a later `show_if: sus_score >= 68` reads them; a computed block on a page
 * that is not shown is computed all the same (it is never shown anyway).
 *
 * @example
 *   const { questions } = visibility(published, { satisfaction: 5 });
 *   questions.has("reason") // false when reason has show_if: satisfaction <= 3
 */
import { computeValue } from "./computed.ts";
import { evaluate, type Expr } from "./expression.ts";
import type { Page, Question } from "./model.ts";
import { isComputed, isQuestion, OTHER_SUFFIX } from "./survey.ts";

/** The part of a published survey the walk needs: the page script passes its compact definition (site/lib/render.ts). */
export type LogicSurvey = { survey: { pages: Page[] }; conditions: Record<string, Expr>; computed?: Record<string, Expr> };

export type Visibility = {
  /** Indexes of the pages shown. */
  pages: Set<number>;
  /** Ids of the questions shown. */
  questions: Set<string>;
};

/** Own keys only: a question may be called `constructor`, which every plain object inherits. */
function condition(def: LogicSurvey, key: string): Expr | undefined {
  return Object.hasOwn(def.conditions, key) ? def.conditions[key] : undefined;
}

/** Walks pages and questions in order, keeping only answers to questions that are shown. */
export function visibility(def: LogicSurvey, answers: Readonly<Record<string, unknown>>): Visibility {
  const seen: Record<string, unknown> = {};
  const pages = new Set<number>();
  const questions = new Set<string>();
  def.survey.pages.forEach((page, pi) => {
    const pageCond = condition(def, `page:${pi}`);
    const pageShown = !pageCond || evaluate(pageCond, seen);
    if (pageShown) pages.add(pi);
    for (const q of page.questions) {
      if (isComputed(q)) {
        const value = computeValue(def, q, seen);
        if (value !== undefined) seen[q.id] = value;
        continue;
      }
      if (!pageShown || !isQuestion(q)) continue;
      const cond = condition(def, q.id);
      if (cond && !evaluate(cond, seen)) continue;
      questions.add(q.id);
      if (Object.hasOwn(answers, q.id)) seen[q.id] = answers[q.id];
    }
  });
  return { pages, questions };
}

/** Keeps only the answers (and "other" texts) of shown questions. */
export function discardHidden(questions: Question[], shown: Set<string>, answers: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const q of questions) {
    if (!shown.has(q.id)) continue;
    if (Object.hasOwn(answers, q.id)) kept[q.id] = answers[q.id];
    const otherKey = q.id + OTHER_SUFFIX;
    if (Object.hasOwn(answers, otherKey)) kept[otherKey] = answers[otherKey];
  }
  return kept;
}

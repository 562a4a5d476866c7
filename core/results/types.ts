/**
 * The shapes of a survey's results, written once and shared by everything that reads
 * them: the Worker's summary endpoint (`GET /api/admin/surveys/<id>/summary`), the admin
 * results page, `canvass report` and the exports. Types only, no zod: the admin page's
 * browser script imports this module, and a summary is computed by our own code
 * (core/results/summary.ts), never parsed from an untrusted source.
 *
 * @example
 *   const s: SurveySummary = { responses: 0, first: null, last: null, over_time: {}, questions: {} };
 */

import type { StoredResponse as ListedResponse } from "../api/responses.ts";

/** What the results code reads of a stored response (core/api/responses.ts lists it with more fields). */
export type StoredResponse = Pick<ListedResponse, "id" | "submitted_at" | "answers" | "order" | "language" | "ending">;

/** A 95% confidence interval for a mean: `[low, high]`. */
export type Interval = [low: number, high: number];

/** Counted for every question: how many respondents saw it and how many answered it. */
type Base<T extends string> = {
  type: T;
  /** Respondents shown the question (its `show_if` and its page's were true), or who answered it under an older definition. */
  asked: number;
  /** Respondents who gave a non-empty answer; `asked - answered` skipped it. */
  answered: number;
};

/** Mean, its 95% interval (null below two answers) and the range, over the numeric answers. */
export type NumericStats = { mean: number | null; ci95: Interval | null; min: number | null; max: number | null };

/** Answers per choice value: every defined choice is present (0 when unchosen), "Other" too when offered. */
export type ChoiceSummary = Base<"single" | "dropdown" | "multiple"> & { counts: Record<string, number> };
export type YesNoSummary = Base<"yesno"> & { counts: Record<string, number> };
/** Counts for "1".."scale", plus the mean and its interval. */
export type RatingSummary = Base<"rating"> & NumericStats & { counts: Record<string, number> };
export type NumberSummary = Base<"number"> & NumericStats;
/** Counts for "0".."10"; promoters answer 9–10, passives 7–8, detractors 0–6. */
export type NpsSummary = Base<"nps"> & {
  counts: Record<string, number>;
  promoters: number;
  passives: number;
  detractors: number;
  /** % promoters minus % detractors (−100 to 100, one decimal), null before the first answer. */
  score: number | null;
};
/** Row value -> column value -> count; every defined row and column is present. */
export type MatrixSummary = Base<"matrix"> & { counts: Record<string, Record<string, number>> };
/** Earliest and latest date answered, and answers per date (`YYYY-MM-DD`, sorted). */
export type DateSummary = Base<"date"> & { earliest: string | null; latest: string | null; counts: Record<string, number> };
export type ConsentSummary = Base<"consent"> & { consented: number };
/** Free text is only counted here; the texts themselves are listed page by page (core/results/summary.ts `textAnswers`). */
export type TextSummary = Base<"text" | "textarea" | "email">;

/**
 * A computed value (`type: computed`): every response counts as asked, `answered` is those
 * with a value (the Worker stores none when an answer it needs is missing), and its figures
 * are a number question's.
 */
export type ComputedSummary = Base<"computed"> & NumericStats;

/** Each choice's average position (1 is first, two decimals), null for a choice nobody ranked yet. */
export type RankingSummary = Base<"ranking"> & { mean_position: Record<string, number | null> };
export type SliderSummary = Base<"slider"> & NumericStats;
/** Answers per value kept (every listed choice present); beyond 500 distinct values the rest count under "(other)". */
export type HiddenSummary = Base<"hidden"> & { counts: Record<string, number> };

export type QuestionSummary =
  | ChoiceSummary | YesNoSummary | RatingSummary | NumberSummary | NpsSummary
  | MatrixSummary | DateSummary | ConsentSummary | TextSummary | ComputedSummary
  | RankingSummary | SliderSummary | HiddenSummary;

/** The summary of every response to a survey, against its current definition. */
export type SurveySummary = {
  responses: number;
  /** UTC day of the first and the last response, null when there are none. */
  first: string | null;
  last: string | null;
  /** Responses per UTC day (`YYYY-MM-DD`, sorted; days without responses are left out). */
  over_time: Record<string, number>;
  /** By question id (and computed value id), in the order of the definition. */
  questions: Record<string, QuestionSummary>;
  /**
   * For a survey with `endings:`: responses per end screen shown, by its name (its `id`, or
   * `ending:<position>`: core/endings.ts `endingName`), every ending present in the survey's
   * order (0 when none yet), then any name stored that the survey no longer has. Responses
   * stored without an ending (before endings were recorded) are not counted here.
   */
  endings?: Record<string, number>;
};

/** One free-text answer, for the paginated list of texts. */
export type TextAnswer = { response_id: string; submitted_at: string; text: string };

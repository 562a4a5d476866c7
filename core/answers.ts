/**
 * Answer validation, shared by the page script (before submit) and the Worker (the
 * authority). Plain TypeScript rather than zod: each survey's answer shape is
 * dynamic, and the respondent's page must stay a few kilobytes.
 *
 * Rules: unknown keys are refused (a computed value's id too: only the Worker computes
 * it); hidden questions (skip logic) are never required and their answers are dropped;
 * a shown question's value must have its type's shape. A valid submission comes back
 * with its computed values (core/computed.ts) beside the answers.
 *
 * @example
 *   const r = validateAnswers(published, { satisfaction: 9 });
 *   if (!r.ok) r.errors.satisfaction // "Choose a rating from 1 to 5."
 *   validateAnswers(published, answers, stringsFor("de")) // the same checks, German messages
 */
import { computeValues } from "./computed.ts";
import { discardHidden, visibility, type LogicSurvey } from "./logic.ts";
import { isDay } from "./days.ts";
import { isEmailAddress } from "./email/address.ts";
import type { Question, QuestionOf } from "./model.ts";
import { enAnswers, type AnswerMessages } from "./i18n/en-script.ts";
import { format } from "./i18n/format.ts";
import { matchesPattern } from "./pattern.ts";
import { rankingProblem } from "./ranking.ts";
import { allQuestions, NONE_VALUE, optionValues, OTHER_SUFFIX, OTHER_VALUE } from "./survey.ts";

/** Messages by question id, `<id>_other`, or `_form` for problems with the submission as a whole. */
export type AnswerErrors = Record<string, string>;
/**
 * `answers` is what a client sends (and may send again); `computed`, present when the
 * survey has computed values, holds them for these answers (core/computed.ts): only the
 * Worker stores them, beside the answers.
 */
export type AnswerResult = { ok: true; answers: Record<string, unknown>; computed?: Record<string, number> } | { ok: false; errors: AnswerErrors };

/** Longest "other, please specify" text. */
export const OTHER_MAX_LENGTH = 500;

/** An empty string, array or object counts as not answered. */
export function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === "string") return v.trim() === "";
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === "object") return Object.keys(v).length === 0;
  return false;
}

/** The words of a `multiple` question's exclusive "None" choice: the author's, else the interface's in the page's language. */
export const noneLabel = (q: QuestionOf<"multiple">, m: Pick<AnswerMessages, "none"> = enAnswers) => q.none_label ?? m.none;

/** A slider's value: on its grid of `step` from `min`, within `min` and `max`. */
function checkSlider(q: QuestionOf<"slider">, v: unknown, m: AnswerMessages): string | undefined {
  const steps = typeof v === "number" ? (v - q.min) / q.step : NaN;
  if (!Number.isFinite(steps) || (v as number) < q.min || (v as number) > q.max || Math.abs(steps - Math.round(steps)) > 1e-9)
    return format(q.step === 1 ? m.slider : m.sliderSteps, { min: q.min, max: q.max, step: q.step });
  return undefined;
}

/** Whether a hidden field's value may be kept: one of its `choices`, matching its `pattern`, within `max_length`. */
function hiddenValueFits(q: QuestionOf<"hidden">, v: unknown): boolean {
  if (typeof v !== "string" || v.length > q.max_length) return false;
  if (q.choices) return q.choices.some((c) => c.value === v.trim());
  return q.pattern === undefined || matchesPattern(q.pattern, v.trim());
}

function checkNumber(q: QuestionOf<"number">, v: unknown, m: AnswerMessages): string | undefined {
  if (typeof v !== "number" || !Number.isFinite(v)) return m.enterNumber;
  if (q.min !== undefined && v < q.min) return format(m.numberAtLeast, { min: q.min });
  if (q.max !== undefined && v > q.max) return format(m.numberAtMost, { max: q.max });
  if (q.step !== undefined) {
    const steps = (v - (q.min ?? 0)) / q.step;
    if (Math.abs(steps - Math.round(steps)) > 1e-9) return q.step === 1 ? m.wholeNumber : format(m.numberSteps, { step: q.step });
  }
  return undefined;
}

function checkScale(v: unknown, low: number, high: number, m: AnswerMessages): string | undefined {
  return Number.isInteger(v) && (v as number) >= low && (v as number) <= high ? undefined : format(m.rating, { low, high });
}

/** The author's `pattern`, matched against the trimmed answer (what is stored), with the author's message. */
function checkPattern(q: QuestionOf<"text" | "textarea" | "email">, v: string, m: AnswerMessages): string | undefined {
  if (q.pattern === undefined || matchesPattern(q.pattern, v.trim())) return undefined;
  return q.message ?? m.checkFormat;
}

/** Why a shown, answered question's value is wrong, or undefined when it is fine. */
function checkValue(q: Question, v: unknown, m: AnswerMessages): string | undefined {
  switch (q.type) {
    case "single":
    case "dropdown":
      return typeof v === "string" && optionValues(q).includes(v) ? undefined : m.chooseOne;
    case "multiple": {
      const allowed = optionValues(q);
      if (!Array.isArray(v) || !v.every((x) => typeof x === "string" && allowed.includes(x))) return m.chooseGiven;
      if (new Set(v).size !== v.length) return m.chooseOnce;
      if (q.none && v.includes(NONE_VALUE) && v.length > 1) return format(m.noneAlone, { none: noneLabel(q, m) });
      if (q.none && v.includes(NONE_VALUE)) return undefined;
      if (q.min !== undefined && v.length < q.min) return format(m.chooseAtLeast, { min: q.min });
      if (q.max !== undefined && v.length > q.max) return format(m.chooseAtMost, { max: q.max });
      return undefined;
    }
    case "text":
    case "textarea":
      if (typeof v !== "string") return m.enterText;
      return v.length > q.max_length ? format(m.tooLong, { max: q.max_length, length: v.length }) : checkPattern(q, v, m);
    case "email":
      return typeof v === "string" && isEmailAddress(v.trim()) ? checkPattern(q, v, m) : m.enterEmail;
    case "number":
      return checkNumber(q, v, m);
    case "rating":
      return checkScale(v, 1, q.scale, m);
    case "nps":
      return checkScale(v, 0, 10, m);
    case "matrix": {
      if (typeof v !== "object" || v === null || Array.isArray(v)) return m.eachRow;
      const rows = q.rows.map((r) => r.value);
      const columns = q.columns.map((c) => c.value);
      for (const [row, col] of Object.entries(v)) {
        if (!rows.includes(row)) return format(m.notARow, { row });
        if (typeof col !== "string" || !columns.includes(col)) return format(m.rowOption, { row });
      }
      if (q.required && Object.keys(v).length < rows.length) return m.eachRow;
      return undefined;
    }
    case "yesno":
      return v === "yes" || v === "no" ? undefined : m.yesOrNo;
    case "date":
      if (typeof v !== "string" || !isDay(v)) return m.enterDate;
      if (q.min && v < q.min) return format(m.dateFrom, { min: q.min });
      if (q.max && v > q.max) return format(m.dateUntil, { max: q.max });
      return undefined;
    case "consent":
      return v === true ? undefined : m.consent;
    case "ranking":
      return rankingProblem(q, v, m);
    case "slider":
      return checkSlider(q, v, m);
    case "hidden":
      // Never shown: validateAnswers drops a hidden field's value it does not take.
      return hiddenValueFits(q, v) ? undefined : m.chooseGiven;
  }
}

/** One stored form per answer, however it was sent: trimmed text, selections in the order of the choices. */
function canonical(q: Question, v: unknown): unknown {
  if (typeof v === "string") return v.trim();
  if (q.type === "multiple" && Array.isArray(v)) {
    const order = optionValues(q);
    return [...v].sort((a, b) => order.indexOf(a as string) - order.indexOf(b as string));
  }
  return v;
}

function chosenOther(q: Question, v: unknown): boolean {
  if (!("other" in q) || !q.other) return false;
  return v === OTHER_VALUE || (Array.isArray(v) && v.includes(OTHER_VALUE));
}

/**
 * Validates one submission's answers against a survey; on success returns only what is kept.
 * `m` words the messages (core/i18n/strings.ts `stringsFor(language)`; English by default).
 */
export function validateAnswers(def: LogicSurvey, raw: Readonly<Record<string, unknown>>, m: AnswerMessages = enAnswers): AnswerResult {
  const questions = allQuestions(def.survey);
  const errors: AnswerErrors = {};
  const known = new Set<string>();
  for (const q of questions) {
    known.add(q.id);
    if ("other" in q && q.other) known.add(q.id + OTHER_SUFFIX);
  }
  const unknown = Object.keys(raw).filter((k) => !known.has(k));
  if (unknown.length) errors._form = format(unknown.length > 1 ? m.unknownFields : m.unknownField, { fields: unknown.slice(0, 5).join(", ") });

  const shown = visibility(def, raw).questions;
  const kept = discardHidden(questions, shown, raw);
  const answers: Record<string, unknown> = {};
  for (const q of questions) {
    if (!shown.has(q.id)) continue;
    const v = kept[q.id];
    if (isEmpty(v)) {
      if (q.required) errors[q.id] = q.type === "consent" ? m.consent : m.needsAnswer;
      continue;
    }
    const problem = checkValue(q, v, m);
    // A hidden field is filled from the page's URL, which the respondent neither sees nor can
    // correct: a value it does not take is dropped, never an error (README, hidden fields).
    if (problem && q.type === "hidden") continue;
    if (problem) { errors[q.id] = problem; continue; }
    answers[q.id] = canonical(q, v);
    if (chosenOther(q, v)) {
      const text = kept[q.id + OTHER_SUFFIX];
      if (typeof text !== "string" || text.trim() === "") errors[q.id + OTHER_SUFFIX] = m.otherMissing;
      else if (text.length > OTHER_MAX_LENGTH) errors[q.id + OTHER_SUFFIX] = format(m.otherTooLong, { max: OTHER_MAX_LENGTH });
      else answers[q.id + OTHER_SUFFIX] = text.trim();
    }
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return def.computed ? { ok: true, answers, computed: computeValues(def, answers) } : { ok: true, answers };
}

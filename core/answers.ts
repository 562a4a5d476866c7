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
 */
import { computeValues } from "./computed.ts";
import { discardHidden, visibility, type LogicSurvey } from "./logic.ts";
import { isDay } from "./days.ts";
import { isEmailAddress } from "./email/address.ts";
import type { Question, QuestionOf } from "./model.ts";
import { matchesPattern } from "./pattern.ts";
import { NONE_LABEL } from "./question-text.ts";
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

const choiceValues = optionValues;

/** The words of a `multiple` question's exclusive "None" choice. */
export const noneLabel = (q: QuestionOf<"multiple">) => q.none_label ?? NONE_LABEL;

/** A slider's value: on its grid of `step` from `min`, within `min` and `max`. */
function checkSlider(q: QuestionOf<"slider">, v: unknown): string | undefined {
  const steps = typeof v === "number" ? (v - q.min) / q.step : NaN;
  if (!Number.isFinite(steps) || (v as number) < q.min || (v as number) > q.max || Math.abs(steps - Math.round(steps)) > 1e-9)
    return `Choose a value from ${q.min} to ${q.max}${q.step === 1 ? "" : ` in steps of ${q.step}`}.`;
  return undefined;
}

/** Whether a hidden field's value may be kept: one of its `choices`, matching its `pattern`, within `max_length`. */
function hiddenValueFits(q: QuestionOf<"hidden">, v: unknown): boolean {
  if (typeof v !== "string" || v.length > q.max_length) return false;
  if (q.choices) return q.choices.some((c) => c.value === v.trim());
  return q.pattern === undefined || matchesPattern(q.pattern, v.trim());
}

function checkNumber(q: QuestionOf<"number">, v: unknown): string | undefined {
  if (typeof v !== "number" || !Number.isFinite(v)) return "Enter a number.";
  if (q.min !== undefined && v < q.min) return `Enter a number of at least ${q.min}.`;
  if (q.max !== undefined && v > q.max) return `Enter a number of at most ${q.max}.`;
  if (q.step !== undefined) {
    const steps = (v - (q.min ?? 0)) / q.step;
    if (Math.abs(steps - Math.round(steps)) > 1e-9) return q.step === 1 ? "Enter a whole number." : `Enter a number in steps of ${q.step}.`;
  }
  return undefined;
}

function checkScale(v: unknown, low: number, high: number): string | undefined {
  return Number.isInteger(v) && (v as number) >= low && (v as number) <= high ? undefined : `Choose a rating from ${low} to ${high}.`;
}

/** The author's `pattern`, matched against the trimmed answer (what is stored), with the author's message. */
function checkPattern(q: QuestionOf<"text" | "textarea" | "email">, v: string): string | undefined {
  if (q.pattern === undefined || matchesPattern(q.pattern, v.trim())) return undefined;
  return q.message ?? "Check the format of this answer.";
}

/** Why a shown, answered question's value is wrong, or undefined when it is fine. */
function checkValue(q: Question, v: unknown): string | undefined {
  switch (q.type) {
    case "single":
    case "dropdown":
      return typeof v === "string" && choiceValues(q).includes(v) ? undefined : "Choose one of the options.";
    case "multiple": {
      const allowed = choiceValues(q);
      if (!Array.isArray(v) || !v.every((x) => typeof x === "string" && allowed.includes(x))) return "Choose from the options given.";
      if (new Set(v).size !== v.length) return "Each option can be chosen once.";
      if (q.none && v.includes(NONE_VALUE) && v.length > 1) return `"${noneLabel(q)}" cannot be chosen together with other options.`;
      if (q.none && v.includes(NONE_VALUE)) return undefined;
      if (q.min !== undefined && v.length < q.min) return `Choose at least ${q.min}.`;
      if (q.max !== undefined && v.length > q.max) return `Choose at most ${q.max}.`;
      return undefined;
    }
    case "text":
    case "textarea":
      if (typeof v !== "string") return "Enter text.";
      return v.length > q.max_length ? `Keep it under ${q.max_length} characters (this is ${v.length}).` : checkPattern(q, v);
    case "email":
      return typeof v === "string" && isEmailAddress(v.trim()) ? checkPattern(q, v) : "Enter an email address like name@example.com.";
    case "number":
      return checkNumber(q, v);
    case "rating":
      return checkScale(v, 1, q.scale);
    case "nps":
      return checkScale(v, 0, 10);
    case "matrix": {
      if (typeof v !== "object" || v === null || Array.isArray(v)) return "Choose one option in each row.";
      const rows = q.rows.map((r) => r.value);
      const columns = q.columns.map((c) => c.value);
      for (const [row, col] of Object.entries(v)) {
        if (!rows.includes(row)) return `"${row}" is not a row of this question.`;
        if (typeof col !== "string" || !columns.includes(col)) return `Choose one of the options for "${row}".`;
      }
      if (q.required && Object.keys(v).length < rows.length) return "Choose one option in each row.";
      return undefined;
    }
    case "yesno":
      return v === "yes" || v === "no" ? undefined : "Choose yes or no.";
    case "date":
      if (typeof v !== "string" || !isDay(v)) return "Enter a date as YYYY-MM-DD.";
      if (q.min && v < q.min) return `Enter a date on or after ${q.min}.`;
      if (q.max && v > q.max) return `Enter a date on or before ${q.max}.`;
      return undefined;
    case "consent":
      return v === true ? undefined : "Tick the box to give your consent.";
    case "ranking":
      return rankingProblem(q, v);
    case "slider":
      return checkSlider(q, v);
    case "hidden":
      return hiddenValueFits(q, v) ? undefined : "This value is not one this field takes.";
  }
}

/** One stored form per answer, however it was sent: trimmed text, selections in the order of the choices. */
function canonical(q: Question, v: unknown): unknown {
  if (typeof v === "string") return v.trim();
  if (q.type === "multiple" && Array.isArray(v)) {
    const order = choiceValues(q);
    return [...v].sort((a, b) => order.indexOf(a as string) - order.indexOf(b as string));
  }
  return v;
}

function chosenOther(q: Question, v: unknown): boolean {
  if (!("other" in q) || !q.other) return false;
  return v === OTHER_VALUE || (Array.isArray(v) && v.includes(OTHER_VALUE));
}

/** Validates one submission's answers against a survey; on success returns only what is kept. */
export function validateAnswers(def: LogicSurvey, raw: Readonly<Record<string, unknown>>): AnswerResult {
  const questions = allQuestions(def.survey);
  const errors: AnswerErrors = {};
  const known = new Set<string>();
  for (const q of questions) {
    known.add(q.id);
    if ("other" in q && q.other) known.add(q.id + OTHER_SUFFIX);
  }
  const unknown = Object.keys(raw).filter((k) => !known.has(k));
  if (unknown.length) errors._form = `Unknown field${unknown.length > 1 ? "s" : ""}: ${unknown.slice(0, 5).join(", ")}. This survey has no such question.`;

  const shown = visibility(def, raw).questions;
  const kept = discardHidden(questions, shown, raw);
  const answers: Record<string, unknown> = {};
  for (const q of questions) {
    if (!shown.has(q.id)) continue;
    const v = kept[q.id];
    if (isEmpty(v)) {
      if (q.required) errors[q.id] = q.type === "consent" ? "Tick the box to give your consent." : "This question needs an answer.";
      continue;
    }
    const problem = checkValue(q, v);
    // A hidden field is filled from the page's URL, which the respondent neither sees nor can
    // correct: a value it does not take is dropped, never an error (README, hidden fields).
    if (problem && q.type === "hidden") continue;
    if (problem) { errors[q.id] = problem; continue; }
    answers[q.id] = canonical(q, v);
    if (chosenOther(q, v)) {
      const text = kept[q.id + OTHER_SUFFIX];
      if (typeof text !== "string" || text.trim() === "") errors[q.id + OTHER_SUFFIX] = "Please say what you mean by Other.";
      else if (text.length > OTHER_MAX_LENGTH) errors[q.id + OTHER_SUFFIX] = `Keep it under ${OTHER_MAX_LENGTH} characters.`;
      else answers[q.id + OTHER_SUFFIX] = text.trim();
    }
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return def.computed ? { ok: true, answers, computed: computeValues(def, answers) } : { ok: true, answers };
}

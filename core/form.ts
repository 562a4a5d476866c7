/**
 * Turns HTML form fields (what a browser posts with JavaScript off, or what the page
 * script reads from FormData) into the same typed answers a JSON submission carries.
 * Field names follow the form contract in README.md (HTTP API): repeated fields for multiple choice, `<id>.<row>` for
 * matrix rows, `<id>.<choice value>` holding a position (1 to n) for a ranking's choices (made
 * into the ranked list here when complete, core/ranking.ts), `<id>_other` for "other" text,
 * `_submission` for the submission id.
 *
 * Values that cannot be converted are passed through as strings so that the
 * validator, not this decoder, says what is wrong with them.
 *
 * @example
 *   decodeForm(published, [["satisfaction", "4"], ["tools", "App"], ["tools", "Phone"], ["grid.Speed", "Good"]])
 *   // { answers: { satisfaction: 4, tools: ["App", "Phone"], grid: { Speed: "Good" } }, control: {} }
 */
import type { LogicSurvey } from "./logic.ts";
import type { Question } from "./model.ts";
import { positionsToOrder } from "./ranking.ts";
import { allQuestions } from "./survey.ts";

/** Fields whose names start with `_` steer the submission and are not answers. */
export const CONTROL_FIELDS = ["_submission", "_t", "_lang"] as const;
export type ControlField = (typeof CONTROL_FIELDS)[number];

export type DecodedForm = {
  answers: Record<string, unknown>;
  /** `_submission` (client-generated id), `_t` (invitation token) and `_lang` (the page's language), when sent. */
  control: Partial<Record<ControlField, string>>;
};

function toNumber(s: string): number | string {
  const t = s.trim();
  return t !== "" && Number.isFinite(Number(t)) ? Number(t) : s;
}

function convert(q: Question, s: string): unknown {
  switch (q.type) {
    case "number":
    case "rating":
    case "nps":
    case "slider":
      return toNumber(s);
    case "consent":
      return ["true", "on", "yes", "1"].includes(s.trim().toLowerCase()) ? true : s;
    default:
      return s;
  }
}

/** Decodes form entries; empty fields are left out (an unanswered question). */
export function decodeForm(def: LogicSurvey, entries: Iterable<readonly [string, string]>): DecodedForm {
  const byId = new Map<string, Question>();
  for (const q of allQuestions(def.survey)) byId.set(q.id, q);
  // Without a prototype, a field named `__proto__` is an answer like any other, so the
  // validator refuses it as an unknown field instead of the assignment dropping it.
  const answers: Record<string, unknown> = Object.create(null);
  const control: DecodedForm["control"] = {};

  for (const [name, rawValue] of entries) {
    const value = String(rawValue);
    if ((CONTROL_FIELDS as readonly string[]).includes(name)) {
      if (value.trim() !== "") control[name as ControlField] = value.trim();
      continue;
    }
    if (value.trim() === "") continue;
    const dot = name.indexOf(".");
    const parent = dot > 0 ? byId.get(name.slice(0, dot)) : undefined;
    // `<id>.<value>` is a matrix row's column, or (ranking, JavaScript off) a choice's position.
    if (parent?.type === "matrix" || parent?.type === "ranking") {
      const cells = (answers[parent.id] ??= Object.create(null)) as Record<string, string>;
      cells[name.slice(dot + 1)] = value;
      continue;
    }
    const q = byId.get(name);
    if (q?.type === "multiple") {
      ((answers[name] ??= []) as string[]).push(value);
    } else if (q) {
      answers[name] = Object.hasOwn(answers, name) ? [answers[name], convert(q, value)] : convert(q, value);
    } else {
      answers[name] = value; // unknown or `<id>_other`: the validator decides
    }
  }
  for (const q of byId.values()) {
    const v = answers[q.id];
    if (q.type === "ranking" && typeof v === "object" && v !== null && !Array.isArray(v)) answers[q.id] = positionsToOrder(q, v as Record<string, unknown>);
  }
  return { answers, control };
}

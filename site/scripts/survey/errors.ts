/**
 * The validator's messages (core/answers.ts, or the Worker's 422 answer, which has the
 * same shape) next to their questions: each in the question's `<id>-error` slot, its
 * inputs marked `aria-invalid`, focus on the first problem (on its page), and a summary
 * in the status line for screen readers. A flagged question is checked again as it
 * changes (`recheck`): its message goes once its answer passes, and the summary goes
 * with the last message.
 *
 * @example
 *   if (!showErrors(result.errors, [current])) return; // stay on this page
 */
import { OTHER_SUFFIX } from "../../../core/survey.ts";
import { $, byId, current, inputs, questions, show, type Entry } from "./navigation.ts";
import { t } from "./strings.ts";

/** Whether the status line holds the summary (and not, say, a refused personal link's notice). */
let summarised = false;

const message = (q: Entry) => $(`${q.id}-error`).textContent;

/** Writes (or, with "", clears) the message of one question. */
export function setError(q: Entry, message: string): void {
  $(`${q.id}-error`).textContent = message;
  for (const i of inputs(q.el)) message ? i.setAttribute("aria-invalid", "true") : i.removeAttribute("aria-invalid");
}

/**
 * Shows the validator's messages for questions on `pages` (all when undefined) and
 * focuses the first; true when there is nothing to fix there.
 */
export function showErrors(errors: Record<string, string>, pages?: number[]): boolean {
  let first: { q: Entry; key: string } | undefined;
  for (const q of questions) {
    if (pages && !pages.includes(q.page)) continue;
    const key = errors[q.id] !== undefined ? q.id : q.id + OTHER_SUFFIX;
    setError(q, errors[key] ?? "");
    if (errors[key] !== undefined && !first) first = { q, key };
  }
  const general = Object.keys(errors).find((k) => !byId.has(k) && !byId.has(k.slice(0, -OTHER_SUFFIX.length)));
  summarised = !(general && !pages) && Boolean(first);
  $("survey-status").textContent = general && !pages ? errors[general]! : first ? t.seeMessages : "";
  if (first) {
    if (first.q.page !== current) show(first.q.page, false);
    const target = $(`f-${first.key}`) ?? inputs(first.q.el)[0];
    target?.focus();
  }
  return !first && !(general && !pages);
}

/**
 * After a change: each question showing a message gets the validator's verdict again
 * (`errors` for the answers as they now stand); one that skip logic hid loses its message.
 * A message never appears here: only Next and Send raise them, not typing.
 */
export function recheck(errors: Record<string, string>): void {
  for (const q of questions) {
    if (!message(q)) continue;
    setError(q, q.el.hidden ? "" : errors[q.id] ?? errors[q.id + OTHER_SUFFIX] ?? "");
  }
  if (summarised && !questions.some(message)) {
    summarised = false;
    $("survey-status").textContent = "";
  }
}

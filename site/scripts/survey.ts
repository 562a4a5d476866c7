/**
 * The survey page script: progressive enhancement of the plain HTML form in
 * site/components/SurveyForm.astro. Without it the form still posts; with it the
 * respondent gets one page at a time, live skip logic, checks before moving on,
 * answers that survive a reload, and a JSON submission that can be retried safely
 * (the same submission id is resent, so the Worker stores it once).
 *
 * Skip logic and validation are core/logic.ts and core/answers.ts, the very code the
 * Worker runs; no zod and no framework, so the page stays within its weight budget.
 * The parts: survey/navigation.ts (pages, buttons, progress), survey/storage.ts (what
 * survives a reload), survey/errors.ts (messages next to questions); this module wires
 * them to the form's events and sends the answers. What only some surveys need
 * (randomised order, sliders, rankings…) are separate scripts that register themselves
 * in survey/parts.ts, loaded only by pages that have such questions.
 */
import type { ProblemBody } from "../../core/api/problem.ts";
import type { SubmissionAnswer, SubmissionBody } from "../../core/api/responses.ts";
import { validateAnswers } from "../../core/answers.ts";
import { decodeForm } from "../../core/form.ts";
import type { LogicSurvey } from "../../core/logic.ts";
import type { PipeSource } from "../../core/piping.ts";
import { OTHER_SUFFIX, OTHER_VALUE } from "../../core/survey.ts";
import { invitationToken, openPersonalLink, spendToken, takeToken } from "./personal-link.ts";
import { fillAnswers, keepPipedAnswers, pipedTexts } from "./pipes.ts";
import { recheck, showErrors } from "./survey/errors.ts";
import { $, applyLogic, current, show, shown, startNavigation } from "./survey/navigation.ts";
import { readSession, writeSession } from "./session.ts";
import { formFields, restoreFields, saveProgress, uuid, type Saved } from "./survey/storage.ts";
import { parts } from "./survey/parts.ts";
import { t } from "./survey/strings.ts";
import { format } from "../../core/i18n/format.ts";

type Definition = LogicSurvey & { id: string; hash: string; pipes?: Record<string, PipeSource> };

// One survey form per page: what the handlers below share is set once by `enhance`.
let def: Definition;
let form: HTMLFormElement;
let submission: HTMLInputElement;
let key: string;
let sending = false;
const status = $("survey-status");
const answers = () => decodeForm(def, formFields(form)).answers;
const save = () => saveProgress(key, form, current, submission.value);
/** `{{q:id}}` spans show the answers as they stand (hidden questions' inputs are disabled, so never piped). */
const pipe = () => fillAnswers(pipedTexts(answers(), def.pipes));

const found = $<HTMLFormElement>("survey-form");
const json = $("canvass-survey");
if (found && json) enhance(found, JSON.parse(json.textContent!) as Definition);
// The Worker put the "already answered" notice in the form's place: the spent token still leaves the address bar.
else takeToken();

function enhance(surveyForm: HTMLFormElement, definition: Definition) {
  form = surveyForm;
  def = definition;
  key = `canvass:${def.id}:${def.hash}`;
  submission = form.elements.namedItem("_submission") as HTMLInputElement;
  startNavigation(form, def, answers);
  parts.order?.applyOrder(form, def, key);
  // Restore this tab's unfinished answers (they may be for a page that has moved on).
  const saved = readSession<Saved>(key);
  restoreFields(form, saved);
  parts.controls?.(form);
  parts.rankings?.(form);
  submission.value = saved.s ?? uuid();
  form.noValidate = true;
  applyLogic();
  pipe();
  show(shown.includes(saved.p ?? -1) ? saved.p! : shown[0] ?? 0, false);
  save();

  form.addEventListener("input", edited);
  $("survey-next").addEventListener("click", () => move(1));
  $("survey-back").addEventListener("click", () => move(-1));
  form.addEventListener("submit", send);
  void openPersonalLink(def.id, form, (message) => (status.textContent = message));
}

/** After each change: skip logic again, the messages shown checked again, progress saved. */
function edited(e: Event) {
  const el = e.target as HTMLInputElement;
  // Typing an "other" text picks "Other" for the respondent.
  if (el.classList.contains("other") && el.value) {
    const name = el.name.slice(0, -OTHER_SUFFIX.length);
    const choice = form.elements.namedItem(name);
    if (choice instanceof HTMLSelectElement) choice.value = OTHER_VALUE;
    else form.querySelector<HTMLInputElement>(`[name="${name}"][value="${OTHER_VALUE}"]`)!.checked = true;
  }
  applyLogic();
  pipe();
  const result = validateAnswers(def, answers(), t);
  recheck(result.ok ? {} : result.errors);
  show(current, false);
  save();
}

/** Back, or Next once this page's answers pass. */
function move(step: 1 | -1) {
  const result = validateAnswers(def, answers(), t);
  if (step > 0 && !result.ok && !showErrors(result.errors, [current])) return;
  const target = shown[shown.indexOf(current) + step];
  if (target === undefined) return;
  status.textContent = "";
  show(target, true);
  save();
}

/** Sends the answers as JSON, once at a time; the same submission id on every retry. */
async function send(event: SubmitEvent) {
  event.preventDefault();
  if (sending) return;
  applyLogic();
  // Enter in a text field submits the form from any page: there it means "Next".
  if (current !== shown.at(-1)) return move(1);
  const result = validateAnswers(def, answers(), t);
  if (!result.ok) return void showErrors(result.errors);
  const submit = $<HTMLButtonElement>("survey-submit");
  sending = true;
  submit.disabled = true;
  status.textContent = t.sending;
  try {
    const res = await fetch(form.action, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ submission_id: submission.value, answers: result.answers, token: invitationToken(def.id), order: parts.order?.presentation(), language: (form.elements.namedItem("_lang") as HTMLInputElement | null)?.value } satisfies SubmissionBody),
    });
    if (res.ok) {
      // The Worker chose the end screen (core/endings.ts); the texts it pipes are kept for it.
      const done = (await res.json().catch(() => ({}))) as Partial<SubmissionAnswer>;
      keepPipedAnswers(def.id, pipedTexts(result.answers, def.pipes));
      writeSession(key, null);
      parts.order?.forgetOrder(key);
      spendToken(def.id);
      // The Worker names the end screen in the page's language (or the redirect); the form's own thank-you page otherwise.
      location.assign(done.redirect ?? done.ending ?? form.dataset.thanks ?? `/s/${def.id}/thanks/`);
      return;
    }
    const body = (await res.json().catch(() => ({}))) as Partial<ProblemBody>;
    if (res.status === 422 && body.errors) showErrors(body.errors);
    if (body.error || res.status !== 422) status.textContent = body.error ?? format(t.failed, { status: res.status });
  } catch {
    status.textContent = t.offline;
  } finally {
    sending = false;
    submit.disabled = false;
  }
}

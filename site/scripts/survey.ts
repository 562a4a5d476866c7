/**
 * The survey page script: progressive enhancement of the plain HTML form in
 * site/components/SurveyForm.astro. Without it the form still posts; with it the
 * respondent gets one page at a time, live skip logic, checks before moving on,
 * answers that survive a reload, and a JSON submission that can be retried safely
 * (the same submission id is resent, so the Worker stores it once).
 *
 * Skip logic and validation are core/logic.ts and core/answers.ts, the very code the
 * Worker runs; no zod and no framework, so the page stays within its weight budget.
 */
import { validateAnswers } from "../../core/answers.ts";
import { decodeForm } from "../../core/form.ts";
import { visibility, type LogicSurvey } from "../../core/logic.ts";
import { OTHER_SUFFIX, OTHER_VALUE } from "../../core/model.ts";
import { invitationToken, openPersonalLink, spendToken } from "./personal-link.ts";

type Definition = LogicSurvey & { id: string; hash: string };
/** What sessionStorage keeps for this tab: fields, current page, submission id. */
type Saved = { f?: [string, string][]; p?: number; s?: string };
type Entry = { id: string; page: number; el: HTMLElement };

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>("survey-form");
const json = $("canvass-survey");
if (form && json) enhance(form, JSON.parse(json.textContent!) as Definition);

function uuid(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  // Pages served over plain http (a LAN preview) have no randomUUID; build a v4 by hand.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 15) | 64;
  b[8] = (b[8]! & 63) | 128;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function enhance(form: HTMLFormElement, def: Definition) {
  const key = `canvass:${def.id}:${def.hash}`;
  const sections = [...form.querySelectorAll<HTMLElement>("section.page")];
  const questions: Entry[] = def.survey.pages.flatMap((p, page) => p.questions.map((q) => ({ id: q.id, page, el: $(`q-${q.id}`) })));
  const byId = new Map(questions.map((q) => [q.id, q]));
  const back = $<HTMLButtonElement>("survey-back");
  const next = $<HTMLButtonElement>("survey-next");
  const submit = $<HTMLButtonElement>("survey-submit");
  const status = $("survey-status");
  const progress = $("survey-progress");
  const bar = $<HTMLProgressElement>("survey-progress-bar");
  const submission = form.elements.namedItem("_submission") as HTMLInputElement;
  const inputs = (el: Element) => el.querySelectorAll<HTMLInputElement>("input,select,textarea");

  // Storage can be missing or full (private modes, quotas): the form must work regardless.
  const read = (): Saved => { try { return JSON.parse(sessionStorage.getItem(key) ?? "{}") as Saved; } catch { return {}; } };
  const write = (v: Saved | null) => { try { v ? sessionStorage.setItem(key, JSON.stringify(v)) : sessionStorage.removeItem(key); } catch { /* keep going */ } };

  const fields = () => [...new FormData(form)].map(([k, v]) => [k, String(v)] as [string, string]);
  const answers = () => decodeForm(def, fields()).answers;

  let current = 0;
  let shownPages: number[] = [];
  let sending = false;

  /** Hides and disables what skip logic hides, so those answers are never sent. */
  function applyLogic() {
    // Showing a question enables its inputs, which can show the next one: repeat until stable.
    for (let round = 0; round < 20; round++) {
      const v = visibility(def, answers());
      let changed = false;
      for (const q of questions) {
        const off = !v.pages.has(q.page) || !v.questions.has(q.id);
        if (q.el.hidden === off) continue;
        changed = true;
        q.el.hidden = off;
        for (const i of inputs(q.el)) i.disabled = off;
      }
      shownPages = sections.map((_, i) => i).filter((i) => v.pages.has(i));
      if (!changed) break;
    }
  }

  function show(page: number, focus: boolean) {
    current = page;
    sections.forEach((s, i) => (s.hidden = i !== page));
    const at = shownPages.indexOf(page);
    const last = at === shownPages.length - 1;
    back.hidden = at <= 0;
    next.hidden = last;
    submit.hidden = !last;
    progress.hidden = shownPages.length < 2;
    bar.max = shownPages.length;
    bar.value = at + 1;
    $("survey-progress-label").textContent = `Page ${at + 1} of ${shownPages.length}`;
    if (focus) {
      // Move focus (and so screen readers) to the new page's heading.
      const target = sections[page]!.querySelector("h2") ?? sections[page]!;
      target.tabIndex = -1;
      target.focus();
    }
  }

  function save() {
    write({ f: fields().filter(([k]) => k !== "_submission"), p: current, s: submission.value });
  }

  function setError(q: Entry, message: string) {
    $(`${q.id}-error`).textContent = message;
    for (const i of inputs(q.el)) message ? i.setAttribute("aria-invalid", "true") : i.removeAttribute("aria-invalid");
  }

  /**
   * Shows the validator's messages for questions on `pages` (all when undefined) and
   * focuses the first; true when there is nothing to fix there.
   */
  function check(errors: Record<string, string>, pages?: number[]): boolean {
    let first: { q: Entry; key: string } | undefined;
    for (const q of questions) {
      if (pages && !pages.includes(q.page)) continue;
      const key = errors[q.id] !== undefined ? q.id : q.id + OTHER_SUFFIX;
      setError(q, errors[key] ?? "");
      if (errors[key] !== undefined && !first) first = { q, key };
    }
    const general = Object.keys(errors).find((k) => !byId.has(k) && !byId.has(k.slice(0, -OTHER_SUFFIX.length)));
    status.textContent = general && !pages ? errors[general]! : first ? "Some answers need another look: see the messages next to them." : "";
    if (first) {
      if (first.q.page !== current) show(first.q.page, false);
      const target = $(`f-${first.key}`) ?? inputs(first.q.el)[0];
      target?.focus();
    }
    return !first && !(general && !pages);
  }

  function move(step: 1 | -1) {
    const result = validateAnswers(def, answers());
    if (step > 0 && !result.ok && !check(result.errors, [current])) return;
    const target = shownPages[shownPages.indexOf(current) + step];
    if (target === undefined) return;
    status.textContent = "";
    show(target, true);
    save();
  }

  async function send(event: SubmitEvent) {
    event.preventDefault();
    if (sending) return;
    applyLogic();
    // Enter in a text field submits the form from any page: there it means "Next".
    if (current !== shownPages.at(-1)) return move(1);
    const result = validateAnswers(def, answers());
    if (!result.ok) return void check(result.errors);
    sending = true;
    submit.disabled = true;
    status.textContent = "Sending your answers…";
    try {
      const res = await fetch(form.action, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ submission_id: submission.value, answers: result.answers, token: invitationToken(def.id) }),
      });
      if (res.ok) {
        write(null);
        spendToken(def.id);
        location.assign(`/s/${def.id}/thanks/`);
        return;
      }
      const body = (await res.json().catch(() => ({}))) as { error?: string; errors?: Record<string, string> };
      if (res.status === 422 && body.errors) check(body.errors);
      if (body.error || res.status !== 422) status.textContent = body.error ?? `Sorry, something went wrong (${res.status}). Please try again.`;
    } catch {
      status.textContent = "Your answers could not be sent: the connection seems to be down. They are kept on this page; please try again when you are back online.";
    } finally {
      sending = false;
      submit.disabled = false;
    }
  }

  // Restore this tab's unfinished answers (they may be for a page that has moved on).
  const saved = read();
  const values = new Map<string, string[]>();
  for (const [k, v] of saved.f ?? []) values.set(k, [...(values.get(k) ?? []), v]);
  for (const el of form.querySelectorAll<HTMLInputElement>("[name]")) {
    const v = values.get(el.name);
    if (!v || el.type === "hidden") continue;
    if (el.type === "radio" || el.type === "checkbox") el.checked = v.includes(el.value);
    else el.value = v[0]!;
  }
  submission.value = saved.s ?? uuid();
  form.noValidate = true;
  applyLogic();
  show(shownPages.includes(saved.p ?? -1) ? saved.p! : shownPages[0] ?? 0, false);
  save();

  form.addEventListener("input", (e) => {
    const el = e.target as HTMLInputElement;
    // Typing an "other" text picks "Other" for the respondent.
    if (el.classList.contains("other") && el.value) {
      const name = el.name.slice(0, -OTHER_SUFFIX.length);
      const choice = form.elements.namedItem(name);
      if (choice instanceof HTMLSelectElement) choice.value = OTHER_VALUE;
      else form.querySelector<HTMLInputElement>(`[name="${name}"][value="${OTHER_VALUE}"]`)!.checked = true;
    }
    const q = byId.get(el.closest<HTMLElement>(".q")?.dataset.q ?? "");
    if (q) setError(q, "");
    applyLogic();
    show(current, false);
    save();
  });
  next.addEventListener("click", () => move(1));
  back.addEventListener("click", () => move(-1));
  form.addEventListener("submit", send);
  void openPersonalLink(def.id, (message) => (status.textContent = message));
}

/**
 * One page at a time: which pages and questions skip logic shows (core/logic.ts, the
 * code the Worker runs on submit), which page is on screen, the Back, Next and Send
 * buttons and the progress bar. A hidden question's inputs are disabled as well, so
 * the browser never sends its answer.
 *
 * Progress counts every page of the survey, shown or not: "Page 2 of 4" stays "of 4" when a
 * conditional page appears or goes, a skipped page counts as done (the bar jumps past it),
 * and the last page shown fills the bar.
 *
 * A page holds one survey form, so this module keeps its state at module level
 * (`current`, `shown`, read by the other modules as live bindings): in the bundle that
 * costs nothing, where an object of state would ship every property name.
 *
 * @example
 *   startNavigation(form, def, answers);
 *   applyLogic();
 *   show(shown[0] ?? 0, false);
 */
import { visibility, type LogicSurvey } from "../../../core/logic.ts";
import { format } from "../../../core/i18n/format.ts";
import { pageQuestions } from "../../../core/survey.ts";
import { t } from "./strings.ts";

/** A question on the page: its id, the index of its page and its element (`q-<id>`). */
export type Entry = { id: string; page: number; el: HTMLElement };

export const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
export const inputs = (el: Element) => el.querySelectorAll<HTMLInputElement>("input,select,textarea");

let def: LogicSurvey;
let answers: () => Record<string, unknown>;
// Set once by startNavigation, before anything else here runs.
let sections: HTMLElement[];
/** Every question, in order. */
export let questions: Entry[];
export let byId: Map<string, Entry>;
/** The index of the page on screen. */
export let current = 0;
/** Indexes of the pages skip logic shows, in order. */
export let shown: number[] = [];

/** Takes the form's pages and questions; `read` gives the answers as they stand. */
export function startNavigation(form: HTMLFormElement, survey: LogicSurvey, read: () => Record<string, unknown>): void {
  def = survey;
  answers = read;
  sections = [...form.querySelectorAll<HTMLElement>("section.page")];
  questions = def.survey.pages.flatMap((p, page) => pageQuestions(p).map((q) => ({ id: q.id, page, el: $(`q-${q.id}`) })));
  byId = new Map(questions.map((q) => [q.id, q]));
}

/** Hides and disables what skip logic hides, so those answers are never sent. */
export function applyLogic(): void {
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
    shown = sections.map((_, i) => i).filter((i) => v.pages.has(i));
    if (!changed) break;
  }
}


/** Puts `page` on screen; `focus` moves focus (and so screen readers) to its heading. */
export function show(page: number, focus: boolean): void {
  current = page;
  sections.forEach((s, i) => (s.hidden = i !== page));
  const at = shown.indexOf(page);
  const last = at === shown.length - 1;
  $("survey-back").hidden = at <= 0;
  $("survey-next").hidden = last;
  $("survey-submit").hidden = !last;
  $("survey-progress").hidden = sections.length < 2;
  const bar = $<HTMLProgressElement>("survey-progress-bar");
  bar.max = sections.length;
  bar.value = last ? sections.length : page + 1;
  $("survey-progress-label").textContent = format(t.progress, { page: page + 1, pages: sections.length });
  if (focus) {
    const target = sections[page]!.querySelector("h2") ?? sections[page]!;
    target.tabIndex = -1;
    target.focus();
  }
}

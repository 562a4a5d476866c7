/**
 * The pop-up itself, loaded by `/embed.js` (site/embed/loader.ts) only when it is about
 * to show: `/_canvass/embed/<id>.js` is this bundle wrapped by build/embed.ts in a
 * function whose parameter `CANVASS_SURVEY` is that survey (core/intercept.ts `PopupSurvey`).
 *
 * An accessible dialog in a Shadow DOM, not an iframe: labelled by the survey's title,
 * focus moves in when it opens and back where it was when it closes, Escape or the close
 * button dismiss it (remembered, site/embed/memory.ts), every question is a native control
 * usable by keyboard and screen reader. Styles are isolated both ways: the host's rules
 * cannot select anything inside the shadow root, `all: initial` stops what would be
 * inherited, and ours cannot select the host's elements. Sizes are in px, never rem,
 * which would follow the host's root font size. Skip logic and answer checks are core's
 * (core/logic.ts, core/answers.ts); the answers go to `POST /api/responses/<id>` as JSON,
 * allowed from this host's origin by the survey's `intercept.origins` (CORS), with the
 * pop-up's language. Canvass's own words (buttons, Yes/No, messages) come with the survey, in
 * its language (`words`, build/embed.ts), so the bundle holds no table of its own.
 * What the survey randomises (`randomize: true` on a question's choices or on a page) is
 * shuffled each time the pop-up opens, as the survey page does (core/randomize.ts: "Other" and
 * "None" stay last), and the order shown goes with the answers for the Worker to check and store.
 */
import { validateAnswers, type AnswerErrors } from "../../core/answers.ts";
import { decodeForm } from "../../core/form.ts";
import type { PopupSurvey } from "../../core/intercept.ts";
import { visibility } from "../../core/logic.ts";
import type { Question } from "../../core/model.ts";
import { orderPageKey, shuffle, shuffledSets, type Presentation } from "../../core/randomize.ts";
import { isQuestion, NONE_VALUE, OTHER_SUFFIX, OTHER_VALUE } from "../../core/survey.ts";
import { remember } from "./memory.ts";

declare const CANVASS_SURVEY: PopupSurvey;

const CSS = `:host{all:initial!important;display:contents!important}
.box{all:initial;position:fixed;z-index:2147483647;inset-block-end:16px;inset-inline-end:16px;box-sizing:border-box;width:min(360px,calc(100vw - 32px));max-height:calc(100vh - 32px);overflow:auto;padding:20px;background:#fff;color:#1b1b1b;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;text-align:start;border:1px solid #8a8a8a;border-radius:12px;box-shadow:0 8px 28px rgba(0,0,0,.25)}
.box *{box-sizing:border-box;font:inherit;color:inherit}
h2{font-size:18px;font-weight:700;margin:0;margin-inline-end:32px;margin-block-end:8px}
p{margin:0 0 8px}
fieldset{border:0;margin:0 0 14px;padding:0;min-width:0}
legend,.lbl{display:block;font-weight:600;margin:0 0 6px;padding:0}
label{display:flex;gap:8px;align-items:center;margin:0 0 4px;cursor:pointer}
.scale{display:flex;flex-wrap:wrap;gap:4px}.scale label{flex-direction:column;gap:0;min-width:28px;font-size:14px}
input[type=text],input[type=email],input[type=number],input[type=date],select,textarea{display:block;width:100%;padding:8px;border:1px solid #6b6b6b;border-radius:6px;background:#fff}
.q{margin:0 0 14px}.hint{font-size:14px;color:#4a4a4a}
.err{color:#b42318;font-size:14px;font-weight:600}.err:empty{display:none}
button{cursor:pointer;border-radius:6px;border:1px solid #1a56db}
.send{background:#1a56db;color:#fff;padding:8px 18px;font-weight:600}
.x{position:absolute;top:12px;inset-inline-end:12px;width:32px;height:32px;background:#fff;color:#1b1b1b;border-color:#8a8a8a;font-size:20px;line-height:1}
:focus-visible{outline:3px solid #1a56db;outline-offset:2px}
[hidden]{display:none!important}`;

type Attrs = Record<string, string | boolean | undefined>;

/** An element with attributes (`false`/undefined left out) and children; `html` sets author markup rendered by the build. */
function h(tag: string, attrs: Attrs = {}, ...children: (Node | string)[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === "html") el.innerHTML = v as string;
    else el.setAttribute(k, v === true ? "" : v);
  }
  el.append(...children);
  return el;
}

const def = CANVASS_SURVEY;
const w = def.words;
/** This showing's order of every set the survey shuffles, by its `order` key. */
const order: Presentation = Object.fromEntries([...shuffledSets(def.survey)].map(([key, set]) => [key, shuffle(set)]));

/** `items` in the order `wanted` lists their keys; as written for a set that is not shuffled. */
const ordered = <T>(items: readonly T[], key: (item: T) => string, wanted: readonly string[] | undefined): readonly T[] =>
  wanted ? [...items].sort((a, b) => wanted.indexOf(key(a)) - wanted.indexOf(key(b))) : items;
const errId = (key: string) => `e-${key}`;
const errorLine = (key: string) => h("p", { class: "err", id: errId(key) });

/** The words of a question's "Other" choice: the author's, else Canvass's. */
const otherLabel = (q: Question) => ("other_label" in q && q.other_label) || w.other;

/** The options of a choice-like question as [value, label] pairs ("Other", then an exclusive "None", last). */
function options(q: Question): [string, string][] {
  if ("choices" in q && q.choices)
    return [
      ...ordered(q.choices, (c) => c.value, order[q.id]).map((c): [string, string] => [c.value, c.label]),
      ...("other" in q && q.other ? [[OTHER_VALUE, otherLabel(q)] as [string, string]] : []),
      ...(q.type === "multiple" && q.none ? [[NONE_VALUE, q.none_label ?? w.none] as [string, string]] : []),
    ];
  if (q.type === "yesno") return [["yes", w.yes], ["no", w.no]];
  if (q.type === "rating" || q.type === "nps") {
    const low = q.type === "rating" ? 1 : 0;
    const high = q.type === "rating" ? q.scale : 10;
    return Array.from({ length: high - low + 1 }, (_, i) => [String(low + i), String(low + i)]);
  }
  return [];
}

function group(q: Question, described: string): HTMLElement {
  const type = q.type === "multiple" ? "checkbox" : "radio";
  const box = h("fieldset", { class: "q", "data-q": q.id, "aria-describedby": described }, h("legend", { html: q.label }));
  const scaled = q.type === "rating" || q.type === "nps";
  if (scaled && (q.low_label || q.high_label)) box.append(h("p", { class: "hint" }, `${options(q)[0]![0]}: ${q.low_label ?? ""} · ${options(q).at(-1)![0]}: ${q.high_label ?? ""}`));
  const list = h("div", { class: scaled ? "scale" : "opts" });
  for (const [value, label] of options(q)) list.append(h("label", {}, h("input", { type, name: q.id, value }), label));
  if ("other" in q && q.other) list.append(h("input", { type: "text", name: q.id + OTHER_SUFFIX, "aria-label": otherLabel(q), "aria-describedby": errId(q.id + OTHER_SUFFIX) }), errorLine(q.id + OTHER_SUFFIX));
  box.append(list);
  return box;
}

function matrix(q: Extract<Question, { type: "matrix" }>, described: string): HTMLElement {
  const box = h("fieldset", { class: "q", "data-q": q.id, "aria-describedby": described }, h("legend", { html: q.label }));
  for (const row of q.rows) {
    const set = h("fieldset", {}, h("legend", {}, row.label));
    for (const col of q.columns) set.append(h("label", {}, h("input", { type: "radio", name: `${q.id}.${row.value}`, value: col.value }), col.label));
    box.append(set);
  }
  return box;
}

const INPUT_TYPES: Partial<Record<Question["type"], string>> = { text: "text", email: "email", number: "number", date: "date" };

function single(q: Question, described: string): HTMLElement {
  const id = `f-${q.id}`;
  const wrap = h("div", { class: "q", "data-q": q.id });
  if (q.type === "consent") {
    wrap.append(h("label", {}, h("input", { type: "checkbox", id, name: q.id, value: "true", "aria-describedby": described }), h("span", { html: q.label })));
    return wrap;
  }
  let field: HTMLElement;
  if (q.type === "textarea") field = h("textarea", { id, name: q.id, rows: "3", maxlength: String(q.max_length) });
  else if (q.type === "dropdown") field = h("select", { id, name: q.id }, h("option", { value: "" }, q.placeholder ?? w.choose), ...ordered(q.choices, (c) => c.value, order[q.id]).map((c) => h("option", { value: c.value }, c.label)), ...(q.other ? [h("option", { value: OTHER_VALUE }, q.other_label ?? w.otherShort)] : []));
  else field = h("input", { id, name: q.id, type: INPUT_TYPES[q.type] ?? "text", step: q.type === "number" ? String(q.step ?? "any") : undefined });
  field.setAttribute("aria-describedby", described);
  wrap.append(h("label", { class: "lbl", for: id, html: q.label }), field);
  if (q.type === "dropdown" && q.other) wrap.append(h("input", { type: "text", name: q.id + OTHER_SUFFIX, "aria-label": otherLabel(q), "aria-describedby": errId(q.id + OTHER_SUFFIX) }), errorLine(q.id + OTHER_SUFFIX));
  return wrap;
}

function question(q: Question): HTMLElement {
  const described = [q.help ? `h-${q.id}` : "", errId(q.id)].filter(Boolean).join(" ");
  const el = q.type === "matrix" ? matrix(q, described) : options(q).length && q.type !== "dropdown" ? group(q, described) : single(q, described);
  if (q.required) el.querySelector("legend, .lbl, label span")?.append(h("span", { class: "hint" }, ` (${w.required})`));
  if (q.help) el.append(h("div", { class: "hint", id: `h-${q.id}`, html: q.help }));
  el.append(errorLine(q.id));
  return el;
}

/** The answers in the form, decoded as the survey page decodes them (core/form.ts). */
const answersOf = (form: HTMLFormElement) => decodeForm(def, [...new FormData(form)].map(([k, v]): [string, string] => [k, String(v)])).answers;

function showErrors(root: ShadowRoot, errors: AnswerErrors): void {
  for (const el of root.querySelectorAll(".err")) el.textContent = "";
  for (const [key, message] of Object.entries(errors)) {
    const line = root.getElementById(errId(key)) ?? root.getElementById(errId("_form"));
    if (line) line.textContent = message;
  }
  const first = Object.keys(errors).find((k) => k !== "_form");
  const target = first ? root.querySelector<HTMLElement>(`[name="${CSS_ESCAPE(first)}"], [name^="${CSS_ESCAPE(first)}."]`) : null;
  (target ?? root.getElementById(errId("_form")))?.focus();
}
const CSS_ESCAPE = (s: string) => s.replace(/["\\]/g, "\\$&");

function open(): void {
  if (document.querySelector(`canvass-popup[data-survey="${CSS_ESCAPE(def.id)}"]`)) return;
  const returnTo = document.activeElement;
  const host = h("canvass-popup", { "data-survey": def.id });
  const root = host.attachShadow({ mode: "open" });
  const submissionId = crypto.randomUUID();
  let answered = false;

  const form = h("form", { novalidate: true }) as HTMLFormElement;
  def.survey.pages.forEach((page, i) => {
    const section = h("div", { "data-page": String(i) }, ...(page.title ? [h("p", { class: "lbl" }, page.title)] : []));
    for (const q of ordered(page.questions.filter(isQuestion), (q) => q.id, order[orderPageKey(i)])) section.append(question(q));
    form.append(section);
  });
  const formError = h("p", { class: "err", id: errId("_form"), tabindex: "-1", role: "alert" });
  form.append(formError, h("button", { type: "submit", class: "send" }, w.submit));

  const box = h("div", { class: "box", role: "dialog", "aria-labelledby": "t", "aria-describedby": def.descriptionHtml ? "d" : undefined, lang: def.language, dir: def.dir, tabindex: "-1" },
    h("h2", { id: "t" }, def.title), ...(def.descriptionHtml ? [h("div", { id: "d", html: def.descriptionHtml })] : []), form,
    h("button", { type: "button", class: "x", "aria-label": w.close }, "×"));

  const close = () => {
    if (!answered) remember(def.id, "dismissed");
    host.remove();
    if (returnTo instanceof HTMLElement && returnTo.isConnected) returnTo.focus();
  };
  const refresh = () => {
    const shown = visibility(def, answersOf(form));
    for (const el of form.querySelectorAll<HTMLElement>("[data-q]")) el.hidden = !shown.questions.has(el.dataset.q!);
    for (const el of form.querySelectorAll<HTMLElement>("[data-page]")) el.hidden = !shown.pages.has(Number(el.dataset.page));
  };
  // `ending`: the path of the end screen the Worker chose (core/endings.ts), shown when the survey has endings.
  const thank = (ending = "") => {
    answered = true;
    remember(def.id, "answered");
    const chosen = def.endingsHtml && Object.hasOwn(def.endingsHtml, ending) ? def.endingsHtml[ending] : "";
    const thanks = h("div", { role: "status", tabindex: "-1", html: chosen || def.thanksHtml || `<p>${w.thanksDefault}</p>` });
    form.replaceWith(thanks);
    thanks.focus();
  };
  const send = async () => {
    const checked = validateAnswers(def, answersOf(form), w);
    if (!checked.ok) return showErrors(root, checked.errors);
    formError.textContent = w.sending;
    try {
      const res = await fetch(new URL(`/api/responses/${def.id}`, BASE), {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ submission_id: submissionId, answers: checked.answers, language: def.language, ...(Object.keys(order).length ? { order } : {}) }),
      });
      if (res.ok) return thank(((await res.json().catch(() => ({}))) as { ending?: string }).ending);
      const body = (await res.json().catch(() => ({}))) as { error?: string; errors?: AnswerErrors };
      showErrors(root, { ...body.errors, _form: body.error ?? w.popupFailed });
    } catch {
      showErrors(root, { _form: w.popupOffline });
    }
  };

  // "None" stays exclusive, as on the survey page (site/scripts/survey/controls.ts): ticking it clears the others, and another clears it.
  form.addEventListener("change", (e) => {
    const el = e.target as HTMLInputElement;
    if (el.type !== "checkbox" || !el.checked) return;
    for (const box of form.querySelectorAll<HTMLInputElement>(`input[type=checkbox][name="${el.name}"]`)) if ((box.value === NONE_VALUE) !== (el.value === NONE_VALUE)) box.checked = false;
  });
  form.addEventListener("input", refresh);
  form.addEventListener("submit", (e) => { e.preventDefault(); void send(); });
  box.querySelector(".x")!.addEventListener("click", close);
  box.addEventListener("keydown", (e) => { if (e.key === "Escape") { e.stopPropagation(); close(); } });
  root.append(h("style", {}, CSS), box);
  refresh();
  document.body.append(host);
  box.focus();
}

/** The Canvass site: where this script came from, and where the answers go. */
const BASE = document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : location.href;
open();

/**
 * The page script's part of sliders, hidden fields and the exclusive "None" choice
 * (format 1.1):
 * - a hidden field takes its value from the page's URL (`?source=newsletter`), unless the
 *   Worker already stamped one into it;
 * - a slider replaces its list of values (the form field, and all there is without
 *   JavaScript) and starts unset: until it is moved the list stays empty and the question
 *   unanswered, which the words beside it say;
 * - ticking "None" unticks the question's other boxes, and ticking another (or typing an
 *   "Other" text) unticks "None".
 *
 * @example
 *   startControls(form); // after the answers are restored, before the form's own input listener
 */
import { t } from "./strings.ts";
import { parts } from "./parts.ts";

function fillFromUrl(form: HTMLFormElement): void {
  const query = new URLSearchParams(location.search);
  for (const el of form.querySelectorAll<HTMLInputElement>("input[data-param]")) if (!el.value) el.value = query.get(el.dataset.param!) ?? "";
}

function slider(box: HTMLElement): void {
  const list = box.previousElementSibling as HTMLSelectElement;
  const range = box.querySelector("input")!;
  const out = box.querySelector("output")!;
  const show = () => {
    box.toggleAttribute("data-unset", !list.value);
    if (list.value) range.value = list.value;
    out.textContent = list.value || t.sliderUnset;
  };
  list.hidden = true;
  box.hidden = false;
  show();
  range.addEventListener("input", () => { list.value = range.value; show(); });
  // A click on the thumb where it stands changes nothing, yet answers.
  range.addEventListener("click", () => {
    if (list.value) return;
    list.value = range.value;
    show();
    list.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

/** Keeps "None" exclusive: registered before the form's own listener, so what it saves is already consistent. */
function exclusiveNone(e: Event): void {
  const el = e.target as HTMLInputElement;
  const none = el.closest(".q")?.querySelector<HTMLInputElement>("[data-none]");
  if (!none || !(el === none ? el.checked : el.checked || (el.classList.contains("other") && el.value))) return;
  for (const box of el.closest(".q")!.querySelectorAll<HTMLInputElement>("input[type=checkbox]")) if ((box === none) !== (el === none)) box.checked = false;
}

export function startControls(form: HTMLFormElement): void {
  fillFromUrl(form);
  for (const box of form.querySelectorAll<HTMLElement>(".slider")) slider(box);
  form.addEventListener("input", exclusiveNone);
}

parts.controls = startControls;

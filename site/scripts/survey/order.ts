/**
 * Randomised order on the survey page (`randomize: true`, core/randomize.ts): each
 * respondent gets their own shuffle of a question's choices ("Other" and "None" stay
 * last) and of a randomised page's questions (notes stay where written), drawn with
 * crypto.getRandomValues, kept for this tab in sessionStorage so a reload shows the same
 * order, and sent with the answers as `order` for the Worker to store. Without JavaScript
 * the page keeps the authored order and nothing is recorded.
 *
 * @example
 *   applyOrder(form, def, key);   // before the answers are restored
 *   body.order = presentation();
 */
import type { LogicSurvey } from "../../../core/logic.ts";
import { isPermutation, shuffle, shuffledSets, type Presentation } from "../../../core/randomize.ts";
import { readSession, writeSession } from "../session.ts";
import { parts } from "./parts.ts";

let order: Presentation = {};

/** The order this respondent was shown, by question id and `page:<index>`. */
export const presentation = () => order;

/** Forgets the tab's order once the answers are stored. */
export const forgetOrder = (key: string) => writeSession(`${key}:order`, null);

/** The value an element stands for: an option's, a ranking item's, or a choice label's input. */
const valueOf = (el: Element) => (el instanceof HTMLOptionElement ? el.value : (el as HTMLElement).dataset.value ?? el.querySelector("input")?.value);

/** Puts `wanted` into the places `current` takes now, in that order (the other nodes around them stay). */
function placeInSlots(current: Element[], wanted: Element[]): void {
  const marks = current.map((el) => {
    const mark = document.createComment("");
    el.before(mark);
    return mark;
  });
  marks.forEach((mark, i) => mark.replaceWith(wanted[i]!));
}

/** Rearranges a randomised page's question blocks, or a question's choices, into `list`'s order. */
function arrange(form: HTMLFormElement, key: string, list: string[]): void {
  const page = /^page:(\d+)$/.exec(key);
  const scope = page ? form.querySelector(`#page-${page[1]}`) : document.getElementById(`q-${key}`);
  if (!scope) return;
  // In the order they stand now: the places the shuffled order fills.
  const items = [...scope.querySelectorAll(page ? ":scope > .q" : "option, li[data-value], .opts > label")];
  const byValue = new Map(items.map((el) => [page ? (el as HTMLElement).dataset.q! : valueOf(el) ?? "", el]));
  const wanted = list.map((v) => byValue.get(v)).filter((el): el is Element => el !== undefined);
  const current = items.filter((el) => wanted.includes(el));
  if (wanted.length === list.length) placeInSlots(current, wanted);
}

/** Shuffles (or, after a reload, restores) every randomised set and shows it in that order. */
export function applyOrder(form: HTMLFormElement, def: LogicSurvey, key: string): void {
  const saved = readSession<Presentation>(`${key}:order`);
  order = {};
  for (const [k, set] of shuffledSets(def.survey)) {
    const kept = Object.hasOwn(saved, k) ? saved[k] : undefined;
    order[k] = isPermutation(kept, set) ? kept! : shuffle(set);
    arrange(form, k, order[k]);
  }
  if (Object.keys(order).length) writeSession(`${key}:order`, order);
}

parts.order = { applyOrder, presentation, forgetOrder };

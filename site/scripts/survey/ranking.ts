/**
 * Ranking questions with JavaScript: the list of items with Up and Down buttons
 * (site/components/Question.astro renders it hidden) replaces the position lists, which
 * stay the form's fields: each move writes every item's position into its `<id>.<value>`
 * list, so saving, restoring and decoding (core/form.ts) work as without JavaScript.
 * Untouched, the lists stay empty and the question unanswered. A live region says where
 * the moved item is now; focus stays on the button pressed.
 *
 * @example
 *   startRankings(form); // after the answers are restored
 */
import { format } from "../../../core/i18n/format.ts";
import { t } from "./strings.ts";
import { parts } from "./parts.ts";

function enhance(box: HTMLElement): void {
  const list = box.querySelector("ol")!;
  const live = box.querySelector("[aria-live]")!;
  const prefix = `${box.dataset.q}.`;
  const selects = new Map([...box.querySelectorAll("select")].map((s) => [s.name.slice(prefix.length), s]));
  const select = (li: Element) => selects.get((li as HTMLElement).dataset.value!)!;
  const items = [...list.children];
  // Positions restored after a reload put the list back in the respondent's order.
  if (items.every((li) => select(li).value)) items.sort((a, b) => Number(select(a).value) - Number(select(b).value)).forEach((li) => list.append(li));
  list.hidden = false;
  box.querySelector<HTMLElement>(".rank-hint")!.hidden = false;
  box.querySelector<HTMLElement>(".rank-positions")!.hidden = true;

  list.addEventListener("click", (e) => {
    const button = (e.target as Element).closest("button");
    const li = button?.closest("li");
    if (!button || !li) return;
    const up = button.dataset.move === "-1";
    const next = up ? li.previousElementSibling : li.nextElementSibling;
    if (next) (up ? next.before(li) : next.after(li));
    button.focus();
    const all = [...list.children];
    all.forEach((item, i) => (select(item).value = String(i + 1)));
    live.textContent = format(t.rankMoved, { item: li.querySelector("span")!.textContent!, position: all.indexOf(li) + 1, count: all.length });
    // The form's own listener (site/scripts/survey.ts) clears the message and saves the answers.
    select(li).dispatchEvent(new Event("input", { bubbles: true }));
  });
}

/** Turns every ranking question of the form into its list with buttons. */
export function startRankings(form: HTMLFormElement): void {
  for (const box of form.querySelectorAll<HTMLElement>("[data-ranking]")) enhance(box);
}

parts.rankings = startRankings;

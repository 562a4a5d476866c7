/**
 * What survives a reload of the survey page: this tab's answers, the page it was on and
 * its submission id, kept in sessionStorage under `canvass:<survey id>:<definition hash>`,
 * so answers given to one version of a survey are never put back into another.
 *
 * Storage can be missing or full (private modes, quotas): site/scripts/session.ts reads
 * and writes it, quietly doing without, and the form works regardless.
 *
 * Reading it back and forgetting it (once the answers are stored) are plain
 * `readSession` and `writeSession(key, null)` calls.
 *
 * @example
 *   restoreFields(form, readSession<Saved>(key));
 *   saveProgress(key, form, page, submissionId);
 */
import { writeSession } from "../session.ts";

/** What sessionStorage keeps for this tab: fields, current page, submission id. */
export type Saved = { f?: [string, string][]; p?: number; s?: string };

/** The form's fields as name and value, in form order (what `decodeForm` reads). A survey form has no file input, so every value is text. */
export const formFields = (form: HTMLFormElement) => [...new FormData(form)] as [string, string][];

/** Keeps the fields (the submission id apart, which has its own slot), the page and the submission id. */
export function saveProgress(key: string, form: HTMLFormElement, page: number, submission: string): void {
  writeSession(key, { f: formFields(form).filter(([k]) => k !== "_submission"), p: page, s: submission } satisfies Saved);
}

/** Puts saved values back into the form's inputs; hidden inputs keep their own. */
export function restoreFields(form: HTMLFormElement, saved: Saved): void {
  const values = new Map<string, string[]>();
  for (const [k, v] of saved.f ?? []) values.set(k, [...(values.get(k) ?? []), v]);
  for (const el of form.querySelectorAll<HTMLInputElement>("[name]")) {
    const v = values.get(el.name);
    if (!v || el.type === "hidden") continue;
    if (el.type === "radio" || el.type === "checkbox") el.checked = v.includes(el.value);
    else el.value = v[0]!;
  }
}

/** A random v4 UUID: the submission id the Worker stores a response under only once. */
export function uuid(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  // Pages served over plain http (a LAN preview) have no randomUUID; build a v4 by hand:
  // each x a random hex digit, y one of 8 9 a b (RFC 9562: version 4, variant 10).
  const b = crypto.getRandomValues(new Uint8Array(31));
  let i = 0;
  return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, (c) => (c === "x" ? b[i++]! & 15 : (b[i++]! & 3) | 8).toString(16));
}

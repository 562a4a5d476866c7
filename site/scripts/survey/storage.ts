/**
 * What survives a reload of the survey page: this tab's answers, the page it was on and
 * its submission id, kept in sessionStorage under `canvass:<survey id>:<definition hash>`,
 * so answers given to one version of a survey are never put back into another.
 *
 * Storage can be missing or full (private modes, quotas): every read and write here may
 * fail quietly, and the form must work regardless.
 *
 * @example
 *   const saved = readProgress(key);
 *   restoreFields(form, saved);
 *   saveProgress(key, form, page, submissionId);
 */

/** What sessionStorage keeps for this tab: fields, current page, submission id. */
export type Saved = { f?: [string, string][]; p?: number; s?: string };

/** The form's fields as name and text value, in form order (what `decodeForm` reads). */
export const formFields = (form: HTMLFormElement) => [...new FormData(form)].map(([k, v]) => [k, String(v)] as [string, string]);

export function readProgress(key: string): Saved {
  try {
    return JSON.parse(sessionStorage.getItem(key) ?? "{}") as Saved;
  } catch {
    return {};
  }
}

/** Keeps the fields (the submission id apart, which has its own slot), the page and the submission id. */
export function saveProgress(key: string, form: HTMLFormElement, page: number, submission: string): void {
  writeProgress(key, { f: formFields(form).filter(([k]) => k !== "_submission"), p: page, s: submission });
}

/** Stores `value`, or forgets this tab's progress when it is null (the answers are sent). */
export function writeProgress(key: string, value: Saved | null): void {
  try {
    if (value) sessionStorage.setItem(key, JSON.stringify(value));
    else sessionStorage.removeItem(key);
  } catch {
    /* keep going: see the module comment */
  }
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
  // Pages served over plain http (a LAN preview) have no randomUUID; build a v4 by hand.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 15) | 64;
  b[8] = (b[8]! & 63) | 128;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

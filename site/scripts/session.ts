/**
 * sessionStorage as JSON, for the page scripts' per-tab memory (a survey's unfinished
 * answers, a personal link's token and fields). Storage can be missing or full (private
 * modes, quotas) and a stored value can be damaged: reading then gives `{}`, writing does
 * nothing, and the pages work regardless, only without that memory.
 *
 * @example
 *   writeSession("canvass:poll:invitation", { t: token });
 *   readSession<{ t?: string }>("canvass:poll:invitation").t
 */

/** The stored object, or `{}` when there is none or it cannot be read. */
export function readSession<T extends object>(key: string): Partial<T> {
  try {
    return JSON.parse(sessionStorage.getItem(key) ?? "{}") as Partial<T>;
  } catch {
    return {};
  }
}

/** Stores `value`, or removes the key when it is null. */
export function writeSession(key: string, value: object | null): void {
  try {
    if (value) sessionStorage.setItem(key, JSON.stringify(value));
    else sessionStorage.removeItem(key);
  } catch {
    /* see the module comment */
  }
}

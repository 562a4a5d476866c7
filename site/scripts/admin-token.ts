/**
 * The admin token, shared by every admin page script (admin-stats.ts, admin-surveys.ts,
 * admin-results.ts): kept in this tab's sessionStorage only (no cookies, gone when the
 * tab closes, so the owner types it once per tab for all admin pages) and sent only to
 * this site's API as an `Authorization: Bearer` header.
 *
 * @example
 *   const got = await adminFetch("/api/admin/surveys");
 *   if (got.ok) show(await got.response.json());
 *   else status.textContent = got.message;
 */

const TOKEN_KEY = "canvass-admin-token";

export const savedToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);
export const saveToken = (token: string): void => sessionStorage.setItem(TOKEN_KEY, token);
export const forgetToken = (): void => sessionStorage.removeItem(TOKEN_KEY);

/** An admin API answer: the response when it is a success, otherwise a sentence to show. */
export type AdminAnswer = { ok: true; response: Response } | { ok: false; status: number; message: string };

/**
 * Calls the admin API with `token` (by default the saved one). A refused token is
 * forgotten; any other failure becomes the API's own `error` text when it sent one.
 */
export async function adminFetch(path: string, init: RequestInit = {}, token = savedToken() ?? ""): Promise<AdminAnswer> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } });
  } catch {
    return { ok: false, status: 0, message: "The server could not be reached." };
  }
  if (response.status === 401) {
    forgetToken();
    return { ok: false, status: 401, message: "That admin token was not accepted." };
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    return { ok: false, status: response.status, message: body.error ?? `The server answered ${response.status}.` };
  }
  saveToken(token);
  return { ok: true, response };
}

/** A JSON body from the admin API, or the sentence that says why there is none. */
export async function adminJson<T>(path: string, token?: string): Promise<{ ok: true; body: T } | { ok: false; status: number; message: string }> {
  const got = await adminFetch(path, {}, token);
  return got.ok ? { ok: true, body: (await got.response.json()) as T } : got;
}

/** An element with its text set through `textContent` (API values are never parsed as HTML). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

/**
 * Wires the token form of site/components/admin/TokenForm.astro: `load` runs with the
 * typed token, and at once with the saved one; "Forget token" clears it and calls `hide`.
 */
export function wireTokenForm(load: (token: string) => void, hide: () => void): void {
  const form = document.getElementById("admin-token-form") as HTMLFormElement;
  const input = document.getElementById("admin-token") as HTMLInputElement;
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (input.value.trim()) load(input.value.trim());
  });
  document.getElementById("admin-forget")!.addEventListener("click", () => {
    forgetToken();
    input.value = "";
    hide();
    adminStatus("The token is forgotten in this tab.");
  });
  const saved = savedToken();
  if (saved) {
    input.value = saved;
    load(saved);
  }
}

/** Says something in the page's one live status line. */
export function adminStatus(text: string): void {
  document.getElementById("admin-status")!.textContent = text;
}

/** A table cell that names its column (`data-label`), for tables that stack on a narrow screen (site/styles/admin.css). */
export function cell(row: HTMLTableRowElement, label: string, text?: string, className?: string): HTMLTableCellElement {
  const td = row.appendChild(el("td", text, className));
  td.dataset.label = label;
  return td;
}

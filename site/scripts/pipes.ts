/**
 * What a personal link leaves in this tab (site/scripts/personal-link.ts): the token
 * and the contact's fields, kept in sessionStorage per survey, and the filling of the
 * page's `[data-pipe]` spans with those fields. Shared by the survey page and the
 * thank-you page (site/scripts/thanks.ts), so it is kept small: the thank-you page
 * loads only this.
 *
 * @example
 *   fillPipes(storedFields("customer-feedback"));
 */
import { readSession, writeSession } from "./session.ts";

/** The token (until the answers are sent) and the contact's fields. */
export type Invitation = { t?: string; fields?: Record<string, string> };

const key = (survey: string) => `canvass:${survey}:invitation`;
export const readInvitation = (survey: string) => readSession<Invitation>(key(survey));
// Without storage (private mode, full) the link still works for this page view.
export const writeInvitation = (survey: string, value: Invitation) => writeSession(key(survey), value);

/** Fills `[data-pipe]` spans with the contact's fields; a span without a value keeps its fallback. */
export function fillPipes(fields: Record<string, string> | undefined): void {
  if (!fields) return;
  for (const el of document.querySelectorAll<HTMLElement>("[data-pipe]")) {
    const value = fields[el.dataset.pipe ?? ""];
    if (value && value.trim()) el.textContent = value;
  }
}

/** The fields a personal link brought, for the thank-you page. */
export function storedFields(survey: string): Record<string, string> | undefined {
  return readInvitation(survey).fields;
}

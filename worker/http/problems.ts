/**
 * Client-facing errors. Every refusal the API makes is a `Problem`: a status, a
 * sentence a person understands, and optional per-field messages. `renderProblem`
 * is the one place that turns them into JSON or an HTML page.
 *
 * @example
 *   throw new Problem(410, "This survey has closed and no longer takes answers.");
 */
import type { Context } from "hono";
import { stringsFor } from "../../core/i18n/strings.ts";
import { plainLabel } from "../../core/piping.ts";
import { escapeHtml, page } from "./page.ts";

/** The key of messages about the form as a whole (core/answers.ts, core/leads.ts). */
const FORM_FIELD = "_form";

export type ProblemStatus = 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 415 | 422 | 429;

export class Problem extends Error {
  readonly status: ProblemStatus;
  /** Messages by field (question id); shown next to each question. */
  readonly fields: Record<string, string> | undefined;
  /** How to name each field on an HTML page (question labels). */
  readonly fieldLabels: Record<string, string> | undefined;
  /** Where an HTML page's "go back" link points, and its text (default "Go back to the survey"). */
  readonly backTo: string | undefined;
  readonly backLabel: string | undefined;
  /** Sentences an HTML page lists under the messages (never in JSON): what was set aside, not wrong. */
  readonly notes: string[] | undefined;
  /** The language of the page (a survey's, core/i18n/strings.ts): its `<html lang>`, heading and link words. */
  readonly lang: string | undefined;
  constructor(status: ProblemStatus, message: string, extra: { fields?: Record<string, string>; fieldLabels?: Record<string, string>; backTo?: string; backLabel?: string; notes?: string[]; lang?: string } = {}) {
    super(message);
    this.name = "Problem";
    this.status = status;
    this.fields = extra.fields;
    this.fieldLabels = extra.fieldLabels;
    this.backTo = extra.backTo;
    this.backLabel = extra.backLabel;
    this.notes = extra.notes;
    this.lang = extra.lang;
  }
}

const TITLES: Record<ProblemStatus, string> = {
  400: "That request could not be read", 401: "Not signed in", 403: "Not available", 404: "Not found",
  405: "Not allowed", 409: "Already used", 410: "Closed", 413: "Too large", 415: "Unsupported format",
  422: "Some answers need another look", 429: "Too many requests",
};

/** A page's heading: in the survey's language for the statuses a respondent meets, else in English. */
function title(p: Problem): string {
  const t = stringsFor(p.lang);
  const own: Partial<Record<ProblemStatus, string>> = { 422: t.reviewTitle, 410: t.closedTitle, 403: t.unavailableTitle, 404: t.notFoundTitle, 409: t.usedTitle, 413: t.tooLargeTitle, 400: t.unreadableTitle };
  return (p.lang && own[p.status]) || TITLES[p.status];
}

/** API clients (JSON bodies or Accept: application/json) get JSON; browsers posting forms get a page. */
export function wantsJson(c: Context): boolean {
  const type = c.req.header("content-type") ?? "";
  const accept = c.req.header("accept") ?? "";
  if (type.includes("json")) return true;
  if (accept.includes("text/html")) return false;
  return accept.includes("json") || !type.includes("form");
}

/** A field's name on a page: its label with each placeholder's fallback text ("{{company|us}}" reads "us"). */
function fieldName(p: Problem, field: string): string {
  return plainLabel(p.fieldLabels?.[field] ?? field);
}

/** The list of per-field messages; a message about the form as a whole (`_form`) needs no name before it. */
function fieldList(p: Problem): string {
  const items = Object.entries(p.fields ?? {}).map(([field, msg]) =>
    field === FORM_FIELD ? `<li>${escapeHtml(msg)}</li>` : `<li><strong>${escapeHtml(fieldName(p, field))}</strong>: ${escapeHtml(msg)}</li>`,
  );
  return items.length ? `<ul>${items.join("")}</ul>` : "";
}

/** The page's body under its heading; the message is left out when it only repeats the heading. */
function problemBody(p: Problem): string {
  const heading = title(p);
  const t = stringsFor(p.lang);
  const intro = p.message.replace(/\.$/, "") === heading ? "" : `<p>${escapeHtml(p.message)}</p>`;
  const back = p.backTo ? `<p><a href="${escapeHtml(p.backTo)}">${escapeHtml(p.backLabel ?? t.backToSurvey)}</a> ${escapeHtml(t.backKeeps)}</p>` : "";
  const notes = p.notes?.length ? `<ul class="notes">${p.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul>` : "";
  return intro + fieldList(p) + notes + back;
}

export async function renderProblem(c: Context, p: Problem): Promise<Response> {
  if (wantsJson(c)) return c.json({ error: p.message, ...(p.fields ? { errors: p.fields } : {}) }, p.status);
  return c.html(await page(c.env ?? {}, title(p), problemBody(p), p.lang), p.status);
}

/**
 * Client-facing errors. Every refusal the API makes is a `Problem`: a status, a
 * sentence a person understands, and optional per-field messages. `renderProblem`
 * is the one place that turns them into JSON or an HTML page.
 *
 * @example
 *   throw new Problem(410, "This survey has closed and no longer takes answers.");
 */
import type { Context } from "hono";
import { escapeHtml, page } from "./page.ts";

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
  constructor(status: ProblemStatus, message: string, extra: { fields?: Record<string, string>; fieldLabels?: Record<string, string>; backTo?: string; backLabel?: string } = {}) {
    super(message);
    this.name = "Problem";
    this.status = status;
    this.fields = extra.fields;
    this.fieldLabels = extra.fieldLabels;
    this.backTo = extra.backTo;
    this.backLabel = extra.backLabel;
  }
}

const TITLES: Record<ProblemStatus, string> = {
  400: "That request could not be read", 401: "Not signed in", 403: "Not available", 404: "Not found",
  405: "Not allowed", 409: "Already used", 410: "Closed", 413: "Too large", 415: "Unsupported format",
  422: "Some answers need another look", 429: "Too many requests",
};

/** API clients (JSON bodies or Accept: application/json) get JSON; browsers posting forms get a page. */
export function wantsJson(c: Context): boolean {
  const type = c.req.header("content-type") ?? "";
  const accept = c.req.header("accept") ?? "";
  if (type.includes("json")) return true;
  if (accept.includes("text/html")) return false;
  return accept.includes("json") || !type.includes("form");
}

export function renderProblem(c: Context, p: Problem): Response {
  if (wantsJson(c)) return c.json({ error: p.message, ...(p.fields ? { errors: p.fields } : {}) }, p.status);
  const items = Object.entries(p.fields ?? {})
    .map(([field, msg]) => `<li><strong>${escapeHtml(p.fieldLabels?.[field] ?? field)}</strong>: ${escapeHtml(msg)}</li>`)
    .join("");
  const back = p.backTo ? `<p><a href="${escapeHtml(p.backTo)}">${escapeHtml(p.backLabel ?? "Go back to the survey")}</a> (your browser's back button keeps your answers).</p>` : "";
  return c.html(page(TITLES[p.status], `<p>${escapeHtml(p.message)}</p>${items ? `<ul>${items}</ul>` : ""}${back}`), p.status);
}

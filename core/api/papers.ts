/**
 * The white-paper API's shapes, shared by the Worker (worker/papers/) and the paper
 * page script (site/scripts/paper.ts, type-only).
 *
 * @example
 *   // GET /api/papers/<slug>/ticket → PaperTicket; POST /api/papers/<slug>/requests (PaperRequestBody) → PaperLink
 */
import type { LeadField } from "../papers.ts";

/** `POST /api/papers/<slug>/requests` as JSON: the lead's fields plus the form's controls (core/papers.ts FORM_CONTROLS). */
export type PaperRequestBody = Partial<Record<LeadField, string>> & {
  marketing_consent?: boolean;
  /** The honeypot: people leave it empty. */
  website?: string;
  /** The signed form ticket that times the form. */
  _ticket?: string;
  /** Turnstile's token, when Turnstile is on. */
  "cf-turnstile-response"?: string;
};

/** The answer to a valid request: a signed link and when it stops working (ISO time). */
export type PaperLink = { download_url: string; expires_at: string };

/** `GET /api/papers/<slug>/ticket`: a fresh form ticket, and Turnstile's site key when it is on. */
export type PaperTicket = { ticket: string; min_fill_seconds: number; turnstile_site_key: string | null };

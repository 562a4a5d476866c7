/**
 * A white paper's lead form: the contact details it may ask for, how they are labelled,
 * the other fields it carries, and the check of a request for the paper. Plain
 * TypeScript, no zod (like core/answers.ts: what a request must hold depends on the
 * paper), so a page script can run the same check the Worker runs. The paper's own
 * schemas (front matter, catalog entry) are in core/papers.ts.
 *
 * @example
 *   const result = validateLeadRequest(paper, { name: "Ada", email: "ada@example.com", marketing_consent: false });
 *   if (!result.ok) result.errors // { company: "Enter your company." }
 */
import { isEmailAddress, MAX_EMAIL_LENGTH } from "./email/address.ts";

/** The contact details a paper's form may ask for, in the order the form shows them. */
export const LEAD_FIELDS = ["name", "email", "company", "job_title"] as const;
export type LeadField = (typeof LEAD_FIELDS)[number];

/** How each field is labelled on the page and named in error messages. */
export const LEAD_FIELD_LABELS: Record<LeadField | "marketing_consent", string> = {
  name: "Your name",
  email: "Email address",
  company: "Company",
  job_title: "Job title",
  marketing_consent: "Marketing consent",
};

/** Field names of the lead form beyond the contact details (a contract with anyone posting their own form). */
export const FORM_CONTROLS = {
  /** Checkbox, any value means yes; absent means no. */
  consent: "marketing_consent",
  /** The honeypot: hidden from people, filled in by bots. */
  honeypot: "website",
  /** The signed form ticket that times how long the form took to fill in (see worker/papers/guards.ts). */
  ticket: "_ticket",
  /** What the Turnstile widget adds to the form it sits in. */
  turnstile: "cf-turnstile-response",
} as const;

export type LeadRequest = { name?: string; email: string; company?: string; job_title?: string; marketing_consent: boolean };
export type LeadValidation = { ok: true; lead: LeadRequest } | { ok: false; errors: Record<string, string> };

/** A field's value, trimmed, or the message a person reads next to it. */
type Checked = { value: string } | { error: string };

function text(label: string, value: unknown, max = 200): Checked {
  const t = typeof value === "string" ? value.trim() : "";
  if (t === "") return { error: `Enter your ${label}.` };
  return t.length > max ? { error: `Keep your ${label} under ${max} characters.` } : { value: t };
}

function email(value: unknown): Checked {
  const t = typeof value === "string" ? value.trim() : "";
  if (t === "") return { error: "Enter your email address." };
  if (t.length > MAX_EMAIL_LENGTH) return { error: `An email address is at most ${MAX_EMAIL_LENGTH} characters.` };
  return isEmailAddress(t) ? { value: t } : { error: "Enter an email address like name@example.com." };
}

/** One check per field, with the messages a person reads next to it. */
const FIELD_CHECKS: Record<LeadField, (value: unknown) => Checked> = {
  name: (v) => text("name", v),
  email,
  company: (v) => text("company", v),
  job_title: (v) => text("job title", v),
};

/**
 * Checks the contact details sent for a paper that asks for `fields`: every field it asks
 * for, valid; no field it does not ask for; consent a boolean (absent is no). Errors are
 * keyed by field name, `_form` for anything not tied to one field.
 */
export function validateLeadRequest(paper: { fields: readonly LeadField[] }, input: Record<string, unknown>): LeadValidation {
  const errors: Record<string, string> = {};
  const lead: Record<string, unknown> = {};
  for (const field of paper.fields) {
    const checked = FIELD_CHECKS[field](input[field]);
    if ("value" in checked) lead[field] = checked.value;
    else errors[field] = checked.error;
  }
  const consent = input[FORM_CONTROLS.consent] ?? false;
  if (typeof consent !== "boolean") errors[FORM_CONTROLS.consent] = "Marketing consent is true or false.";
  lead.marketing_consent = consent === true;
  const unknown = Object.keys(input).filter((k) => !(paper.fields as readonly string[]).includes(k) && k !== FORM_CONTROLS.consent);
  if (unknown.length) errors._form = `This form does not ask for ${unknown.map((k) => `"${k.slice(0, 40)}"`).join(", ")}.`;
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, lead: lead as LeadRequest };
}

/**
 * Gated white papers: a Markdown file per paper in `papers/` (front matter below),
 * the document itself in `papers/files/`, handed out only through a signed, expiring
 * link to people who leave their contact details on the paper's page.
 *
 *   ---
 *   title: Short surveys people finish
 *   summary: A practical guide to question design and length.   # Markdown
 *   cover: covers/short-surveys-guide.svg    # relative to papers/
 *   author: The Canvass team
 *   date: 2026-11-30
 *   file: short-surveys-guide.pdf            # in papers/files/, never published as an asset
 *   fields: [name, email, company, job_title]
 *   consent_text: Yes, send me news about Canvass by email now and then.
 *   ---
 *   Optional Markdown shown on the landing page under the summary.
 *
 * This module is the model shared by the build, the site and the Worker: the front
 * matter schema, the catalog entry the Worker receives, and the validation of a
 * request for a paper. It is a schema module (zod): browser code takes only its types.
 *
 * @example
 *   const result = validateLeadRequest(paper, { name: "Ada", email: "ada@example.com", marketing_consent: false });
 *   if (!result.ok) result.errors // { company: "Enter your company." }
 */
import { z } from "zod";
import { isEmailAddress } from "./email/address.ts";
import { sha256Hex } from "./hash.ts";
import { IsoDate } from "./model.ts";

/** A paper's slug is its file name: lowercase letters, digits and single dashes. */
export const PaperSlug = z
  .string()
  .max(80, "a paper slug is at most 80 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "a paper slug uses lowercase letters, digits and single dashes (like short-surveys-guide)")
  // /papers/files/ is the Worker's download route: a paper there would have a page nobody could reach.
  .refine((slug) => slug !== "files", 'a paper cannot be called "files": /papers/files/ is where the gated files are served');

/** What a gated file may be, and the Content-Type it is served with. Each extension needs a `Data` rule in wrangler.toml. */
export const PAPER_FILE_TYPES = {
  pdf: "application/pdf",
  epub: "application/epub+zip",
  zip: "application/zip",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
} as const;
const FILE_EXTENSIONS = Object.keys(PAPER_FILE_TYPES).join("|");

/**
 * A gated file's name, which is also its URL (`/papers/files/<name>`): no folders,
 * no dots but the extension's, nothing a path trick could bend.
 */
export const PaperFileName = z
  .string()
  .max(120, "a paper file name is at most 120 characters")
  .regex(new RegExp(`^[a-z0-9]+(?:[-_][a-z0-9]+)*\\.(?:${FILE_EXTENSIONS})$`), `a paper file is named in lowercase letters, digits, - and _, ending in .${Object.keys(PAPER_FILE_TYPES).join(", .")} (like short-surveys-guide.pdf)`);

export const contentTypeOf = (file: string): string => PAPER_FILE_TYPES[file.slice(file.lastIndexOf(".") + 1) as keyof typeof PAPER_FILE_TYPES] ?? "application/octet-stream";

/** The contact details a paper's form may ask for, in the order the form shows them. */
export const LEAD_FIELDS = ["name", "email", "company", "job_title"] as const;
export const LeadField = z.enum(LEAD_FIELDS, { error: `a field is one of: ${LEAD_FIELDS.join(", ")}` });
export type LeadField = z.infer<typeof LeadField>;

/** How each field is labelled on the page and named in error messages. */
export const LEAD_FIELD_LABELS: Record<LeadField | "marketing_consent", string> = {
  name: "Your name",
  email: "Email address",
  company: "Company",
  job_title: "Job title",
  marketing_consent: "Marketing consent",
};

/** Cover image path, relative to `papers/`. */
const CoverPath = z
  .string()
  .regex(/^(?:[a-z0-9][a-z0-9_-]*\/)*[a-z0-9][a-z0-9_-]*\.(?:svg|png|jpg|jpeg|webp|avif)$/, "cover is an image path relative to papers/, like covers/my-paper.svg (svg, png, jpg, webp or avif)");

/** A paper's front matter, as its author writes it. Unknown keys are errors, so a typo is never silently ignored. */
export const PaperFrontMatter = z.strictObject({
  /** The page heading and the link text on the index. */
  title: z.string().trim().min(1, "a paper needs a title").max(200),
  /** One or two sentences (Markdown) on the index and the landing page. */
  summary: z.string().trim().min(1, "a paper needs a summary").max(1000),
  /** Cover image, relative to `papers/` (published with the page, unlike the paper itself). */
  cover: CoverPath,
  /** Alternative text for the cover; defaults to "Cover of <title>". */
  cover_alt: z.string().trim().min(1).max(300).optional(),
  /** Who wrote it, as shown on the page. */
  author: z.string().trim().min(1, "a paper needs an author").max(200),
  /** Publication date, YYYY-MM-DD. */
  date: IsoDate,
  /** The gated document in `papers/files/`. */
  file: PaperFileName,
  /** Contact details the form asks for, all required; `email` is always among them (it identifies the person). */
  fields: z
    .array(LeadField)
    .min(1)
    .refine((f) => f.includes("email"), "fields must include email: it is how a second request by the same person is recognised")
    .refine((f) => new Set(f).size === f.length, "each field may be listed only once"),
  /** The marketing-consent checkbox's label; what is shown is stored (as a hash) with each lead. */
  consent_text: z.string().trim().min(1, "consent_text is the label of the marketing-consent box; it cannot be empty").max(500),
});
export type PaperFrontMatter = z.output<typeof PaperFrontMatter>;

/** What the Worker knows of a paper: enough to validate a request and serve the file, nothing the page alone needs. */
export const PublishedPaper = z.strictObject({
  slug: PaperSlug,
  title: z.string(),
  file: PaperFileName,
  fields: z.array(LeadField),
  consentText: z.string(),
  /** SHA-256 (hex) of consent_text, stored with each lead as a record of what was agreed to. */
  consentHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type PublishedPaper = z.output<typeof PublishedPaper>;

/** Field names of the lead form beyond the contact details (a contract with anyone posting their own form). */
export const FORM_CONTROLS = {
  /** Checkbox, any value means yes; absent means no. */
  consent: "marketing_consent",
  /** The honeypot: hidden from people, filled in by bots. */
  honeypot: "website",
  /** The signed form ticket that times how long the form took to fill in (see worker/paper-guards.ts). */
  ticket: "_ticket",
  /** What the Turnstile widget adds to the form it sits in. */
  turnstile: "cf-turnstile-response",
} as const;

const text = (label: string, max = 200) =>
  z.string({ error: `Enter your ${label}.` }).trim().min(1, `Enter your ${label}.`).max(max, `Keep your ${label} under ${max} characters.`);

/** One schema per field, with the messages a person reads next to it. */
const FIELD_SCHEMAS = {
  name: text("name"),
  email: z
    .string({ error: "Enter your email address." })
    .trim()
    .min(1, "Enter your email address.")
    .max(254, "An email address is at most 254 characters.")
    .refine(isEmailAddress, "Enter an email address like name@example.com."),
  company: text("company"),
  job_title: text("job title"),
} satisfies Record<LeadField, z.ZodType<string>>;

export type LeadRequest = { name?: string; email: string; company?: string; job_title?: string; marketing_consent: boolean };
export type LeadValidation = { ok: true; lead: LeadRequest } | { ok: false; errors: Record<string, string> };

/**
 * Checks the contact details sent for `paper`: every field it asks for, valid; no
 * field it does not ask for; consent a boolean (absent is no). Errors are keyed by
 * field name, `_form` for anything not tied to one field.
 */
export function validateLeadRequest(paper: Pick<PublishedPaper, "fields">, input: Record<string, unknown>): LeadValidation {
  const errors: Record<string, string> = {};
  const lead: Record<string, unknown> = {};
  for (const field of paper.fields) {
    const parsed = FIELD_SCHEMAS[field].safeParse(input[field] ?? "");
    if (parsed.success) lead[field] = parsed.data;
    else errors[field] = parsed.error.issues[0]!.message;
  }
  const consent = input[FORM_CONTROLS.consent] ?? false;
  if (typeof consent !== "boolean") errors[FORM_CONTROLS.consent] = "Marketing consent is true or false.";
  lead.marketing_consent = consent === true;
  const unknown = Object.keys(input).filter((k) => !(paper.fields as string[]).includes(k) && k !== FORM_CONTROLS.consent);
  if (unknown.length) errors._form = `This form does not ask for ${unknown.map((k) => `"${k.slice(0, 40)}"`).join(", ")}.`;
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, lead: lead as LeadRequest };
}

/** The catalog entry for a paper, from its slug and front matter. */
export async function publishPaper(slug: string, front: PaperFrontMatter): Promise<PublishedPaper> {
  return { slug, title: front.title, file: front.file, fields: front.fields, consentText: front.consent_text, consentHash: await sha256Hex(front.consent_text) };
}

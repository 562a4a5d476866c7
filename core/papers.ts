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
 *   client: northwind                        # optional: the config's default client without it
 *   ---
 *   Optional Markdown shown on the landing page under the summary.
 *
 * This module is the model shared by the build, the site and the Worker: the front
 * matter schema and the catalog entry the Worker receives. It is a schema module (zod):
 * browser code takes only its types. The lead form (its fields, labels and the check of
 * a request) is plain TypeScript in core/leads.ts.
 *
 * @example
 *   const front = PaperFrontMatter.parse(yaml);
 *   const entry = await publishPaper("short-surveys-guide", front);
 */
import { z } from "zod";
import { sha256Hex } from "./hash.ts";
import { LEAD_FIELDS } from "./leads.ts";
import { ClientId, IsoDate } from "./model.ts";


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

/** A field the paper's form asks for (core/leads.ts lists them, labels them and checks them). */
export const LeadField = z.enum(LEAD_FIELDS, { error: `a field is one of: ${LEAD_FIELDS.join(", ")}` });
export type LeadField = z.infer<typeof LeadField>;

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
  /** The client whose paper this is and who sees its leads (canvass.config.ts `clients`); without it, the default client. */
  client: ClientId.optional(),
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
  /** The client the paper belongs to, resolved by the build; its leads are that client's. Absent: the owner's alone. */
  client: ClientId.optional(),
});
export type PublishedPaper = z.output<typeof PublishedPaper>;

/** The catalog entry for a paper, from its slug, front matter and resolved client (core/clients.ts). */
export async function publishPaper(slug: string, front: PaperFrontMatter, client = front.client): Promise<PublishedPaper> {
  const entry: PublishedPaper = { slug, title: front.title, file: front.file, fields: front.fields, consentText: front.consent_text, consentHash: await sha256Hex(front.consent_text) };
  if (client) entry.client = client;
  return entry;
}

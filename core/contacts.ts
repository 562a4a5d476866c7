/**
 * Contacts: the people a client or an opt-in panel asks us to invite. One schema
 * for a contact, and the CSV reader the CLI and the Worker share, so a list is judged
 * the same way on both sides. Addresses are checked and normalised by the one rule in
 * core/email/address.ts.
 *
 * A `language` column (optional) names the language a contact is invited in: one of the
 * survey's `languages` (`offeredLanguage`), checked where the survey is known (the Worker's
 * upload refuses a list naming another, `languageProblems`); empty means the default.
 *
 * @example
 *   const { contacts, rejected } = readContactCsv("email,name\r\nal@example.com,Al\r\n");
 *   contacts[0] // { row: 2, contact: { email: "al@example.com", name: "Al", fields: {} } }
 *   await addressHash(normaliseEmail(" Al@Example.COM ")) // sha-256 hex of "al@example.com"
 */
import Papa from "papaparse";
import { z } from "zod";
import { isEmailAddress, MAX_EMAIL_LENGTH, normaliseEmail } from "./email/address.ts";
import { sha256Hex } from "./hash.ts";
import { singleLine } from "./piping.ts";

/** Where a list comes from: a client's own customers, or an opt-in panel. Every list must say which. */
export const ContactSource = z.enum(["client", "panel"], { error: 'source must be "client" or "panel"' });
export type ContactSource = z.infer<typeof ContactSource>;

/** The client a list belongs to: a name on one line. */
export const ClientName = z
  .string({ error: "client is required: the name of the client the list belongs to" })
  .transform((s) => singleLine(s).trim())
  .pipe(z.string().min(1, "client is required: the name of the client the list belongs to").max(100, "client is at most 100 characters"));

/** A wave groups the invitations of one send-out: one invitation per contact, survey and wave. */
export const Wave = z
  .union([z.string(), z.int().nonnegative().transform(String)])
  .pipe(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, "wave is 1–40 letters, digits, dots, dashes or underscores (like 1 or 2027-spring)"));
export const DEFAULT_WAVE = "1";

/** Columns every list may have; any other column is a custom field for piping. */
export const STANDARD_FIELDS = ["name", "company", "location"] as const;
/** The column naming the language a contact is invited in; never a field for piping. */
export const LANGUAGE_COLUMN = "language";
/** A custom field's name is what `{{field}}` placeholders use. */
const FIELD_NAME = /^[a-z_][a-z0-9_]*$/;
/** Names that mean something else in an email template. */
export const RESERVED_FIELDS = ["email", "link", "optout_link", "survey_title", "client"] as const;
export const MAX_CUSTOM_FIELDS = 20;
export const MAX_FIELD_LENGTH = 500;

/** SHA-256 (hex) of a normalised address: the key of the suppression list, which outlives the contact. */
export function addressHash(normalised: string): Promise<string> {
  return sha256Hex(normalised);
}

const Text = z
  .union([z.string(), z.number().transform(String)])
  .transform((s) => singleLine(s).trim())
  .pipe(z.string().max(MAX_FIELD_LENGTH, `at most ${MAX_FIELD_LENGTH} characters`));

/** A contact as stored: the address as given (trimmed), the standard fields, custom fields for piping. */
export const Contact = z.strictObject({
  email: z.string(),
  name: Text.optional(),
  company: Text.optional(),
  location: Text.optional(),
  /** The language to invite in, as written in the list; `offeredLanguage` checks it against the survey's. */
  language: Text.optional(),
  fields: z.record(z.string().regex(FIELD_NAME), Text),
});
export type Contact = z.infer<typeof Contact>;

/** Why a row of a list was not taken. The reasons are part of the upload report's contract. */
export const REJECT = {
  invalid: "invalid address",
  duplicate: "duplicate in the list",
  missingEmail: "missing required column: email",
  malformed: "malformed row",
  tooLong: `a value is longer than ${MAX_FIELD_LENGTH} characters`,
  tooManyFields: `more than ${MAX_CUSTOM_FIELDS} custom fields`,
} as const;

export type Rejected = { row: number; reason: string; email?: string };
export type ListedContact = { row: number; contact: Contact; normalised: string };
export type ContactList = { contacts: ListedContact[]; rejected: Rejected[] };

/** A list that cannot be read at all (no email column, unusable header): refused whole. */
export class ContactListError extends Error {
  override name = "ContactListError";
}

/** Turns a column header into a field name: `Account Manager` → `account_manager`. */
export function fieldName(header: string): string {
  return header.trim().toLowerCase().replace(/[\s-]+/g, "_");
}

/**
 * Judges one record (already keyed by field name). `seen` holds the normalised
 * addresses met earlier in the same list, so a repeated address is reported once per repeat.
 */
export function judgeRecord(row: number, record: Record<string, unknown>, seen: Set<string>): ListedContact | Rejected {
  const rawEmail = record.email;
  if (rawEmail === undefined || rawEmail === null || (typeof rawEmail === "string" && rawEmail.trim() === ""))
    return { row, reason: REJECT.missingEmail };
  if (typeof rawEmail !== "string") return { row, reason: REJECT.invalid };
  const shown = singleLine(rawEmail).trim().slice(0, MAX_EMAIL_LENGTH);
  const normalised = normaliseEmail(rawEmail);
  if (!isEmailAddress(normalised)) return { row, reason: REJECT.invalid, email: shown };
  if (seen.has(normalised)) return { row, reason: REJECT.duplicate, email: shown };

  const custom: Record<string, unknown> = {};
  const standard: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === "email" || value === undefined || value === null || value === "") continue;
    if ((STANDARD_FIELDS as readonly string[]).includes(key) || key === LANGUAGE_COLUMN) standard[key] = value;
    else custom[key] = value;
  }
  if (Object.keys(custom).length > MAX_CUSTOM_FIELDS) return { row, reason: REJECT.tooManyFields, email: shown };
  const parsed = Contact.safeParse({ email: rawEmail.trim(), ...standard, fields: custom });
  if (!parsed.success) {
    const tooLong = parsed.error.issues.some((i) => i.code === "too_big");
    return { row, reason: tooLong ? REJECT.tooLong : REJECT.malformed, email: shown };
  }
  seen.add(normalised);
  return { row, contact: parsed.data, normalised };
}

/** Sorts judged records into contacts and rejections. */
export function judgeRecords(records: Iterable<{ row: number; record: Record<string, unknown> }>, seen = new Set<string>()): ContactList {
  const list: ContactList = { contacts: [], rejected: [] };
  for (const { row, record } of records) {
    const judged = judgeRecord(row, record, seen);
    if ("contact" in judged) list.contacts.push(judged);
    else list.rejected.push(judged);
  }
  return list;
}

/** Checks a header row and returns the field name of each column. */
export function readHeader(cells: string[]): string[] {
  const names = cells.map(fieldName);
  if (!names.includes("email")) throw new ContactListError("The list has no email column; the first row must name the columns, one of them email.");
  const seen = new Set<string>();
  for (const [i, name] of names.entries()) {
    if (name === "") throw new ContactListError(`Column ${i + 1} has no name in the header row.`);
    if (!FIELD_NAME.test(name)) throw new ContactListError(`The column "${singleLine(cells[i]!).slice(0, 60)}" cannot be used for piping; name columns with letters, digits and _ (like account_manager).`);
    if (name !== "email" && (RESERVED_FIELDS as readonly string[]).includes(name)) throw new ContactListError(`The column "${name}" is reserved for the email template; rename it.`);
    if (seen.has(name)) throw new ContactListError(`The column "${name}" appears twice in the header row.`);
    seen.add(name);
  }
  return names;
}

/**
 * Parses a CSV contact list with papaparse: a byte-order mark, CRLF or LF line ends,
 * quoted fields with commas or line breaks, and `,` `;` tab or `|` as the delimiter
 * (detected from the data). The header row is row 1; blank lines are not counted.
 */
export function readContactCsv(text: string, seen = new Set<string>()): ContactList & { columns: string[] } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { header: false, skipEmptyLines: "greedy", delimitersToGuess: [",", ";", "\t", "|"] });
  const [header, ...rows] = parsed.data;
  if (!header) throw new ContactListError("The list is empty; the first row must name the columns, one of them email.");
  const columns = readHeader(header);
  const broken = new Set(parsed.errors.filter((e) => e.type === "Quotes" && e.row !== undefined).map((e) => e.row!));
  const records: { row: number; record: Record<string, unknown> }[] = [];
  const rejected: Rejected[] = [];
  rows.forEach((cells, i) => {
    const row = i + 2;
    if (broken.has(i + 1) || cells.length > columns.length) {
      rejected.push({ row, reason: REJECT.malformed });
      return;
    }
    // A short row lacks its last columns; if email is among them, that is the reason given.
    records.push({ row, record: Object.fromEntries(columns.map((c, j) => [c, cells[j]])) });
  });
  const judged = judgeRecords(records, seen);
  return { columns, contacts: judged.contacts, rejected: [...rejected, ...judged.rejected].sort((a, b) => a.row - b.row) };
}

/** The fields a contact offers to `{{...}}` placeholders. The address is never among them. */
export function pipingFields(contact: Pick<Contact, "name" | "company" | "location" | "fields">): Record<string, string> {
  const out: Record<string, string> = { ...contact.fields };
  for (const key of STANDARD_FIELDS) if (contact[key]) out[key] = contact[key];
  return out;
}

/** The survey's spelling of a language a list names (`DE` and ` de ` are `de`), or undefined when the survey is not offered in it. */
export function offeredLanguage(requested: string, languages: readonly string[]): string | undefined {
  const wanted = requested.trim().toLowerCase();
  return languages.find((l) => l.toLowerCase() === wanted);
}

/** Most rows a refusal names one by one; the rest are counted. */
const NAMED_ROWS = 10;

/**
 * The rows of a list whose language the survey is not offered in, each with a sentence
 * naming the languages it is offered in (`languages`, the default first); empty when all fit.
 * `message` says it for the whole list, naming at most NAMED_ROWS rows.
 */
export function languageProblems(contacts: readonly ListedContact[], languages: readonly string[]): { rows: Record<string, string>; message: string } | undefined {
  const bad = contacts.filter((c) => c.contact.language !== undefined && offeredLanguage(c.contact.language, languages) === undefined);
  if (bad.length === 0) return undefined;
  const offered = languages.join(", ");
  const why = (c: ListedContact) => `language "${c.contact.language!.slice(0, 35)}" is not one this survey is offered in (${offered})`;
  const rows = Object.fromEntries(bad.map((c) => [String(c.row), why(c)]));
  const named = bad.slice(0, NAMED_ROWS).map((c) => `row ${c.row}: ${why(c)}`).join("; ");
  const more = bad.length > NAMED_ROWS ? `; and ${bad.length - NAMED_ROWS} more rows` : "";
  return { rows, message: `No invitations were stored: ${named}${more}. Use one of ${offered} in the language column, or leave it empty for ${languages[0]}.` };
}


/**
 * Contact lists in, for `POST /api/admin/surveys/<id>/invitations` (admin.ts).
 *
 * Takes `text/csv` with `source`, `client` and optionally `wave` as query parameters,
 * or JSON `{"source", "client", "wave"?, "contacts": [{"email", "name"?, …}]}`. A list
 * without a source is refused. Each accepted contact gets one invitation for this
 * survey and wave, and its message is put on the queue with `sendBatch`; no mail is
 * sent inside the request. Answers with a report:
 * `{accepted, rejected: [{row, reason, email?}], suppressed, already_invited, queued, pending}`.
 *
 * A `language` column (CSV) or field (JSON) names the language each contact is invited in:
 * one of the survey's `languages` (any case), empty for its default. A list naming another is
 * refused whole with a 422 naming each such row and the languages offered (`errors` by row),
 * so nothing of it is stored (`checkLanguages`).
 *
 * A request carries at most MAX_CONTACTS rows and MAX_UPLOAD_BYTES; longer lists go
 * through `canvass invite`, which splits them, so no request comes near the Worker's
 * memory, CPU or subrequest limits.
 *
 * @example
 *   curl -X POST -H "Authorization: Bearer $T" -H 'content-type: text/csv' --data-binary @contacts.csv \
 *     ':8787/api/admin/surveys/customer-feedback/invitations?source=client&client=Acme&wave=1'
 */
import type { Context } from "hono";
import { z } from "zod";
import {
  addressHash, ClientName, ContactListError, ContactSource, DEFAULT_WAVE, judgeRecords, languageProblems, offeredLanguage, readContactCsv, REJECT, Wave,
  type ContactList, type ListedContact,
} from "../../core/contacts.ts";
import { suppressionHash } from "../../core/email/suppression.ts";
import { config } from "../config.ts";
import { mediaType, readJsonBody } from "../http/body.ts";
import { Problem } from "../http/problems.ts";
import { enqueueRound } from "./enqueue.ts";
import { createInvitations, rekeySuppressions, suppressedAmong, unqueuedInvitations, upsertContacts } from "./store.ts";

export const MAX_CONTACTS = 2_000;
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
/** Contacts per D1 statement. */
const STATEMENT_ROWS = 500;

const ListMeta = z.object({
  source: z.unknown().transform((v, ctx) => {
    if (v === undefined || v === null || v === "") {
      ctx.addIssue({ code: "custom", message: 'every list must declare its source: "client" or "panel"' });
      return z.NEVER;
    }
    return v;
  }).pipe(ContactSource),
  client: ClientName,
  wave: Wave.default(DEFAULT_WAVE),
});
type ListMeta = z.output<typeof ListMeta>;

const JsonList = z.object({ source: z.unknown(), client: z.unknown(), wave: z.unknown().optional(), contacts: z.array(z.unknown()) });


function readMeta(raw: Record<string, unknown>): ListMeta {
  const parsed = ListMeta.safeParse({ ...raw, wave: raw.wave === "" || raw.wave === null ? undefined : raw.wave });
  if (!parsed.success) throw new Problem(422, parsed.error.issues.map((i) => `${i.path.join(".") || "list"}: ${i.message}`).join("; ") + ".");
  return parsed.data;
}

/** The list in the request, CSV or JSON, with its rows judged (core/contacts.ts) and counted. */
export async function readList(c: Context): Promise<{ meta: ListMeta; list: ContactList; rows: number }> {
  const type = mediaType(c);
  if (type === "text/csv") {
    const meta = readMeta({ source: c.req.query("source"), client: c.req.query("client"), wave: c.req.query("wave") });
    const text = await c.req.text();
    try {
      const list = readContactCsv(text);
      return { meta, list, rows: list.contacts.length + list.rejected.length };
    } catch (e) {
      if (e instanceof ContactListError) throw new Problem(422, e.message);
      throw e;
    }
  }
  if (type === "application/json") {
    const shape = JsonList.safeParse(await readJsonBody(c));
    if (!shape.success) throw new Problem(422, 'Send {"source": "client"|"panel", "client": "<name>", "contacts": [{"email": …}]}.');
    const meta = readMeta(shape.data);
    const records = shape.data.contacts.map((record, i) => ({
      row: i + 1,
      record: typeof record === "object" && record !== null && !Array.isArray(record) ? (record as Record<string, unknown>) : { email: undefined, _malformed: true },
    }));
    const malformed = records.filter((r) => r.record._malformed).map((r) => ({ row: r.row, reason: REJECT.malformed }));
    const list = judgeRecords(records.filter((r) => !r.record._malformed));
    return { meta, list: { contacts: list.contacts, rejected: [...malformed, ...list.rejected].sort((a, b) => a.row - b.row) }, rows: records.length };
  }
  throw new Problem(415, "Send the list as text/csv (with ?source=…&client=…) or as application/json.");
}

/**
 * The list's contacts with each language in the survey's spelling (`DE` → `de`; the default's
 * left out, so the invitation stores none), or a 422 naming every row whose language the
 * survey is not offered in.
 */
export function checkLanguages(contacts: ListedContact[], languages: readonly string[]): ListedContact[] {
  const problems = languageProblems(contacts, languages);
  if (problems) throw new Problem(422, problems.message, { fields: problems.rows });
  return contacts.map((l) => {
    const { language, ...contact } = l.contact;
    const offered = language === undefined ? undefined : offeredLanguage(language, languages);
    return { ...l, contact: offered && offered !== languages[0] ? { ...contact, language: offered } : contact };
  });
}

/** Stores what a list brings and enqueues the new invitations. */
export async function acceptContacts(env: Env, surveyId: string, meta: ListMeta, listed: ListedContact[]) {
  const now = new Date();
  const stamp = now.toISOString();
  const key = config(env).signingKey;
  const hashed = await Promise.all(listed.map(async (l) => ({ ...l, hash: await addressHash(l.normalised), keyed: await suppressionHash(l.normalised, key) })));
  // The old bare hash too: an opt-out from before the keyed hash still suppresses (store.ts).
  const suppressed = await suppressedAmong(env.DB, hashed.flatMap((h) => [h.keyed, h.hash]));
  const keep = hashed.filter((h) => !suppressed.has(h.keyed) && !suppressed.has(h.hash));
  // An unkeyed opt-out of an address this list holds is re-keyed now that its address is known.
  if (hashed.some((h) => suppressed.has(h.hash))) await rekeySuppressions(env.DB, hashed.filter((h) => suppressed.has(h.hash)));
  const batch = { surveyId, wave: meta.wave, client: meta.client, source: meta.source, now: stamp };
  const ids = new Map<string, string>();
  const created: string[] = [];
  // Slices keep each statement's JSON parameter well under D1's 2 MB value limit.
  for (let i = 0; i < keep.length; i += STATEMENT_ROWS) {
    const slice = keep.slice(i, i + STATEMENT_ROWS);
    const stored = await upsertContacts(
      env.DB,
      meta.client,
      meta.source,
      slice.map((k) => ({ id: crypto.randomUUID(), hash: k.hash, suppressionHash: k.keyed, email: k.contact.email, name: k.contact.name, company: k.contact.company, location: k.contact.location, fields: k.contact.fields })),
      stamp,
    );
    for (const [hash, id] of stored) ids.set(hash, id);
    created.push(...(await createInvitations(env.DB, batch, slice.map((k) => ({ id: crypto.randomUUID(), contact: stored.get(k.hash)!, language: k.contact.language })))));
  }
  const toQueue = await unqueuedInvitations(env.DB, surveyId, meta.wave, [...ids.values()]);
  const { queued, error } = await enqueueRound(env, 0, toQueue, now);
  if (error) console.error(`invitations: ${toQueue.length - queued} of ${toQueue.length} stored invitations could not be queued yet`, error);
  return { accepted: created.length, suppressed: listed.length - keep.length, already_invited: keep.length - created.length, queued, pending: toQueue.length - queued };
}

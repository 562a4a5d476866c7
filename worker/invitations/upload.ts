/**
 * Contact lists in: `POST /api/admin/surveys/<id>/invitations` (behind admin auth).
 *
 * Takes `text/csv` with `source`, `client` and optionally `wave` as query parameters,
 * or JSON `{"source", "client", "wave"?, "contacts": [{"email", "name"?, …}]}`. A list
 * without a source is refused. Each accepted contact gets one invitation for this
 * survey and wave, and its message is put on the queue with `sendBatch`; no mail is
 * sent inside the request. Answers with a report:
 * `{accepted, rejected: [{row, reason, email?}], suppressed, already_invited, queued, pending}`.
 *
 * A request carries at most MAX_CONTACTS rows and MAX_UPLOAD_BYTES; longer lists go
 * through `canvass invite`, which splits them, so no request comes near the Worker's
 * memory, CPU or subrequest limits.
 *
 * @example
 *   curl -X POST -H "Authorization: Bearer $T" -H 'content-type: text/csv' --data-binary @contacts.csv \
 *     ':8787/api/admin/surveys/customer-feedback/invitations?source=client&client=Acme&wave=1'
 */
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { availability } from "../../core/availability.ts";
import {
  addressHash, ClientName, ContactListError, ContactSource, DEFAULT_WAVE, judgeRecords, readContactCsv, REJECT, Wave,
  type ContactList, type ListedContact,
} from "../../core/contacts.ts";
import { Problem, renderProblem } from "../problems.ts";
import { findSurvey } from "../surveys.ts";
import { enqueueRound } from "./enqueue.ts";
import { createInvitations, suppressedAmong, unqueuedInvitations, upsertContacts } from "./store.ts";

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

export type UploadReport = {
  survey: string;
  wave: string;
  source: string;
  client: string;
  accepted: number;
  rejected: { row: number; reason: string; email?: string }[];
  suppressed: number;
  already_invited: number;
  /** Invitations put on the queue by this request. */
  queued: number;
  /** Stored but not yet on the queue (the queue refused); the daily sweep or a repeat of the upload queues them. */
  pending: number;
};

function readMeta(raw: Record<string, unknown>): ListMeta {
  const parsed = ListMeta.safeParse({ ...raw, wave: raw.wave === "" || raw.wave === null ? undefined : raw.wave });
  if (!parsed.success) throw new Problem(422, parsed.error.issues.map((i) => `${i.path.join(".") || "list"}: ${i.message}`).join("; ") + ".");
  return parsed.data;
}

async function readList(c: Context): Promise<{ meta: ListMeta; list: ContactList; rows: number }> {
  const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
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
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      throw new Problem(400, "The body is not valid JSON.");
    }
    const shape = JsonList.safeParse(body);
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

/** Stores what a list brings and enqueues the new invitations. */
export async function acceptContacts(env: Env, surveyId: string, meta: ListMeta, listed: ListedContact[]) {
  const now = new Date();
  const stamp = now.toISOString();
  const hashed = await Promise.all(listed.map(async (l) => ({ ...l, hash: await addressHash(l.normalised) })));
  const suppressed = await suppressedAmong(env.DB, hashed.map((h) => h.hash));
  const keep = hashed.filter((h) => !suppressed.has(h.hash));
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
      slice.map((k) => ({ id: crypto.randomUUID(), hash: k.hash, email: k.contact.email, name: k.contact.name, company: k.contact.company, location: k.contact.location, fields: k.contact.fields })),
      stamp,
    );
    for (const [hash, id] of stored) ids.set(hash, id);
    created.push(...(await createInvitations(env.DB, batch, slice.map((k) => ({ id: crypto.randomUUID(), contact: stored.get(k.hash)! })))));
  }
  const toQueue = await unqueuedInvitations(env.DB, surveyId, meta.wave, [...ids.values()]);
  const { queued, error } = await enqueueRound(env, 0, toQueue, now);
  if (error) console.error(`invitations: ${toQueue.length - queued} of ${toQueue.length} stored invitations could not be queued yet`, error);
  return { accepted: created.length, suppressed: listed.length - keep.length, already_invited: keep.length - created.length, queued, pending: toQueue.length - queued };
}

export const uploads = new Hono<{ Bindings: Env }>();

uploads.post(
  "/surveys/:survey/invitations",
  bodyLimit({
    maxSize: MAX_UPLOAD_BYTES,
    onError: (c) =>
      renderProblem(c, new Problem(413, `A list sent in one request is at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB and ${MAX_CONTACTS} contacts; \`canvass invite\` splits longer lists into requests of that size.`)),
  }),
  async (c) => {
    const surveyId = c.req.param("survey");
    const entry = await findSurvey(c.env, surveyId);
    if (!("survey" in entry)) throw new Problem(403, "This survey is a draft; invitations can be sent once it is open.");
    const state = availability(entry.survey, new Date());
    if (!state.open) throw new Problem(state.reason === "closed" || state.reason === "ended" ? 410 : 403, `${state.message} No invitations were stored.`);

    const { meta, list, rows } = await readList(c);
    if (rows > MAX_CONTACTS) throw new Problem(413, `This list has ${rows} rows; one request takes at most ${MAX_CONTACTS}. \`canvass invite\` splits longer lists.`);
    const counts = await acceptContacts(c.env, surveyId, meta, list.contacts);
    const report: UploadReport = { survey: surveyId, wave: meta.wave, source: meta.source, client: meta.client, ...counts, rejected: list.rejected };
    return c.json(report);
  },
);

/**
 * The invitation feature's admin routes (behind the admin bearer check, worker/app.ts),
 * three small apps mounted under their real prefixes:
 *
 * - `invitationsAdmin` at `/api/admin/surveys/<id>/invitations`:
 *   `POST /` uploads a contact list (upload.ts); `GET /[?wave=]` counts by status, the funnel, and lists the failed deliveries;
 *   `GET /contacts[?wave=][&cursor=][&limit=]` who answered: each invited contact's state and response (404 for an
 *   anonymous survey: its owner sees counts only, never which person gave which answers).
 * - `outboxAdmin` at `/api/admin/outbox`: `GET /[?to=&limit=]`, the development outbox, only when MAIL_TRANSPORT is "outbox".
 * - `contactsAdmin` at `/api/admin/contacts`: `POST /erase` `{"email"}` deletes every contact with that address
 *   (all clients) with their invitations; responses stay, unlinked; an opt-out stays.
 *
 * @example
 *   curl -H "Authorization: Bearer $T" :8787/api/admin/surveys/customer-feedback/invitations
 *   // {"survey": "customer-feedback", "invitations": 3, "answered": 1, "statuses": {"sent": 3}, "reminders": {},
 *   //  "funnel": {"invited": 3, "sent": 3, "answered": 1, "opted_out": 0, "failed": 0}, "failed": []}
 */
import { Hono } from "hono";
import { z } from "zod";
import type { OutboxList, UploadReport } from "../../core/api/invitations.ts";
import type { InvitationState, InvitedContact, InvitedContactPage } from "../../core/api/results.ts";
import { addressHash, Wave } from "../../core/contacts.ts";
import { normaliseEmail } from "../../core/email/address.ts";
import { lookupSurvey } from "../catalog.ts";
import { config } from "../config.ts";
import { limitBody, readJsonBody } from "../http/body.ts";
import { Problem } from "../http/problems.ts";
import { pageQuery, toPage } from "../http/paging.ts";
import { surveyOr404, surveyRefusal } from "../http/surveys.ts";
import { suppressionHashOf } from "./links.ts";
import { eraseContacts, invitationFunnel, invitationStatus, invitedContactsPage, isSuppressed, readOutbox, type InvitedContactRow } from "./store.ts";
import { acceptContacts, MAX_CONTACTS, MAX_UPLOAD_BYTES, readList } from "./upload.ts";

export const invitationsAdmin = new Hono<{ Bindings: Env }>();

invitationsAdmin.post(
  "/",
  limitBody(MAX_UPLOAD_BYTES, `A list sent in one request is at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB and ${MAX_CONTACTS} contacts; \`canvass invite\` splits longer lists into requests of that size.`),
  async (c) => {
    const surveyId = c.req.param("survey") ?? "";
    const found = await lookupSurvey(c.env, surveyId, new Date());
    if (found.state !== "open")
      throw surveyRefusal(found, { draft: "This survey is a draft; invitations can be sent once it is open.", afterDates: "No invitations were stored." });

    const { meta, list, rows } = await readList(c);
    if (rows > MAX_CONTACTS) throw new Problem(413, `This list has ${rows} rows; one request takes at most ${MAX_CONTACTS}. \`canvass invite\` splits longer lists.`);
    const counts = await acceptContacts(c.env, surveyId, meta, list.contacts);
    return c.json({ survey: surveyId, wave: meta.wave, source: meta.source, client: meta.client, ...counts, rejected: list.rejected } satisfies UploadReport);
  },
);

/** `?wave=`, or null for every wave; a 422 for a name no wave could have. */
function waveQuery(raw: string | undefined): string | null {
  const wave = raw === undefined ? null : Wave.safeParse(raw).data;
  if (wave === undefined) throw new Problem(422, "wave is 1–40 letters, digits, dots, dashes or underscores.");
  return wave;
}

invitationsAdmin.get("/", async (c) => {
  const survey = c.req.param("survey") ?? "";
  await surveyOr404(c.env, survey);
  const wave = waveQuery(c.req.query("wave"));
  const [{ rounds, invitations, answered, failed }, funnel] = await Promise.all([invitationStatus(c.env.DB, survey, wave), invitationFunnel(c.env.DB, survey, wave)]);
  const statuses: Record<string, number> = {};
  const reminders: Record<string, number> = {};
  for (const r of rounds) (r.reminder ? reminders : statuses)[r.status] = r.n;
  return c.json({ survey, ...(wave ? { wave } : {}), invitations, answered, statuses, reminders, funnel, failed });
});

/** Where an invitation stands: answered first, then an opt-out, then what became of the invitation email. */
function stateOf(row: InvitedContactRow): InvitationState {
  if (row.answered_at) return "answered";
  if (row.opted_out || row.delivery === "suppressed") return "opted_out";
  if (row.delivery === "sent") return "sent";
  // Cancelled: the survey closed (or the link was answered) before the email went out; it never reached them.
  if (row.delivery === "failed" || row.delivery === "cancelled") return "failed";
  return "queued";
}

function invitedContact(row: InvitedContactRow): InvitedContact {
  const { invitation, email, name, wave, reminders_sent, invited_at, answered_at, response_id } = row;
  return { invitation, email, name, wave, state: stateOf(row), reminders_sent, invited_at, answered_at, response_id };
}

const ANONYMOUS = "This survey is anonymous: who answered is never shown, only counts.";

invitationsAdmin.get("/contacts", async (c) => {
  const survey = c.req.param("survey") ?? "";
  const entry = await surveyOr404(c.env, survey);
  if ("survey" in entry && entry.survey.anonymous) throw new Problem(404, ANONYMOUS);
  const wave = waveQuery(c.req.query("wave"));
  const { after, limit } = pageQuery(c.req.query("cursor"), c.req.query("limit"));
  const rows = await invitedContactsPage(c.env.DB, survey, wave, { after, limit: limit + 1 });
  const { items, next } = toPage(rows, limit, (r) => ({ at: r.invited_at, id: r.invitation }));
  c.header("cache-control", "no-store");
  return c.json({ contacts: items.map(invitedContact), next } satisfies InvitedContactPage);
});

export const outboxAdmin = new Hono<{ Bindings: Env }>();

outboxAdmin.get("/", async (c) => {
  if (config(c.env).mailTransport !== "outbox") throw new Problem(404, "There is no outbox: this deployment sends real mail (MAIL_TRANSPORT is not outbox).");
  const limit = Math.min(Math.max(Number.parseInt(c.req.query("limit") ?? "50", 10) || 50, 1), 500);
  return c.json({ messages: await readOutbox(c.env.DB, { limit, to: c.req.query("to") }) } satisfies OutboxList);
});

export const contactsAdmin = new Hono<{ Bindings: Env }>();

const Erase = z.strictObject({ email: z.string().min(3).max(320) });

contactsAdmin.post("/erase", async (c) => {
  const parsed = Erase.safeParse(await readJsonBody(c).catch(() => undefined));
  if (!parsed.success) throw new Problem(422, 'Send {"email": "<address>"}.');
  const normalised = normaliseEmail(parsed.data.email);
  const hash = await addressHash(normalised);
  const erased = await eraseContacts(c.env.DB, hash, normalised);
  return c.json({ erased_contacts: erased, opted_out: await isSuppressed(c.env.DB, await suppressionHashOf(c.env, normalised), hash) });
});

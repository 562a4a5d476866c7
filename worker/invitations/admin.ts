/**
 * The invitation feature's admin routes (behind the admin bearer check, worker/app.ts),
 * three small apps mounted under their real prefixes:
 *
 * - `invitationsAdmin` at `/api/admin/surveys/<id>/invitations`:
 *   `POST /` uploads a contact list (upload.ts); `GET /[?wave=]` counts by status and lists the failed deliveries.
 * - `outboxAdmin` at `/api/admin/outbox`: `GET /[?to=&limit=]`, the development outbox, only when MAIL_TRANSPORT is "outbox".
 * - `contactsAdmin` at `/api/admin/contacts`: `POST /erase` `{"email"}` deletes every contact with that address
 *   (all clients) with their invitations; responses stay, unlinked; an opt-out stays.
 *
 * @example
 *   curl -H "Authorization: Bearer $T" :8787/api/admin/surveys/customer-feedback/invitations
 *   // {"survey": "customer-feedback", "invitations": 3, "answered": 1, "statuses": {"sent": 3}, "reminders": {}, "failed": []}
 */
import { Hono } from "hono";
import { z } from "zod";
import type { OutboxList, UploadReport } from "../../core/api/invitations.ts";
import { addressHash, Wave } from "../../core/contacts.ts";
import { normaliseEmail } from "../../core/email/address.ts";
import { lookupSurvey } from "../catalog.ts";
import { config } from "../config.ts";
import { limitBody, readJsonBody } from "../http/body.ts";
import { Problem } from "../http/problems.ts";
import { surveyIdOr404, surveyRefusal } from "../http/surveys.ts";
import { eraseContacts, invitationStatus, isSuppressed, readOutbox } from "./store.ts";
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

invitationsAdmin.get("/", async (c) => {
  const survey = surveyIdOr404(c.req.param("survey") ?? "");
  const waveParam = c.req.query("wave");
  const wave = waveParam === undefined ? null : Wave.safeParse(waveParam).data;
  if (wave === undefined) throw new Problem(422, "wave is 1–40 letters, digits, dots, dashes or underscores.");
  const { rounds, invitations, answered, failed } = await invitationStatus(c.env.DB, survey, wave);
  const statuses: Record<string, number> = {};
  const reminders: Record<string, number> = {};
  for (const r of rounds) (r.reminder ? reminders : statuses)[r.status] = r.n;
  return c.json({ survey, ...(wave ? { wave } : {}), invitations, answered, statuses, reminders, failed });
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
  return c.json({ erased_contacts: erased, opted_out: await isSuppressed(c.env.DB, hash) });
});

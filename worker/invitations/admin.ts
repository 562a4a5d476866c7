/**
 * The invitation feature's admin routes, mounted on the `admin` sub-app (so behind
 * its bearer auth):
 *
 * - `POST /api/admin/surveys/<id>/invitations`: upload a contact list (upload.ts).
 * - `GET  /api/admin/surveys/<id>/invitations[?wave=]`: counts by status and the failed deliveries.
 * - `GET  /api/admin/outbox[?to=&limit=]`: the development outbox, only when MAIL_TRANSPORT is "outbox".
 * - `POST /api/admin/contacts/erase` `{"email"}`: deletes every contact with that address (all
 *   clients) with their invitations; responses stay, unlinked; an opt-out stays.
 *
 * @example
 *   curl -H "Authorization: Bearer $T" :8787/api/admin/surveys/customer-feedback/invitations
 *   // {"survey": "customer-feedback", "invitations": 3, "answered": 1, "statuses": {"sent": 3}, "reminders": {}, "failed": []}
 */
import { Hono } from "hono";
import { z } from "zod";
import { addressHash, normaliseEmail, Wave } from "../../core/contacts.ts";
import { Problem } from "../problems.ts";
import { surveyIdOr404 } from "../surveys.ts";
import { transportKind } from "./config.ts";
import { readOutbox } from "./transports/outbox.ts";
import { uploads } from "./upload.ts";

export const invitationsAdmin = new Hono<{ Bindings: Env }>();

invitationsAdmin.route("/", uploads);

type Count = { status: string; n: number };

invitationsAdmin.get("/surveys/:survey/invitations", async (c) => {
  const survey = surveyIdOr404(c.req.param("survey"));
  const waveParam = c.req.query("wave");
  const wave = waveParam === undefined ? null : Wave.safeParse(waveParam).data;
  if (wave === undefined) throw new Problem(422, "wave is 1–40 letters, digits, dots, dashes or underscores.");
  const db = c.env.DB;
  const scope = "i.survey_id = ?1 AND (?2 IS NULL OR i.wave = ?2)";
  const [rounds, totals, failed] = await db.batch([
    db.prepare(`SELECT d.round > 0 AS reminder, d.status, count(*) AS n FROM deliveries d JOIN invitations i ON i.id = d.invitation_id WHERE ${scope} GROUP BY 1, 2`).bind(survey, wave),
    db.prepare(`SELECT count(*) AS invitations, count(i.answered_at) AS answered FROM invitations i WHERE ${scope}`).bind(survey, wave),
    db
      .prepare(
        `SELECT i.id AS invitation, i.wave, d.round, c.email, d.attempts, d.last_error AS error, d.updated_at AS at
         FROM deliveries d JOIN invitations i ON i.id = d.invitation_id JOIN contacts c ON c.id = i.contact_id
         WHERE ${scope} AND d.status = 'failed' ORDER BY d.updated_at DESC LIMIT 500`,
      )
      .bind(survey, wave),
  ]);
  const statuses: Record<string, number> = {};
  const reminders: Record<string, number> = {};
  for (const r of rounds!.results as (Count & { reminder: number })[]) (r.reminder ? reminders : statuses)[r.status] = r.n;
  const total = (totals!.results[0] ?? { invitations: 0, answered: 0 }) as { invitations: number; answered: number };
  return c.json({ survey, ...(wave ? { wave } : {}), invitations: total.invitations, answered: total.answered, statuses, reminders, failed: failed!.results });
});

invitationsAdmin.get("/outbox", async (c) => {
  if (transportKind(c.env) !== "outbox") throw new Problem(404, "There is no outbox: this deployment sends real mail (MAIL_TRANSPORT is not outbox).");
  const limit = Math.min(Math.max(Number.parseInt(c.req.query("limit") ?? "50", 10) || 50, 1), 500);
  return c.json({ messages: await readOutbox(c.env.DB, { limit, to: c.req.query("to") }) });
});

const Erase = z.strictObject({ email: z.string().min(3).max(320) });

invitationsAdmin.post("/contacts/erase", async (c) => {
  const parsed = Erase.safeParse(await c.req.json().catch(() => undefined));
  if (!parsed.success) throw new Problem(422, 'Send {"email": "<address>"}.');
  const normalised = normaliseEmail(parsed.data.email);
  const hash = await addressHash(normalised);
  const db = c.env.DB;
  const [contacts] = await db.batch([
    db.prepare("DELETE FROM contacts WHERE address_hash = ?1 RETURNING id").bind(hash),
    db.prepare("DELETE FROM outbox WHERE lower(recipient) = ?1").bind(normalised),
  ]);
  const suppressed = await db.prepare("SELECT 1 AS x FROM suppressions WHERE address_hash = ?1").bind(hash).first();
  return c.json({ erased_contacts: contacts!.results.length, opted_out: suppressed !== null });
});

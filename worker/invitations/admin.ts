/**
 * The invitation feature's admin routes (behind the admin bearer check, worker/app.ts),
 * three small apps mounted under their real prefixes:
 *
 * - `invitationsAdmin` at `/api/admin/surveys/<id>/invitations`:
 *   `POST /` uploads a contact list (upload.ts); `GET /[?wave=]` counts by status, the funnel, and lists the failed deliveries;
 *   `GET /contacts[?wave=][&cursor=][&limit=]` who answered: each invited contact's state and response (404 for an
 *   anonymous survey: its owner sees counts only, never which person gave which answers).
 * - `outboxAdmin` at `/api/admin/outbox`: `GET /[?to=&limit=]`, the development outbox, only when MAIL_TRANSPORT is "outbox".
 * (`POST /api/admin/contacts/erase` is the people feature's now: worker/people/admin.ts.)
 *
 * A client token (worker/http/scope.ts) sees only its own client's surveys (another's is the
 * 404 of an unknown survey), uploads lists only under its own client, reads only the outbox
 * mail of its surveys (its erasures: worker/people/erase.ts).
 *
 * @example
 *   curl -H "Authorization: Bearer $T" :8787/api/admin/surveys/customer-feedback/invitations
 *   // {"survey": "customer-feedback", "invitations": 3, "answered": 1, "statuses": {"sent": 3}, "reminders": {},
 *   //  "funnel": {"invited": 3, "sent": 3, "answered": 1, "opted_out": 0, "failed": 0}, "failed": []}
 */
import { Hono } from "hono";
import type { OutboxList, UploadReport } from "../../core/api/invitations.ts";
import type { InvitationState, InvitedContact, InvitedContactPage } from "../../core/api/results.ts";
import { Wave } from "../../core/contacts.ts";
import { surveyLanguages } from "../../core/i18n/versions.ts";
import { lookupSurvey } from "../catalog.ts";
import type { AdminEnv } from "../http/auth.ts";
import { config } from "../config.ts";
import { limitBody } from "../http/body.ts";
import { Problem } from "../http/problems.ts";
import { pageQuery, toPage } from "../http/paging.ts";
import { clientNames, readableSurveys, surveyForCaller } from "../http/scope.ts";
import { surveyRefusal } from "../http/surveys.ts";
import { invitationFunnel, invitationStatus, invitedContactsPage, readOutbox, type InvitedContactRow } from "./store.ts";
import { acceptContacts, checkLanguages, MAX_CONTACTS, MAX_UPLOAD_BYTES, readList } from "./upload.ts";

export const invitationsAdmin = new Hono<AdminEnv>();

invitationsAdmin.post(
  "/",
  limitBody(MAX_UPLOAD_BYTES, `A list sent in one request is at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB and ${MAX_CONTACTS} contacts; \`canvass invite\` splits longer lists into requests of that size.`),
  async (c) => {
    const surveyId = c.req.param("survey") ?? "";
    // Another client's survey is refused as an unknown one, before its state could tell it exists.
    await surveyForCaller(c, surveyId);
    const found = await lookupSurvey(c.env, surveyId, new Date());
    if (found.state !== "open")
      throw surveyRefusal(found, { draft: "This survey is a draft; invitations can be sent once it is open.", afterDates: "No invitations were stored." });

    const { meta, list, rows } = await readList(c);
    const names = clientNames(c.get("caller"));
    if (names && !names.includes(meta.client)) throw new Problem(422, `This token sends invitations for ${names[1]} only: set client to "${names[1]}" (or "${names[0]}").`);
    if (rows > MAX_CONTACTS) throw new Problem(413, `This list has ${rows} rows; one request takes at most ${MAX_CONTACTS}. \`canvass invite\` splits longer lists.`);
    const contacts = checkLanguages(list.contacts, surveyLanguages(found.published));
    const counts = await acceptContacts(c.env, surveyId, meta, contacts);
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
  await surveyForCaller(c, survey);
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
  const entry = await surveyForCaller(c, survey);
  if ("survey" in entry && entry.survey.anonymous) throw new Problem(404, ANONYMOUS);
  const wave = waveQuery(c.req.query("wave"));
  const { after, limit } = pageQuery(c.req.query("cursor"), c.req.query("limit"));
  const rows = await invitedContactsPage(c.env.DB, survey, wave, { after, limit: limit + 1 });
  const { items, next } = toPage(rows, limit, (r) => ({ at: r.invited_at, id: r.invitation }));
  c.header("cache-control", "no-store");
  return c.json({ contacts: items.map(invitedContact), next } satisfies InvitedContactPage);
});

export const outboxAdmin = new Hono<AdminEnv>();

outboxAdmin.get("/", async (c) => {
  if (config(c.env).mailTransport !== "outbox") throw new Problem(404, "There is no outbox: this deployment sends real mail (MAIL_TRANSPORT is not outbox).");
  const limit = Math.min(Math.max(Number.parseInt(c.req.query("limit") ?? "50", 10) || 50, 1), 500);
  const caller = c.get("caller");
  // A client token reads only the mail of its own surveys' invitations.
  const surveys = caller.kind === "owner" ? undefined : (await readableSurveys(c.env, caller)).map((s) => s.id);
  return c.json({ messages: await readOutbox(c.env.DB, { limit, to: c.req.query("to"), surveys }) } satisfies OutboxList);
});

/**
 * Contacts, invitations, deliveries, suppressions and the development outbox in D1: all
 * of the invitation feature's SQL. Lists are written a chunk at a time with one statement
 * per table: the rows travel as one JSON parameter read with `json_each`, which keeps
 * every statement far below D1's 100 bound parameters and its per-invocation query
 * budget, however many rows a chunk has.
 *
 * Opt-outs (`suppressions`) are kept by the keyed suppression hash of the address
 * (core/email/suppression.ts), never the address. Rows from before migration 0008 hold
 * the bare SHA-256 (`keyed = 0`): every check also looks for that old hash of the address
 * at hand, so they keep suppressing, and `rekeyKnownSuppressions` replaces each one whose
 * address is still held as a contact (run at every upload and by the daily cron). The
 * trade-off, chosen because the alternative is to forget opt-outs: a row whose contact
 * was deleted before it could be re-keyed stays unkeyed until that address is uploaded
 * again. `contacts.address_hash` stays the bare SHA-256: it sits beside the address in
 * clear and goes with the contact, so keying it would hide nothing.
 *
 * Opt-out links name an `optout_keys` row (an opaque random id per address), so the
 * link carries nothing computed from the address and still works after its contact is
 * deleted.
 */
import type { OutboxMessage } from "../../core/api/invitations.ts";
import type { InvitationFunnel } from "../../core/api/results.ts";
import { pipingFields, type ContactSource } from "../../core/contacts.ts";
import type { PageKey } from "../http/paging.ts";

/** A delivery is the invitation itself (round 0) or reminder number `round`. */
export type DeliveryRef = { invitation: string; round: number };
export type DeliveryStatus = "queued" | "sending" | "retrying" | "sent" | "failed" | "suppressed" | "cancelled";
export const FINAL_STATUSES: readonly DeliveryStatus[] = ["sent", "failed", "suppressed", "cancelled"];

export type NewContact = {
  id: string;
  hash: string;
  /** The keyed suppression hash of the address (core/email/suppression.ts). */
  suppressionHash: string;
  email: string;
  name?: string | undefined;
  company?: string | undefined;
  location?: string | undefined;
  fields: Record<string, string>;
};

/** Which of these address hashes are on the suppression list. */
export async function suppressedAmong(db: D1Database, hashes: string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const { results } = await db
    .prepare("SELECT address_hash FROM suppressions WHERE address_hash IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify(hashes))
    .all<{ address_hash: string }>();
  return new Set(results.map((r) => r.address_hash));
}

/**
 * Inserts or updates the contacts of one list for one client. A later list fills in
 * what it has and keeps what it lacks (a list without a name column erases no names).
 * Returns the stored contact id by address hash.
 */
export async function upsertContacts(db: D1Database, client: string, source: ContactSource, contacts: NewContact[], now: string): Promise<Map<string, string>> {
  if (contacts.length === 0) return new Map();
  const { results } = await db
    .prepare(
      `INSERT INTO contacts (id, client, source, email, address_hash, suppression_hash, name, company, location, fields, created_at, updated_at)
       SELECT json_extract(value, '$.id'), ?2, ?3, json_extract(value, '$.email'), json_extract(value, '$.hash'),
              json_extract(value, '$.suppressionHash'),
              json_extract(value, '$.name'), json_extract(value, '$.company'), json_extract(value, '$.location'),
              json_extract(value, '$.fields'), ?4, ?4
       FROM json_each(?1) WHERE true
       ON CONFLICT (client, address_hash) DO UPDATE SET
         source = excluded.source, email = excluded.email, suppression_hash = excluded.suppression_hash,
         name = coalesce(excluded.name, contacts.name), company = coalesce(excluded.company, contacts.company),
         location = coalesce(excluded.location, contacts.location),
         fields = json_patch(contacts.fields, excluded.fields), updated_at = excluded.updated_at
       RETURNING id, address_hash`,
    )
    .bind(JSON.stringify(contacts), client, source, now)
    .all<{ id: string; address_hash: string }>();
  return new Map(results.map((r) => [r.address_hash, r.id]));
}

export type InvitationBatch = { surveyId: string; wave: string; client: string; source: ContactSource; now: string };

/**
 * Creates one invitation (and its round-0 delivery) per contact that has none for this
 * survey and wave, in one transaction. Returns the ids of the invitations created.
 */
/** `language`: the language the invitation is sent in, when the list named one (one of the survey's). */
export async function createInvitations(db: D1Database, b: InvitationBatch, rows: { id: string; contact: string; language?: string | undefined }[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const json = JSON.stringify(rows);
  const [created] = await db.batch<{ id: string }>([
    db
      .prepare(
        `INSERT INTO invitations (id, contact_id, survey_id, wave, source, client, created_at, language)
         SELECT json_extract(value, '$.id'), json_extract(value, '$.contact'), ?2, ?3, ?4, ?5, ?6, json_extract(value, '$.language') FROM json_each(?1) WHERE true
         ON CONFLICT (contact_id, survey_id, wave) DO NOTHING RETURNING id`,
      )
      .bind(json, b.surveyId, b.wave, b.source, b.client, b.now),
    db
      .prepare(
        `INSERT INTO deliveries (invitation_id, round, status, created_at, updated_at)
         SELECT id, 0, 'queued', ?2, ?2 FROM invitations WHERE id IN (SELECT json_extract(value, '$.id') FROM json_each(?1))
         ON CONFLICT DO NOTHING`,
      )
      .bind(json, b.now),
  ]);
  return created!.results.map((r) => r.id);
}

/**
 * Round-0 deliveries of these contacts' invitations (this survey and wave) that the
 * queue has not accepted yet: the ones just created, and any left by an upload that
 * died between storing and enqueueing.
 */
export async function unqueuedInvitations(db: D1Database, surveyId: string, wave: string, contactIds: string[]): Promise<string[]> {
  if (contactIds.length === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT d.invitation_id AS id FROM deliveries d JOIN invitations i ON i.id = d.invitation_id
       WHERE d.round = 0 AND d.enqueued_at IS NULL AND d.status = 'queued' AND i.survey_id = ?2 AND i.wave = ?3
         AND i.contact_id IN (SELECT value FROM json_each(?1))`,
    )
    .bind(JSON.stringify(contactIds), surveyId, wave)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

export async function markEnqueued(db: D1Database, round: number, invitationIds: string[], now: string): Promise<void> {
  if (invitationIds.length === 0) return;
  await db
    .prepare("UPDATE deliveries SET enqueued_at = ?3 WHERE round = ?2 AND invitation_id IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify(invitationIds), round, now)
    .run();
}

/** Deliveries still waiting to be enqueued: reminders just made, and round-0 rows older than `staleBefore`. */
export async function deliveriesToEnqueue(db: D1Database, staleBefore: string, limit: number): Promise<DeliveryRef[]> {
  const { results } = await db
    .prepare(
      `SELECT invitation_id AS invitation, round FROM deliveries
       WHERE enqueued_at IS NULL AND status = 'queued' AND (round > 0 OR created_at <= ?1)
       ORDER BY created_at LIMIT ?2`,
    )
    .bind(staleBefore, limit)
    .all<DeliveryRef>();
  return results;
}

/** Adds an opt-out; `keyed` is false only for an old link whose address is no longer held (routes.ts). True when it is new. */
export async function addSuppression(db: D1Database, hash: string, via: "one-click" | "page", now: string, keyed = true): Promise<boolean> {
  const r = await db
    .prepare("INSERT INTO suppressions (address_hash, created_at, via, keyed) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
    .bind(hash, now, via, keyed ? 1 : 0)
    .run();
  return r.meta.changes === 1;
}

/** Whether any of these hashes of one address (its keyed hash, and its old bare SHA-256) is on the suppression list. */
export async function isSuppressed(db: D1Database, ...hashes: string[]): Promise<boolean> {
  return (await suppressedAmong(db, hashes)).size > 0;
}

/** The opaque id an opt-out link names for this keyed hash: made once per address, then reused. */
export async function optoutIdFor(db: D1Database, suppressionHash: string, now: string): Promise<string> {
  const row = await db
    .prepare(
      `INSERT INTO optout_keys (id, suppression_hash, created_at) VALUES (?1, ?2, ?3)
       ON CONFLICT (suppression_hash) DO UPDATE SET suppression_hash = excluded.suppression_hash RETURNING id`,
    )
    .bind(crypto.randomUUID(), suppressionHash, now)
    .first<{ id: string }>();
  return row!.id;
}

/** The keyed hash an opt-out link's id stands for, or null for an id never handed out. */
export async function suppressionHashOfOptout(db: D1Database, id: string): Promise<string | null> {
  const row = await db.prepare("SELECT suppression_hash FROM optout_keys WHERE id = ?1").bind(id).first<{ suppression_hash: string }>();
  return row?.suppression_hash ?? null;
}

/** A held contact's address for an old-style opt-out link (which named the bare SHA-256), or null when none is held. */
export async function addressOfLegacyHash(db: D1Database, legacyHash: string): Promise<string | null> {
  const row = await db.prepare("SELECT email FROM contacts WHERE address_hash = ?1 LIMIT 1").bind(legacyHash).first<{ email: string }>();
  return row?.email ?? null;
}

/** Contacts stored before migration 0008, still without their keyed hash: at most `limit`. */
export async function contactsWithoutSuppressionHash(db: D1Database, limit: number): Promise<{ id: string; email: string }[]> {
  const { results } = await db.prepare("SELECT id, email FROM contacts WHERE suppression_hash IS NULL LIMIT ?1").bind(limit).all<{ id: string; email: string }>();
  return results;
}

export async function setSuppressionHashes(db: D1Database, rows: { id: string; hash: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .prepare("UPDATE contacts SET suppression_hash = json_extract(r.value, '$.hash') FROM json_each(?1) r WHERE contacts.id = json_extract(r.value, '$.id')")
    .bind(JSON.stringify(rows))
    .run();
}

/** Replaces the unkeyed suppressions among these addresses (old bare hash and keyed hash of each) by keyed ones, in one transaction. */
export async function rekeySuppressions(db: D1Database, addresses: { hash: string; keyed: string }[]): Promise<void> {
  if (addresses.length === 0) return;
  const json = JSON.stringify(addresses);
  await db.batch([
    db
      .prepare(
        `INSERT INTO suppressions (address_hash, created_at, via, keyed)
         SELECT json_extract(a.value, '$.keyed'), s.created_at, s.via, 1
         FROM json_each(?1) a JOIN suppressions s ON s.address_hash = json_extract(a.value, '$.hash') AND s.keyed = 0
         WHERE true ON CONFLICT DO NOTHING`,
      )
      .bind(json),
    db.prepare("DELETE FROM suppressions WHERE keyed = 0 AND address_hash IN (SELECT json_extract(value, '$.hash') FROM json_each(?1))").bind(json),
  ]);
}

/**
 * Replaces every unkeyed suppression whose address is held as a contact (with its keyed
 * hash known) by the keyed one, keeping when and how it arrived; in one transaction.
 * Returns how many unkeyed rows went.
 */
export async function rekeyKnownSuppressions(db: D1Database): Promise<number> {
  const [, removed] = await db.batch([
    db.prepare(
      `INSERT INTO suppressions (address_hash, created_at, via, keyed)
       SELECT c.suppression_hash, min(s.created_at), min(s.via), 1
       FROM suppressions s JOIN contacts c ON c.address_hash = s.address_hash
       WHERE s.keyed = 0 AND c.suppression_hash IS NOT NULL GROUP BY c.suppression_hash
       ON CONFLICT DO NOTHING`,
    ),
    db.prepare(
      `DELETE FROM suppressions WHERE keyed = 0
       AND address_hash IN (SELECT address_hash FROM contacts WHERE suppression_hash IS NOT NULL)`,
    ),
  ]);
  return removed!.meta.changes;
}

/** What sending one delivery needs: the invitation, its contact, and whether it has been answered. */
export type DeliveryContext = ContactColumns & {
  id: string;
  survey_id: string;
  wave: string;
  client: string;
  source: ContactSource;
  answered_at: string | null;
  /** The language to write in (one of the survey's), or null for the survey's default. */
  language: string | null;
  email: string;
  address_hash: string;
  suppression_hash: string | null;
};

export async function deliveryContext(db: D1Database, invitationId: string): Promise<DeliveryContext | null> {
  return db
    .prepare(
      `SELECT i.id, i.survey_id, i.wave, i.client, i.source, i.answered_at, i.language,
              c.email, c.address_hash, c.suppression_hash, c.name, c.company, c.location, c.fields
       FROM invitations i JOIN contacts c ON c.id = i.contact_id WHERE i.id = ?1`,
    )
    .bind(invitationId)
    .first<DeliveryContext>();
}

/** A contact's piping columns as stored (custom fields as a JSON object). */
export type ContactColumns = { name: string | null; company: string | null; location: string | null; fields: string };

/** The one conversion from stored contact columns to `{{field}}` values, for the page and for the email alike. */
export function pipingFieldsOf(row: ContactColumns): Record<string, string> {
  return pipingFields({
    name: row.name ?? undefined,
    company: row.company ?? undefined,
    location: row.location ?? undefined,
    fields: JSON.parse(row.fields) as Record<string, string>,
  });
}

/** An invitation with its contact's piping columns, as a personal link shows it. */
export type LinkedInvitation = ContactColumns & { id: string; survey_id: string; answered_at: string | null };

export async function linkedInvitation(db: D1Database, id: string): Promise<LinkedInvitation | null> {
  return db
    .prepare("SELECT i.id, i.survey_id, i.answered_at, c.name, c.company, c.location, c.fields FROM invitations i JOIN contacts c ON c.id = i.contact_id WHERE i.id = ?1")
    .bind(id)
    .first<LinkedInvitation>();
}

/** Marks the invitation answered at `stamp` unless it already is; true when this call marked it. */
export async function markAnswered(db: D1Database, id: string, stamp: string): Promise<boolean> {
  const r = await db.prepare("UPDATE invitations SET answered_at = ?2 WHERE id = ?1 AND answered_at IS NULL").bind(id, stamp).run();
  return r.meta.changes === 1;
}

/** Undoes `markAnswered` (the response could not be stored after all). */
export async function unmarkAnswered(db: D1Database, id: string, stamp: string): Promise<void> {
  await db.prepare("UPDATE invitations SET answered_at = NULL WHERE id = ?1 AND answered_at = ?2").bind(id, stamp).run();
}

/** Counts for the admin: deliveries by status (invitations and reminders apart), invitations and answers, the failed deliveries. */
export async function invitationStatus(db: D1Database, survey: string, wave: string | null) {
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
  const total = (totals!.results[0] ?? { invitations: 0, answered: 0 }) as { invitations: number; answered: number };
  return { rounds: rounds!.results as { reminder: number; status: string; n: number }[], ...total, failed: failed!.results };
}

/** One invitation with its contact and delivery facts, for the owner's "who answered" list. */
export type InvitedContactRow = {
  invitation: string;
  email: string;
  name: string | null;
  wave: string;
  invited_at: string;
  answered_at: string | null;
  /** The status of the invitation email itself (round 0), null if it has no delivery row. */
  delivery: DeliveryStatus | null;
  /** 1 when the address is on the opt-out list. */
  opted_out: number;
  reminders_sent: number;
  response_id: string | null;
};

/**
 * One page of a survey's invitations (one wave, or all), in the order they were made,
 * each with the response its personal link brought in. Never call this for an
 * anonymous survey: its responses carry no invitation, and its owner sees counts only.
 */
export async function invitedContactsPage(db: D1Database, survey: string, wave: string | null, range: { after: PageKey | null; limit: number }): Promise<InvitedContactRow[]> {
  const { results } = await db
    .prepare(
      `SELECT i.id AS invitation, c.email, c.name, i.wave, i.created_at AS invited_at, i.answered_at, d.status AS delivery,
              EXISTS (SELECT 1 FROM suppressions s WHERE s.address_hash IN (c.suppression_hash, c.address_hash)) AS opted_out,
              (SELECT count(*) FROM deliveries r WHERE r.invitation_id = i.id AND r.round > 0 AND r.status = 'sent') AS reminders_sent,
              (SELECT id FROM responses WHERE invitation_id = i.id) AS response_id
       FROM invitations i JOIN contacts c ON c.id = i.contact_id LEFT JOIN deliveries d ON d.invitation_id = i.id AND d.round = 0
       WHERE i.survey_id = ?1 AND (?2 IS NULL OR i.wave = ?2) AND (?3 IS NULL OR (i.created_at, i.id) > (?3, ?4))
       ORDER BY i.created_at, i.id LIMIT ?5`,
    )
    .bind(survey, wave, range.after?.at ?? null, range.after?.id ?? null, range.limit)
    .all<InvitedContactRow>();
  return results;
}

/**
 * The invitation funnel of a survey (one wave, or all): invitations made, invitation
 * emails sent, invitations answered, invited addresses opted out, invitation emails that
 * failed (or were cancelled before going out). Counts only, safe for an anonymous survey.
 */
export async function invitationFunnel(db: D1Database, survey: string, wave: string | null): Promise<InvitationFunnel> {
  const row = await db
    .prepare(
      `SELECT count(*) AS invited,
              coalesce(sum(d.status = 'sent'), 0) AS sent,
              count(i.answered_at) AS answered,
              coalesce(sum(d.status = 'suppressed' OR EXISTS (SELECT 1 FROM suppressions s WHERE s.address_hash IN (c.suppression_hash, c.address_hash))), 0) AS opted_out,
              coalesce(sum(d.status IN ('failed', 'cancelled')), 0) AS failed
       FROM invitations i JOIN contacts c ON c.id = i.contact_id LEFT JOIN deliveries d ON d.invitation_id = i.id AND d.round = 0
       WHERE i.survey_id = ?1 AND (?2 IS NULL OR i.wave = ?2)`,
    )
    .bind(survey, wave)
    .first<InvitationFunnel>();
  return row ?? { invited: 0, sent: 0, answered: 0, opted_out: 0, failed: 0 };
}

/**
 * One person as an erasure finds them: the address normalised (core/email/address.ts) and
 * its suppression hash. Rows are matched by either, so a contact stored under an older
 * kind of hash is still found by its address.
 */
/** A person to erase: the normalised address, its old bare SHA-256 (`hash`, what contacts are keyed by) and its keyed suppression hash. */
export type Person = { normalised: string; hash: string; suppressionHash: string };

/** `?3` in the erasure statements: a JSON list of survey ids, or NULL for every survey (the owner's erasure). */
const surveysParam = (surveys: readonly string[] | null) => (surveys === null ? null : JSON.stringify(surveys));
const PERSONS_CONTACTS = "SELECT id FROM contacts WHERE address_hash = ?1 OR lower(email) = ?2";
const IN_SURVEYS = (column: string) => `(?3 IS NULL OR ${column} IN (SELECT value FROM json_each(?3)))`;

/**
 * The contacts a client's erasure deletes whole: this person's contacts that are the
 * client's (uploaded under one of `clientNames`, its id or its name, as uploads by its
 * token must be; or invited to its surveys) and invited to no other client's survey.
 * Those that are also another client's keep their row; only the client's invitations go.
 */
export async function contactsToErase(db: D1Database, person: Person, clientNames: readonly string[], surveys: readonly string[]): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT c.id FROM contacts c WHERE c.id IN (${PERSONS_CONTACTS})
         AND (c.client IN (SELECT value FROM json_each(?4)) OR EXISTS (SELECT 1 FROM invitations i WHERE i.contact_id = c.id AND ${IN_SURVEYS("i.survey_id")}))
         AND NOT EXISTS (SELECT 1 FROM invitations o WHERE o.contact_id = c.id AND o.survey_id NOT IN (SELECT value FROM json_each(?3)))`,
    )
    .bind(person.hash, person.normalised, surveysParam(surveys), JSON.stringify(clientNames))
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/**
 * The invitation feature's part of an erasure, as statements for the caller's one D1
 * batch (worker/people/erase.ts), in this order: the development outbox's copies of the
 * person's mail, their invitations to `surveys` (null: every survey; deliveries go with
 * them), their contacts (`contactIds`, or null for every contact with the address; a
 * listed contact that still has an invitation is kept), and a keyed suppression entry so
 * the address is never invited again (replacing an unkeyed one). The deletes return their ids: D1's change count would
 * include the rows that go with them (deliveries). Responses linked to the invitations must be erased
 * before this runs (worker/responses/store.ts): deleting an invitation unlinks them.
 */
export function erasePersonStatements(db: D1Database, person: Person, surveys: readonly string[] | null, contactIds: readonly string[] | null, now: string) {
  const args = [person.hash, person.normalised, surveysParam(surveys)] as const;
  return {
    // A reminder's key is `<invitation>.r<round>` (compose.ts deliveryKey).
    outbox: db
      .prepare(
        `DELETE FROM outbox WHERE lower(recipient) = ?2 AND (?3 IS NULL OR
           (CASE WHEN instr(idempotency_key, '.r') > 0 THEN substr(idempotency_key, 1, instr(idempotency_key, '.r') - 1) ELSE idempotency_key END)
           IN (SELECT id FROM invitations WHERE contact_id IN (${PERSONS_CONTACTS}) AND ${IN_SURVEYS("survey_id")}))`,
      )
      .bind(...args),
    invitations: db.prepare(`DELETE FROM invitations WHERE contact_id IN (${PERSONS_CONTACTS}) AND ${IN_SURVEYS("survey_id")} RETURNING id`).bind(...args),
    contacts:
      contactIds === null
        ? db.prepare(`DELETE FROM contacts WHERE id IN (${PERSONS_CONTACTS}) RETURNING id`).bind(person.hash, person.normalised)
        : db
            .prepare("DELETE FROM contacts WHERE id IN (SELECT value FROM json_each(?1)) AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.contact_id = contacts.id) RETURNING id")
            .bind(JSON.stringify(contactIds)),
    // The keyed entry stays (taking over an unkeyed one's date and cause), the unkeyed one goes: after
    // an erasure nothing computable from the address alone is left (core/email/suppression.ts).
    suppression: db
      .prepare(
        `INSERT INTO suppressions (address_hash, created_at, via, keyed)
         SELECT ?2, coalesce(old.created_at, ?3), coalesce(old.via, 'erasure'), 1
         FROM (SELECT 1) LEFT JOIN suppressions old ON old.address_hash = ?1 AND old.keyed = 0
         WHERE true ON CONFLICT DO NOTHING`,
      )
      .bind(person.hash, person.suppressionHash, now),
    unkeyed: db.prepare("DELETE FROM suppressions WHERE address_hash = ?1 AND keyed = 0").bind(person.hash),
  };
}

/**
 * Makes today's reminders of one survey: the next round for every sent, unanswered,
 * not opted-out invitation whose last email went out on or before `sentBy` (a day),
 * up to `count` reminders. Returns how many were made.
 */
export async function createReminders(db: D1Database, surveyId: string, o: { now: string; sentBy: string; count: number }): Promise<number> {
  const r = await db
    .prepare(
      `INSERT INTO deliveries (invitation_id, round, status, created_at, updated_at)
       SELECT d.invitation_id, d.round + 1, 'queued', ?2, ?2
       FROM deliveries d JOIN invitations i ON i.id = d.invitation_id JOIN contacts c ON c.id = i.contact_id
       WHERE i.survey_id = ?1 AND i.answered_at IS NULL
         AND d.status = 'sent' AND substr(d.sent_at, 1, 10) <= ?3 AND d.round < ?4
         AND d.round = (SELECT max(round) FROM deliveries last WHERE last.invitation_id = d.invitation_id)
         AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.address_hash IN (c.suppression_hash, c.address_hash))
       ON CONFLICT DO NOTHING`,
    )
    .bind(surveyId, o.now, o.sentBy, o.count)
    .run();
  return r.meta.changes;
}

/** The surveys with unanswered invitations: the ones the reminders task looks at. */
export async function surveysAwaitingAnswers(db: D1Database): Promise<string[]> {
  const { results } = await db.prepare("SELECT DISTINCT survey_id FROM invitations WHERE answered_at IS NULL").all<{ survey_id: string }>();
  return results.map((r) => r.survey_id);
}

/** Claims a waiting delivery for sending (or takes over a stale `sending` one, if `canResend`); its attempt count, or null. */
export async function claimDelivery(db: D1Database, d: DeliveryRef, o: { now: string; staleBefore: string; canResend: boolean }): Promise<number | null> {
  const claimed = await db
    .prepare(
      `UPDATE deliveries SET status = 'sending', attempts = attempts + 1, updated_at = ?3
       WHERE invitation_id = ?1 AND round = ?2
         AND (status IN ('queued', 'retrying') OR (?5 AND status = 'sending' AND updated_at < ?4))
       RETURNING attempts`,
    )
    .bind(d.invitation, d.round, o.now, o.staleBefore, o.canResend ? 1 : 0)
    .first<{ attempts: number }>();
  return claimed?.attempts ?? null;
}

export async function deliveryState(db: D1Database, d: DeliveryRef): Promise<{ status: DeliveryStatus; updated_at: string } | null> {
  return db
    .prepare("SELECT status, updated_at FROM deliveries WHERE invitation_id = ?1 AND round = ?2")
    .bind(d.invitation, d.round)
    .first<{ status: DeliveryStatus; updated_at: string }>();
}

/** Moves a delivery in one of the `from` statuses to `status`; true when it moved. */
export async function setDeliveryStatus(
  db: D1Database,
  d: DeliveryRef,
  o: { status: DeliveryStatus; now: string; from: DeliveryStatus[]; providerMessageId?: string | undefined; error?: string | undefined },
): Promise<boolean> {
  const r = await db
    .prepare(
      `UPDATE deliveries SET status = ?3, updated_at = ?4,
         provider_message_id = coalesce(?5, provider_message_id),
         sent_at = CASE WHEN ?3 = 'sent' THEN ?4 ELSE sent_at END,
         last_error = CASE WHEN ?3 = 'sent' THEN NULL ELSE coalesce(?6, last_error) END
       WHERE invitation_id = ?1 AND round = ?2 AND status IN (SELECT value FROM json_each(?7))`,
    )
    .bind(d.invitation, d.round, o.status, o.now, o.providerMessageId ?? null, o.error?.slice(0, 500) ?? null, JSON.stringify(o.from))
    .run();
  return r.meta.changes === 1;
}

/** The dead-letter queue gave up on this delivery: failed, keeping the last error. */
export async function markDeliveryFailed(db: D1Database, d: DeliveryRef, now: string): Promise<void> {
  await db
    .prepare(
      `UPDATE deliveries SET status = 'failed', updated_at = ?3,
         last_error = substr('gave up after ' || attempts || ' attempts: ' || coalesce(last_error, 'no error recorded'), 1, 500)
       WHERE invitation_id = ?1 AND round = ?2 AND status IN ('queued', 'retrying', 'sending')`,
    )
    .bind(d.invitation, d.round, now)
    .run();
}

export type OutboxRow = { idempotencyKey: string; recipient: string; subject: string; headers: Record<string, string>; text: string; html: string; raw: string; createdAt: string };

/** Keeps one message in the development outbox, once per idempotency key; answers its row id. */
export async function keepInOutbox(db: D1Database, m: OutboxRow): Promise<string> {
  await db
    .prepare(
      `INSERT INTO outbox (id, idempotency_key, recipient, subject, headers, text, html, raw, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (idempotency_key) DO NOTHING`,
    )
    .bind(crypto.randomUUID(), m.idempotencyKey, m.recipient, m.subject, JSON.stringify(m.headers), m.text, m.html, m.raw, m.createdAt)
    .run();
  const row = await db.prepare("SELECT id FROM outbox WHERE idempotency_key = ?1").bind(m.idempotencyKey).first<{ id: string }>();
  return row!.id;
}

/**
 * Newest first; `to` filters by recipient address (case-insensitive); `surveys`, when
 * given, keeps only the mail of those surveys' invitations (a client token's outbox).
 * A message's idempotency key is its invitation id, with `.r<n>` for a reminder
 * (compose.ts `deliveryKey`).
 */
export async function readOutbox(db: D1Database, opts: { limit: number; to?: string | undefined; surveys?: string[] | undefined }): Promise<OutboxMessage[]> {
  const stmt = db
    .prepare(
      `SELECT * FROM outbox o WHERE (?2 IS NULL OR lower(o.recipient) = lower(?2))
         AND (?3 IS NULL OR EXISTS (SELECT 1 FROM invitations i WHERE i.survey_id IN (SELECT value FROM json_each(?3))
              AND i.id = (CASE WHEN instr(o.idempotency_key, '.r') > 0 THEN substr(o.idempotency_key, 1, instr(o.idempotency_key, '.r') - 1) ELSE o.idempotency_key END)))
       ORDER BY o.created_at DESC, o.rowid DESC LIMIT ?1`,
    )
    .bind(opts.limit, opts.to || null, opts.surveys ? JSON.stringify(opts.surveys) : null);
  const { results } = await stmt.all<{ id: string; recipient: string; subject: string; headers: string; text: string; html: string; created_at: string }>();
  return results.map((r) => ({ id: r.id, to: r.recipient, subject: r.subject, headers: JSON.parse(r.headers) as Record<string, string>, text: r.text, html: r.html, created_at: r.created_at }));
}

/**
 * Contacts, invitations, deliveries and suppressions in D1. Lists are written a chunk
 * at a time with one statement per table: the rows travel as one JSON parameter read
 * with `json_each`, which keeps every statement far below D1's 100 bound parameters
 * and its per-invocation query budget, however many rows a chunk has.
 */
import type { ContactSource } from "../../core/contacts.ts";

/** A delivery is the invitation itself (round 0) or reminder number `round`. */
export type DeliveryRef = { invitation: string; round: number };
export type DeliveryStatus = "queued" | "sending" | "retrying" | "sent" | "failed" | "suppressed" | "cancelled";
export const FINAL_STATUSES: readonly DeliveryStatus[] = ["sent", "failed", "suppressed", "cancelled"];

export type NewContact = {
  id: string;
  hash: string;
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
      `INSERT INTO contacts (id, client, source, email, address_hash, name, company, location, fields, created_at, updated_at)
       SELECT json_extract(value, '$.id'), ?2, ?3, json_extract(value, '$.email'), json_extract(value, '$.hash'),
              json_extract(value, '$.name'), json_extract(value, '$.company'), json_extract(value, '$.location'),
              json_extract(value, '$.fields'), ?4, ?4
       FROM json_each(?1) WHERE true
       ON CONFLICT (client, address_hash) DO UPDATE SET
         source = excluded.source, email = excluded.email,
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
export async function createInvitations(db: D1Database, b: InvitationBatch, rows: { id: string; contact: string }[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const json = JSON.stringify(rows);
  const [created] = await db.batch<{ id: string }>([
    db
      .prepare(
        `INSERT INTO invitations (id, contact_id, survey_id, wave, source, client, created_at)
         SELECT json_extract(value, '$.id'), json_extract(value, '$.contact'), ?2, ?3, ?4, ?5, ?6 FROM json_each(?1) WHERE true
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

export async function addSuppression(db: D1Database, hash: string, via: "one-click" | "page", now: string): Promise<boolean> {
  const r = await db.prepare("INSERT INTO suppressions (address_hash, created_at, via) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING").bind(hash, now, via).run();
  return r.meta.changes === 1;
}

export async function isSuppressed(db: D1Database, hash: string): Promise<boolean> {
  return (await db.prepare("SELECT 1 AS x FROM suppressions WHERE address_hash = ?1").bind(hash).first()) !== null;
}

/** What sending one delivery needs: the invitation, its contact, and whether it has been answered. */
export type DeliveryContext = {
  id: string;
  survey_id: string;
  wave: string;
  client: string;
  source: ContactSource;
  answered_at: string | null;
  email: string;
  address_hash: string;
  name: string | null;
  company: string | null;
  location: string | null;
  fields: string;
};

export async function deliveryContext(db: D1Database, invitationId: string): Promise<DeliveryContext | null> {
  return db
    .prepare(
      `SELECT i.id, i.survey_id, i.wave, i.client, i.source, i.answered_at,
              c.email, c.address_hash, c.name, c.company, c.location, c.fields
       FROM invitations i JOIN contacts c ON c.id = i.contact_id WHERE i.id = ?1`,
    )
    .bind(invitationId)
    .first<DeliveryContext>();
}

/**
 * Leads in D1 (migrations/0004_leads.sql), all of the paper feature's SQL: one row per paper and person. Asking again
 * updates that row — the latest details and consent answer win, and the request is
 * counted — so a second request never becomes a second lead. A person is recognised by
 * their address normalised as everywhere else (core/contacts.ts: trimmed, lowercased).
 *
 * Leads are deleted by the daily cron (cron.ts) once `retention.leadsDays` have passed since
 * the person's last request: the period the privacy page states (canvass.config.ts).
 *
 * The form's guards (guards.ts) count here too (migrations/0005_paper_guards.sql): one
 * atomic upsert per request counts it, so simultaneous requests cannot both read the
 * old count;
 */
import { normaliseEmail } from "../../core/email/address.ts";
import type { LeadRequest } from "../../core/leads.ts";

export type NewLead = { paper: string; lead: LeadRequest; consentHash: string; at: Date };

/** The columns an admin export has, in order. */
export const LEAD_COLUMNS = [
  "id", "paper", "email", "name", "company", "job_title", "marketing_consent",
  "consent_text_hash", "consent_at", "created_at", "last_requested_at", "requests",
] as const;
export type StoredLead = {
  id: string; paper: string; email: string; name: string | null; company: string | null; job_title: string | null;
  marketing_consent: boolean; consent_text_hash: string; consent_at: string; created_at: string; last_requested_at: string; requests: number;
};

/** Stores or refreshes the lead; answers its id (the same id on every request by the same person for the same paper). */
export async function saveLead(db: D1Database, l: NewLead): Promise<string> {
  const at = l.at.toISOString();
  const row = await db
    .prepare(
      `INSERT INTO leads (id, paper, email, email_normalised, name, company, job_title, marketing_consent, consent_text_hash, consent_at, created_at, last_requested_at, requests)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?10, 1)
       ON CONFLICT (paper, email_normalised) DO UPDATE SET
         email = excluded.email, name = excluded.name, company = excluded.company, job_title = excluded.job_title,
         marketing_consent = excluded.marketing_consent, consent_text_hash = excluded.consent_text_hash,
         consent_at = excluded.consent_at, last_requested_at = excluded.last_requested_at, requests = leads.requests + 1
       RETURNING id`,
    )
    .bind(
      crypto.randomUUID(), l.paper, l.lead.email, normaliseEmail(l.lead.email),
      l.lead.name ?? null, l.lead.company ?? null, l.lead.job_title ?? null,
      l.lead.marketing_consent ? 1 : 0, l.consentHash, at,
    )
    .first<{ id: string }>();
  if (!row) throw new Error("saving a lead returned no row");
  return row.id;
}

/** Every lead, or one paper's; `papers`, when given, keeps only those papers' leads (a client token's). */
export async function listLeads(db: D1Database, paper?: string, papers?: string[]): Promise<StoredLead[]> {
  const columns = LEAD_COLUMNS.join(", ");
  const stmt = db
    .prepare(`SELECT ${columns} FROM leads WHERE (?1 IS NULL OR paper = ?1) AND (?2 IS NULL OR paper IN (SELECT value FROM json_each(?2))) ORDER BY created_at, id`)
    .bind(paper ?? null, papers ? JSON.stringify(papers) : null);
  const { results } = await stmt.all<Omit<StoredLead, "marketing_consent"> & { marketing_consent: number }>();
  return results.map((r) => ({ ...r, marketing_consent: r.marketing_consent === 1 }));
}

/** The statement that erases one person's leads (worker/people/erase.ts), for `papers` (slugs; null: every paper). */
export function eraseLeadsStatement(db: D1Database, normalised: string, papers: readonly string[] | null): D1PreparedStatement {
  return db
    .prepare("DELETE FROM leads WHERE email_normalised = ?1 AND (?2 IS NULL OR paper IN (SELECT value FROM json_each(?2))) RETURNING id")
    .bind(normalised, papers === null ? null : JSON.stringify(papers));
}

/** Deletes leads whose last request is older than `days` (all of them when no period is set: none may be kept). */
export async function purgeLeads(db: D1Database, days: number | undefined, now: Date): Promise<number> {
  const cutoff = days === undefined ? "9999" : new Date(now.getTime() - days * 86_400_000).toISOString();
  const result = await db.prepare("DELETE FROM leads WHERE last_requested_at < ?1").bind(cutoff).run();
  return result.meta.changes;
}

/** Counts one request under `key` (an HMAC, never an address) in `hour`; answers the count including this one. */
export async function countRequest(db: D1Database, key: string, hour: number): Promise<number> {
  const row = await db
    .prepare("INSERT INTO paper_rate (key, hour, n) VALUES (?1, ?2, 1) ON CONFLICT (key) DO UPDATE SET n = n + 1 RETURNING n")
    .bind(key, hour)
    .first<{ n: number }>();
  if (!row) throw new Error("counting a request returned no row");
  return row.n;
}

/** Marks a form ticket used; false when it was used before (the insert found its nonce). */
export async function useTicket(db: D1Database, nonce: string, expiresAt: number): Promise<boolean> {
  const result = await db
    .prepare("INSERT INTO paper_tickets_used (nonce, expires_at) VALUES (?1, ?2) ON CONFLICT (nonce) DO NOTHING")
    .bind(nonce, expiresAt)
    .run();
  return result.meta.changes === 1;
}

/** Deletes the counts of hours before `hour` and the used tickets that have expired by `nowSeconds`. */
export async function purgeGuards(db: D1Database, hour: number, nowSeconds: number): Promise<number> {
  const [counts, tickets] = await db.batch([
    db.prepare("DELETE FROM paper_rate WHERE hour < ?1").bind(hour),
    db.prepare("DELETE FROM paper_tickets_used WHERE expires_at < ?1").bind(nowSeconds),
  ]);
  return (counts?.meta.changes ?? 0) + (tickets?.meta.changes ?? 0);
}

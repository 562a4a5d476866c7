/**
 * The development transport: every message is stored in D1 (`outbox`) instead of being
 * sent, readable at GET /api/admin/outbox and with `canvass outbox`. One row per
 * idempotency key, so it deduplicates exactly as a real provider with idempotency keys.
 */
import type { MailTransport, OutgoingMail } from "./transport.ts";
import { mailbox } from "../../../core/email/mime.ts";

export type OutboxMessage = { id: string; to: string; subject: string; headers: Record<string, string>; text: string; html: string; created_at: string };

export function outboxTransport(db: D1Database, now: () => Date = () => new Date()): MailTransport {
  return {
    name: "outbox",
    deduplicates: true,
    async send(mail: OutgoingMail) {
      const headers = { From: mailbox(mail.from), To: mailbox(mail.to), Subject: mail.subject, ...Object.fromEntries(mail.headers) };
      await db
        .prepare(
          `INSERT INTO outbox (id, idempotency_key, recipient, subject, headers, text, html, raw, created_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (idempotency_key) DO NOTHING`,
        )
        .bind(crypto.randomUUID(), mail.idempotencyKey, mail.to.address, mail.subject, JSON.stringify(headers), mail.text, mail.html, mail.raw, now().toISOString())
        .run();
      const row = await db.prepare("SELECT id FROM outbox WHERE idempotency_key = ?1").bind(mail.idempotencyKey).first<{ id: string }>();
      return { messageId: `outbox:${row!.id}` };
    },
  };
}

/** Newest first; `to` filters by recipient address (case-insensitive). */
export async function readOutbox(db: D1Database, opts: { limit: number; to?: string | undefined }): Promise<OutboxMessage[]> {
  const stmt = opts.to
    ? db.prepare("SELECT * FROM outbox WHERE lower(recipient) = lower(?2) ORDER BY created_at DESC, rowid DESC LIMIT ?1").bind(opts.limit, opts.to)
    : db.prepare("SELECT * FROM outbox ORDER BY created_at DESC, rowid DESC LIMIT ?1").bind(opts.limit);
  const { results } = await stmt.all<{ id: string; recipient: string; subject: string; headers: string; text: string; html: string; created_at: string }>();
  return results.map((r) => ({ id: r.id, to: r.recipient, subject: r.subject, headers: JSON.parse(r.headers) as Record<string, string>, text: r.text, html: r.html, created_at: r.created_at }));
}

export async function readRawMessage(db: D1Database, idempotencyKey: string): Promise<string | null> {
  const row = await db.prepare("SELECT raw FROM outbox WHERE idempotency_key = ?1").bind(idempotencyKey).first<{ raw: string }>();
  return row?.raw ?? null;
}

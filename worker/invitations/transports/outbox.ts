/**
 * The development transport: every message is stored in D1 (`outbox`) instead of being
 * sent, readable at GET /api/admin/outbox and with `canvass outbox`. One row per
 * idempotency key, so it deduplicates exactly as a real provider with idempotency keys.
 */
import { mailbox } from "../../../core/email/mime.ts";
import { keepInOutbox } from "../store.ts";
import type { MailTransport, OutgoingMail } from "./transport.ts";

export function outboxTransport(db: D1Database, now: () => Date = () => new Date()): MailTransport {
  return {
    name: "outbox",
    deduplicates: true,
    async send(mail: OutgoingMail) {
      const headers = { From: mailbox(mail.from), To: mailbox(mail.to), Subject: mail.subject, ...Object.fromEntries(mail.headers) };
      const id = await keepInOutbox(db, {
        idempotencyKey: mail.idempotencyKey, recipient: mail.to.address, subject: mail.subject, headers,
        text: mail.text, html: mail.html, raw: mail.raw, createdAt: now().toISOString(),
      });
      return { messageId: `outbox:${id}` };
    },
  };
}

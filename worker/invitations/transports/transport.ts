/**
 * How an email leaves Canvass. Three implementations, chosen by MAIL_TRANSPORT
 * (worker/config.ts): the development outbox (D1), Cloudflare's Email Service binding,
 * and an HTTP provider API. Each reports whether it deduplicates by idempotency key,
 * which decides what the consumer may do with a send whose outcome is unknown.
 */
import type { Mailbox } from "../../../core/email/mime.ts";

export type OutgoingMail = {
  /** Stable per delivery (invitation id, plus `.r<n>` for reminder n): the provider's idempotency key. */
  idempotencyKey: string;
  from: Mailbox;
  to: Mailbox;
  subject: string;
  text: string;
  html: string;
  /** Extra headers in order: List-Unsubscribe, List-Unsubscribe-Post, X-Canvass-Delivery. */
  headers: [string, string][];
  /** The complete RFC 5322 message, for transports that take raw MIME or store it. */
  raw: string;
};

export type MailTransport = {
  name: string;
  /** True when sending the same idempotency key twice yields one email. */
  deduplicates: boolean;
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
};

/** A failed send. `retryable` failures are retried with backoff; the others fail the delivery at once. */
export class MailError extends Error {
  override name = "MailError";
  readonly retryable: boolean;
  constructor(message: string, retryable: boolean) {
    super(message);
    this.retryable = retryable;
  }
}

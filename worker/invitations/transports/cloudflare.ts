/**
 * Cloudflare Email Service through the Workers `send_email` binding (wrangler.toml:
 * `[[send_email]] name = "EMAIL"`), with the structured builder form of `send()`:
 * the service writes Date, Message-ID and the MIME structure itself and signs with
 * DKIM, so we hand it the parts and our extra headers (List-Unsubscribe,
 * List-Unsubscribe-Post and an X- header naming the delivery), not raw MIME.
 *
 * The binding documents no idempotency key, so this transport does not deduplicate:
 * a send whose outcome is unknown is marked failed instead of being sent again.
 * Every thrown error is treated as transient; the queue's retries and dead-letter
 * queue bound the attempts.
 */
import type { MailTransport, OutgoingMail } from "./transport.ts";
import { MailError } from "./transport.ts";

/** The part of the binding this transport uses (the `SendEmail` type of workers-types). */
export type EmailBinding = Pick<SendEmail, "send">;

export function cloudflareTransport(binding: EmailBinding | undefined): MailTransport {
  return {
    name: "cloudflare",
    deduplicates: false,
    async send(mail: OutgoingMail) {
      if (!binding) throw new MailError('MAIL_TRANSPORT is "cloudflare" but there is no EMAIL binding; add [[send_email]] name = "EMAIL" to wrangler.toml', true);
      try {
        const result = await binding.send({
          from: mail.from.name ? { name: mail.from.name, email: mail.from.address } : mail.from.address,
          to: mail.to.address,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: Object.fromEntries(mail.headers),
        });
        return { messageId: result.messageId };
      } catch (e) {
        throw new MailError(`Email Service: ${e instanceof Error ? e.message : String(e)}`, true);
      }
    },
  };
}

/**
 * A generic HTTP mail provider API: `POST <MAIL_API_URL>` with a bearer key, an
 * `Idempotency-Key` header (the delivery's key, so a resend after a crash is one
 * email), and a JSON body `{from, to, subject, text, html, headers}`; a 2xx answer
 * carries the provider's message id as `id` (Resend's API has exactly this shape;
 * others take a small adapter here).
 *
 * 408, 409 (the same key is still being processed), 425, 429 and 5xx, and network
 * errors or timeouts, are transient; any other 4xx is permanent (a bad address, a
 * rejected sender) and fails the delivery without retrying.
 */
import { mailbox } from "../../../core/email/mime.ts";
import type { MailTransport, OutgoingMail } from "./transport.ts";
import { MailError } from "./transport.ts";

export type HttpTransportOptions = { url: string; key: string; fetch?: typeof fetch; timeoutMs?: number };

const TRANSIENT = new Set([408, 409, 425, 429]);

export function httpTransport(opts: HttpTransportOptions): MailTransport {
  const doFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  return {
    name: "http",
    deduplicates: true,
    async send(mail: OutgoingMail) {
      let res: Response;
      try {
        res = await doFetch(opts.url, {
          method: "POST",
          headers: {
            authorization: `Bearer ${opts.key}`,
            "content-type": "application/json",
            accept: "application/json",
            "idempotency-key": mail.idempotencyKey,
          },
          body: JSON.stringify({
            from: mailbox(mail.from),
            to: [mail.to.address],
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
            headers: Object.fromEntries(mail.headers),
          }),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
        });
      } catch (e) {
        throw new MailError(`mail API unreachable: ${e instanceof Error ? e.message : String(e)}`, true);
      }
      const body = await res.text();
      if (!res.ok) throw new MailError(`mail API answered ${res.status}: ${body.slice(0, 200)}`, res.status >= 500 || TRANSIENT.has(res.status));
      let id: unknown;
      try {
        const json = JSON.parse(body) as Record<string, unknown>;
        id = json.id ?? json.message_id ?? json.messageId;
      } catch {
        /* fall through */
      }
      if (typeof id !== "string" || id === "") throw new MailError(`mail API answered ${res.status} without a message id`, false);
      return { messageId: id };
    },
  };
}

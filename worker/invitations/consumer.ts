/**
 * The `canvass-invitations` queue consumer: renders and sends one email per message.
 *
 * Each message names a delivery (an invitation, round 0, or reminder n). The row is
 * claimed with a conditional update before anything is sent, so a redelivered message
 * finds it taken and sends nothing; the suppression list is read again right before
 * the send, so an opt-out that arrives while the message waits still stops it; the
 * outcome is recorded after. A transient failure sets the row back to `retrying` and
 * retries the message with exponential backoff; when the queue's retries run out the
 * message goes to the dead-letter queue, whose consumer (dead-letter.ts) marks the
 * delivery failed for the admin to see. A permanent failure (the provider refuses the
 * mail for good, or the MIME builder refuses to compose it: composing again would
 * give the same result) marks the delivery failed at once with the reason, no retries.
 *
 * @example
 *   // worker/queues.ts
 *   "canvass-invitations": consumeInvitations,
 */
import { HeaderInjectionError } from "../../core/email/mime.ts";
import { redactTokens } from "../../core/tokens.ts";
import type { Survey } from "../../core/model.ts";
import { lookupSurvey } from "../catalog.ts";
import { composeMail } from "./compose.ts";
import { suppressionHashOf } from "./links.ts";
import { claim, finish } from "./deliveries.ts";
import { sweep, type InvitationMessage } from "./enqueue.ts";
import { deliveryContext, isSuppressed, type DeliveryRef } from "./store.ts";
import { transportFor } from "./transports/index.ts";
import { MailError, type MailTransport } from "./transports/transport.ts";

/** What the consumer runs with; tests replace the transport and the clock. */
export type ConsumerDeps = { transport?: MailTransport; now?: () => Date };

/** First retry after 30 s, doubling, at most six hours (Queues allows up to 24 h). */
export function backoffSeconds(attempt: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempt - 1), 6 * 3600);
}

export function readMessage(body: unknown): InvitationMessage | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const b = body as Record<string, unknown>;
  if (b.sweep === true) return { sweep: true };
  if (typeof b.invitation === "string" && b.invitation.length <= 100 && Number.isInteger(b.round) && (b.round as number) >= 0)
    return { invitation: b.invitation, round: b.round as number };
  return undefined;
}

export async function consumeInvitations(batch: MessageBatch<unknown>, env: Env, _ctx?: ExecutionContext, deps: ConsumerDeps = {}): Promise<void> {
  const now = deps.now ?? (() => new Date());
  let transport: MailTransport;
  try {
    transport = deps.transport ?? transportFor(env);
  } catch (e) {
    console.error("invitations: cannot send:", e instanceof Error ? e.message : e);
    batch.retryAll({ delaySeconds: 300 });
    return;
  }
  for (const message of batch.messages) await handle(message, env, transport, now);
}

async function handle(message: Message<unknown>, env: Env, transport: MailTransport, now: () => Date): Promise<void> {
  const body = readMessage(message.body);
  if (!body) {
    console.error("invitations: dropping a message that names no delivery", JSON.stringify(message.body).slice(0, 200));
    message.ack();
    return;
  }
  if ("sweep" in body) {
    await sweep(env, now());
    message.ack();
    return;
  }
  const claimed = await claim(env.DB, body, now(), transport.deduplicates);
  if (claimed.outcome === "busy") return message.retry({ delaySeconds: claimed.retryInSeconds });
  if (claimed.outcome !== "claimed") return message.ack();
  try {
    await deliver(env, body, transport, now);
    message.ack();
  } catch (e) {
    // A provider's answer may quote the message: its links' tokens never reach the log or the row.
    const error = redactTokens(e instanceof Error ? e.message : String(e));
    if ((e instanceof MailError && !e.retryable) || e instanceof HeaderInjectionError) {
      await finish(env.DB, body, "failed", now(), { error });
      message.ack();
      return;
    }
    console.warn(`invitations: delivery ${body.invitation}/${body.round} attempt ${message.attempts} failed: ${error}`);
    await finish(env.DB, body, "retrying", now(), { error });
    message.retry({ delaySeconds: backoffSeconds(message.attempts) });
  }
}

/** Why a delivery to an open survey should not be sent at all, or undefined to send it. */
function reasonNotToSend(survey: Survey, answeredAt: string | null, round: number): string | undefined {
  if (round > 0 && answeredAt) return "answered before this reminder was due";
  if (round > 0 && (!survey.reminders || round > survey.reminders.count)) return "the survey no longer asks for this reminder";
  return undefined;
}

async function deliver(env: Env, ref: DeliveryRef, transport: MailTransport, now: () => Date): Promise<void> {
  const ctx = await deliveryContext(env.DB, ref.invitation);
  if (!ctx) return; // the contact was deleted while the message waited; its rows went with it
  const found = await lookupSurvey(env, ctx.survey_id, now());
  const reason = found.state === "open" ? reasonNotToSend(found.published.survey, ctx.answered_at, ref.round) : found.message;
  if (reason || found.state !== "open") {
    await finish(env.DB, ref, "cancelled", now(), { error: `not sent: ${reason}` });
    return;
  }
  const mail = await composeMail(env, ctx, found.published, ref.round, now());
  // Checked again here, not only at upload: someone may have opted out while the message waited.
  if (await isSuppressed(env.DB, await suppressionHashOf(env, ctx.email), ctx.address_hash)) {
    await finish(env.DB, ref, "suppressed", now(), { error: "not sent: the address opted out" });
    return;
  }
  const { messageId } = await transport.send(mail);
  await finish(env.DB, ref, "sent", now(), { providerMessageId: messageId });
}

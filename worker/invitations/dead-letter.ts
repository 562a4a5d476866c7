/**
 * The `canvass-invitations-dlq` consumer: a message lands here when the invitations
 * queue has retried it `max_retries` times. Its delivery is marked `failed`, keeping
 * the last error, so GET /api/admin/surveys/<id>/invitations lists it; nothing is
 * dropped silently.
 */
import { readMessage } from "./consumer.ts";
import { markDeliveryFailed } from "./store.ts";

export async function markInvitationsFailed(batch: MessageBatch<unknown>, env: Env, _ctx?: ExecutionContext, now: () => Date = () => new Date()): Promise<void> {
  for (const message of batch.messages) {
    const body = readMessage(message.body);
    if (body && !("sweep" in body)) {
      await markDeliveryFailed(env.DB, body, now().toISOString());
    } else if (body) {
      console.warn("invitations: a sweep request was dead-lettered; the next daily sweep picks up where it stopped");
    }
    message.ack();
  }
}

/**
 * Queue consumers by queue name (see wrangler.toml). Each feature registers its own;
 * a batch from a queue with no consumer here is retried, so nothing is dropped while
 * a consumer is missing.
 */
import { markInvitationsFailed } from "./invitations/dead-letter.ts";
import { consumeInvitations } from "./invitations/consumer.ts";
import { consumeHits } from "./stats/consumer.ts";
import { discardFailedHits } from "./stats/dead-letter.ts";

export type QueueConsumer = (batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext) => Promise<void>;

export const queueConsumers: Record<string, QueueConsumer> = {
  "canvass-invitations": consumeInvitations,
  "canvass-invitations-dlq": markInvitationsFailed,
  "canvass-hits": consumeHits,
  "canvass-hits-dlq": discardFailedHits,
};

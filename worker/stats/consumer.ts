/**
 * The `canvass-hits` queue consumer: validates each message, folds the batch
 * (core/stats/fold.ts) and records it in one D1 transaction (store.ts). A message that is
 * not a valid `Hit` cannot become valid by retrying, so it is acknowledged and dropped;
 * a failed write throws, and the queue retries the batch whole.
 */
import { utcDay } from "../../core/stats/days.ts";
import { foldHits } from "../../core/stats/fold.ts";
import { Hit } from "../../core/stats/model.ts";
import { recordFold } from "./store.ts";

export async function consumeHits(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const hits: Hit[] = [];
  for (const message of batch.messages) {
    const parsed = Hit.safeParse(message.body);
    if (parsed.success) hits.push(parsed.data);
  }
  const today = utcDay(Date.now());
  if (hits.length) await recordFold(env.DB, foldHits(hits, today), today);
  batch.ackAll();
}

/**
 * The `canvass-hits` queue consumer: validates each message, keeps the hits within their
 * address's daily view cap, folds them (core/stats/fold.ts) and records them in one D1
 * transaction (store.ts). A message that is
 * not a valid `Hit` cannot become valid by retrying, so it is acknowledged and dropped;
 * a failed write throws, and the queue retries the batch whole.
 */
import { utcDay } from "../../core/stats/days.ts";
import { foldHits } from "../../core/stats/fold.ts";
import { Hit } from "../../core/stats/model.ts";
import { grantViews, recordFold } from "./store.ts";

export async function consumeHits(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const hits: Hit[] = [];
  for (const message of batch.messages) {
    const parsed = Hit.safeParse(message.body);
    if (parsed.success) hits.push(parsed.data);
  }
  const today = utcDay(Date.now());
  // Past its address's daily view cap a hit is dropped here, before anything is counted.
  const counted = hits.length ? await grantViews(env.DB, hits, today) : [];
  if (counted.length) await recordFold(env.DB, foldHits(counted, today), today);
  batch.ackAll();
}

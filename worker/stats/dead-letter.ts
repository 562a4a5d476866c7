/**
 * The `canvass-hits-dlq` consumer: beacons the counter could not fold after its retries
 * are dropped, not kept. Each carries a day's salted visitor hash; the queue would hold
 * it for days after its salt is gone, and a lost page view is worth less than that.
 */
export async function discardFailedHits(batch: MessageBatch<unknown>): Promise<void> {
  console.warn(`visitor statistics: dropped ${batch.messages.length} beacons that could not be counted`);
  batch.ackAll();
}

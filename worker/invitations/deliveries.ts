/**
 * The life of one delivery row, guarded by conditional updates so that Queues'
 * at-least-once delivery never sends an email twice:
 *
 *   queued ─claim→ sending ─→ sent
 *   retrying ↗        ├─→ retrying (transient failure; the message is retried with backoff)
 *                     ├─→ failed (permanent failure: the provider refused it or the mail
 *                     │          cannot be composed; or the dead-letter queue gave up)
 *                     ├─→ suppressed (opted out while the message waited)
 *                     └─→ cancelled (survey closed, invitation answered before a reminder)
 *
 * Only one consumer can move a row from queued/retrying to sending (`claim` checks
 * `meta.changes`). A row left in `sending` by a consumer that died mid-send is taken
 * over once it is stale, and only with a transport that deduplicates by idempotency
 * key; with one that cannot, the outcome is unknown and the row is marked failed for
 * the admin to see rather than risking a second email.
 */
import { claimDelivery, deliveryState, FINAL_STATUSES, setDeliveryStatus, type DeliveryRef, type DeliveryStatus } from "./store.ts";

/** A send that has not finished in this time is presumed dead (a Worker's fetch gives up well before). */
export const STALE_SENDING_MS = 10 * 60 * 1000;

export type Claim =
  | { outcome: "claimed"; attempts: number }
  | { outcome: "done"; status: DeliveryStatus }
  | { outcome: "gone" }
  | { outcome: "busy"; retryInSeconds: number };

export async function claim(db: D1Database, d: DeliveryRef, now: Date, canResend: boolean): Promise<Claim> {
  const staleBefore = new Date(now.getTime() - STALE_SENDING_MS).toISOString();
  const attempts = await claimDelivery(db, d, { now: now.toISOString(), staleBefore, canResend });
  if (attempts !== null) return { outcome: "claimed", attempts };

  const row = await deliveryState(db, d);
  if (!row) return { outcome: "gone" };
  if (FINAL_STATUSES.includes(row.status)) return { outcome: "done", status: row.status };
  // `sending`: another consumer has it, or one died holding it.
  const age = now.getTime() - Date.parse(row.updated_at);
  if (age >= STALE_SENDING_MS && !canResend) {
    await finish(db, d, "failed", now, {
      error: "outcome unknown: a consumer stopped while sending and this transport cannot deduplicate, so it was not sent again",
      from: ["sending"],
    });
    return { outcome: "done", status: "failed" };
  }
  return { outcome: "busy", retryInSeconds: Math.max(30, Math.ceil((STALE_SENDING_MS - age) / 1000)) };
}

/** Moves a claimed (or, with `from`, another unfinished) row to its outcome. */
export async function finish(
  db: D1Database,
  d: DeliveryRef,
  status: Exclude<DeliveryStatus, "queued" | "sending">,
  now: Date,
  extra: { providerMessageId?: string; error?: string; from?: DeliveryStatus[] } = {},
): Promise<boolean> {
  return setDeliveryStatus(db, d, { status, now: now.toISOString(), from: extra.from ?? ["sending"], providerMessageId: extra.providerMessageId, error: extra.error });
}

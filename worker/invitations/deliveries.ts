/**
 * The life of one delivery row, guarded by conditional updates so that Queues'
 * at-least-once delivery never sends an email twice:
 *
 *   queued ─claim→ sending ─→ sent
 *   retrying ↗        ├─→ retrying (transient failure; the message is retried with backoff)
 *                     ├─→ failed (permanent failure, or the dead-letter queue gave up)
 *                     ├─→ suppressed (opted out while the message waited)
 *                     └─→ cancelled (survey closed, invitation answered before a reminder)
 *
 * Only one consumer can move a row from queued/retrying to sending (`claim` checks
 * `meta.changes`). A row left in `sending` by a consumer that died mid-send is taken
 * over once it is stale, and only with a transport that deduplicates by idempotency
 * key; with one that cannot, the outcome is unknown and the row is marked failed for
 * the admin to see rather than risking a second email.
 */
import { FINAL_STATUSES, type DeliveryRef, type DeliveryStatus } from "./store.ts";

/** A send that has not finished in this time is presumed dead (a Worker's fetch gives up well before). */
export const STALE_SENDING_MS = 10 * 60 * 1000;

export type Claim =
  | { outcome: "claimed"; attempts: number }
  | { outcome: "done"; status: DeliveryStatus }
  | { outcome: "gone" }
  | { outcome: "busy"; retryInSeconds: number };

export async function claim(db: D1Database, d: DeliveryRef, now: Date, canResend: boolean): Promise<Claim> {
  const stamp = now.toISOString();
  const staleBefore = new Date(now.getTime() - STALE_SENDING_MS).toISOString();
  const claimed = await db
    .prepare(
      `UPDATE deliveries SET status = 'sending', attempts = attempts + 1, updated_at = ?3
       WHERE invitation_id = ?1 AND round = ?2
         AND (status IN ('queued', 'retrying') OR (?5 AND status = 'sending' AND updated_at < ?4))
       RETURNING attempts`,
    )
    .bind(d.invitation, d.round, stamp, staleBefore, canResend ? 1 : 0)
    .first<{ attempts: number }>();
  if (claimed) return { outcome: "claimed", attempts: claimed.attempts };

  const row = await db
    .prepare("SELECT status, updated_at FROM deliveries WHERE invitation_id = ?1 AND round = ?2")
    .bind(d.invitation, d.round)
    .first<{ status: DeliveryStatus; updated_at: string }>();
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

/** Moves a claimed (or, for the dead-letter queue, any unfinished) row to its outcome. */
export async function finish(
  db: D1Database,
  d: DeliveryRef,
  status: Exclude<DeliveryStatus, "queued" | "sending">,
  now: Date,
  extra: { providerMessageId?: string; error?: string; from?: DeliveryStatus[] } = {},
): Promise<boolean> {
  const from = extra.from ?? ["sending"];
  const r = await db
    .prepare(
      `UPDATE deliveries SET status = ?3, updated_at = ?4,
         provider_message_id = coalesce(?5, provider_message_id),
         sent_at = CASE WHEN ?3 = 'sent' THEN ?4 ELSE sent_at END,
         last_error = CASE WHEN ?3 = 'sent' THEN NULL ELSE coalesce(?6, last_error) END
       WHERE invitation_id = ?1 AND round = ?2 AND status IN (SELECT value FROM json_each(?7))`,
    )
    .bind(d.invitation, d.round, status, now.toISOString(), extra.providerMessageId ?? null, extra.error?.slice(0, 500) ?? null, JSON.stringify(from))
    .run();
  return r.meta.changes === 1;
}

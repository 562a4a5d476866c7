/**
 * Puts deliveries on the `canvass-invitations` queue. `sendBatch` takes at most 100
 * messages (and 256 KB) per call; our messages are a few dozen bytes, so 100 it is.
 * A row is marked `enqueued_at` only after the queue accepted it; rows that never got
 * there (a request that died in between) are found again by `sweep`, which the daily
 * cron runs and which continues itself through the queue when there is more to do
 * than one invocation may send. Enqueueing a delivery twice is harmless: the consumer
 * claims each one once.
 */
import { deliveriesToEnqueue, markEnqueued, type DeliveryRef } from "./store.ts";

const SEND_BATCH_MAX = 100;
/** Deliveries one sweep enqueues before handing the rest to a continuation message: 20 sendBatch calls, within every plan's subrequest budget. */
const SWEEP_LIMIT = 2_000;
/** A round-0 row younger than this may still be enqueued by the upload that made it. */
const UPLOAD_GRACE_MS = 10 * 60 * 1000;

/** Messages on the invitations queue: one delivery to send, or a request to sweep on. */
export type InvitationMessage = DeliveryRef | { sweep: true };

async function enqueue(queue: Queue, refs: DeliveryRef[]): Promise<void> {
  for (let i = 0; i < refs.length; i += SEND_BATCH_MAX) {
    await queue.sendBatch(refs.slice(i, i + SEND_BATCH_MAX).map((body) => ({ body, contentType: "json" as const })));
  }
}

/**
 * Enqueues and records deliveries of one round, 500 at a time. Returns how many the
 * queue accepted, and the error that stopped it early, if any (the rest stay unqueued
 * for the sweep).
 */
export async function enqueueRound(env: Env, round: number, invitationIds: string[], now: Date): Promise<{ queued: number; error?: unknown }> {
  let queued = 0;
  try {
    for (let i = 0; i < invitationIds.length; i += SEND_BATCH_MAX * 5) {
      const slice = invitationIds.slice(i, i + SEND_BATCH_MAX * 5);
      await enqueue(env.INVITATIONS, slice.map((invitation) => ({ invitation, round })));
      await markEnqueued(env.DB, round, slice, now.toISOString());
      queued += slice.length;
    }
  } catch (error) {
    return { queued, error };
  }
  return { queued };
}

/** Enqueues up to SWEEP_LIMIT waiting deliveries; if more may wait, asks the queue to call it again. */
export async function sweep(env: Env, now: Date): Promise<number> {
  const refs = await deliveriesToEnqueue(env.DB, new Date(now.getTime() - UPLOAD_GRACE_MS).toISOString(), SWEEP_LIMIT);
  const byRound = new Map<number, string[]>();
  for (const r of refs) byRound.set(r.round, [...(byRound.get(r.round) ?? []), r.invitation]);
  for (const [round, ids] of byRound) {
    const { error } = await enqueueRound(env, round, ids, now);
    if (error) throw error;
  }
  if (refs.length === SWEEP_LIMIT) await env.INVITATIONS.send({ sweep: true } satisfies InvitationMessage, { contentType: "json" });
  return refs.length;
}

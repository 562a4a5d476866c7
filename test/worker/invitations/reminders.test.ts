/**
 * Reminders, driven through the Worker's scheduled handler with a controlled time:
 * invite-poll.yaml asks for at most 2 reminders, 3 days apart, and they go only to
 * invitations that were sent and are neither answered nor opted out.
 */
import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import PostalMime from "postal-mime";
import { describe, expect, it } from "vitest";
import worker from "../../../worker/index.ts";
import { consume, messageFor, outboxFor, seedInvitation } from "./helpers.ts";

const day = (n: number) => new Date(Date.UTC(2027, 2, 1 + n, 3, 17));

/** Messages the cron put on the invitations queue. A stand-in queue, so workerd's own consumer (on the real clock) never races the test's. */
const queued: unknown[] = [];
const queue = { send: async (body: unknown) => void queued.push(body), sendBatch: async (msgs: { body: unknown }[]) => void queued.push(...msgs.map((m) => m.body)) };

async function cron(at: Date): Promise<void> {
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: "17 3 * * *" }), { ...env, INVITATIONS: queue } as unknown as Env);
}

async function rounds(invitation: string): Promise<{ round: number; status: string }[]> {
  return (await env.DB.prepare("SELECT round, status FROM deliveries WHERE invitation_id = ?1 ORDER BY round").bind(invitation).all<{ round: number; status: string }>()).results;
}

/** Sends whatever reminders are queued, as the queue consumer would at that time. */
async function sendQueued(at: Date): Promise<void> {
  const { results } = await env.DB.prepare("SELECT invitation_id AS invitation, round FROM deliveries WHERE status = 'queued' AND round > 0").all<{ invitation: string; round: number }>();
  if (results.length) await consume(results.map((r) => messageFor(r)), { now: () => at });
}

describe("reminders", () => {
  it("go only to those who neither answered nor opted out, at most N, M days apart", async () => {
    const sentAt = new Date(Date.UTC(2027, 2, 1, 10)).toISOString();
    const waiting = await seedInvitation({ status: "sent", sentAt, name: "Ada" });
    const answered = await seedInvitation({ status: "sent", sentAt, answeredAt: sentAt });
    const optedOut = await seedInvitation({ status: "sent", sentAt });
    const neverSent = await seedInvitation({ status: "queued" });
    await env.DB.prepare("INSERT INTO suppressions (address_hash, created_at, via) VALUES (?1, ?2, 'page')").bind(optedOut.hash, sentAt).run();

    await cron(day(2));
    expect(await rounds(waiting.invitation)).toHaveLength(1); // two days: not yet

    await cron(day(3));
    await cron(day(3)); // a second run on the same day makes nothing twice
    expect(await rounds(waiting.invitation)).toEqual([{ round: 0, status: "sent" }, { round: 1, status: "queued" }]);
    expect(queued).toContainEqual({ invitation: waiting.invitation, round: 1 });
    for (const other of [answered, optedOut, neverSent]) expect(await rounds(other.invitation)).toHaveLength(1);

    await sendQueued(day(3));
    const [reminder] = await outboxFor(waiting.invitation, 1);
    const mail = await PostalMime.parse(reminder!.raw);
    expect(mail.subject).toBe("Reminder: Ada, a question from us");
    expect(mail.text).toContain("A short reminder");
    expect(mail.headers.find((h) => h.key === "list-unsubscribe-post")?.value).toBe("List-Unsubscribe=One-Click");

    await cron(day(5));
    expect(await rounds(waiting.invitation)).toHaveLength(2); // three days after the reminder, not after the invitation
    await cron(day(6));
    expect((await rounds(waiting.invitation)).at(-1)).toEqual({ round: 2, status: "queued" });
    await sendQueued(day(6));

    for (const d of [9, 12, 30]) await cron(day(d));
    expect(await rounds(waiting.invitation)).toEqual([0, 1, 2].map((round) => ({ round, status: "sent" }))); // at most 2
  });

  it("a reminder queued before the answer arrived is cancelled, not sent", async () => {
    const s = await seedInvitation({ status: "sent", sentAt: new Date(Date.UTC(2027, 2, 1, 10)).toISOString() });
    await cron(day(3));
    await env.DB.prepare("UPDATE invitations SET answered_at = ?1").bind(day(3).toISOString()).run();
    await sendQueued(day(3));
    expect(await outboxFor(s.invitation, 1)).toHaveLength(0);
    expect((await rounds(s.invitation))[1]).toEqual({ round: 1, status: "cancelled" });
  });

  it("the daily sweep queues an invitation whose upload died before queueing it", async () => {
    const s = await seedInvitation({});
    await env.DB.prepare("UPDATE deliveries SET enqueued_at = NULL, created_at = ?1").bind(day(0).toISOString()).run();
    await cron(day(1));
    const row = await env.DB.prepare("SELECT enqueued_at FROM deliveries WHERE invitation_id = ?1").bind(s.invitation).first<{ enqueued_at: string | null }>();
    expect(row!.enqueued_at).toBe(day(1).toISOString());
  });

  it("a survey that is no longer published or is a draft gets no reminders, and the others still do", async () => {
    const sentAt = new Date(Date.UTC(2027, 2, 1, 10)).toISOString();
    const gone = await seedInvitation({ survey: "no-such-survey", status: "sent", sentAt });
    const draft = await seedInvitation({ survey: "draft-poll", status: "sent", sentAt });
    const waiting = await seedInvitation({ status: "sent", sentAt });
    await cron(day(3));
    expect(await rounds(gone.invitation)).toEqual([{ round: 0, status: "sent" }]);
    expect(await rounds(draft.invitation)).toEqual([{ round: 0, status: "sent" }]);
    expect(await rounds(waiting.invitation)).toEqual([{ round: 0, status: "sent" }, { round: 1, status: "queued" }]);
  });
});

/**
 * Helpers for the invitation tests. Tests that drive the consumer themselves seed
 * their invitations straight into D1 (nothing goes on the real queue), so the
 * background queue consumer that workerd runs never races them; upload tests go
 * through the API and assert on the report and the rows.
 */
import { createExecutionContext, createMessageBatch, getQueueResult, type QueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { addressHash } from "../../../core/contacts.ts";
import { normaliseEmail } from "../../../core/email/address.ts";
import { deliveryKey } from "../../../worker/invitations/compose.ts";
import { consumeInvitations, type ConsumerDeps } from "../../../worker/invitations/consumer.ts";
import { markInvitationsFailed } from "../../../worker/invitations/dead-letter.ts";
import type { DeliveryRef } from "../../../worker/invitations/store.ts";
import { call } from "../helpers.ts";
import { TEST_ADMIN_TOKEN } from "../constants.ts";

/** The Worker's env with an https PUBLIC_URL, as production has (RFC 8058 asks for https). */
export const httpsEnv = { ...env, PUBLIC_URL: "https://canvass.test" } as unknown as Env;

export type Seeded = { invitation: string; contact: string; hash: string; email: string };

export async function seedInvitation(o: {
  survey?: string;
  email?: string;
  name?: string;
  company?: string;
  wave?: string;
  client?: string;
  status?: string;
  sentAt?: string;
  answeredAt?: string;
}): Promise<Seeded> {
  const email = o.email ?? `${crypto.randomUUID().slice(0, 8)}@example.com`;
  const hash = await addressHash(normaliseEmail(email));
  const contact = crypto.randomUUID();
  const invitation = crypto.randomUUID();
  const now = new Date().toISOString();
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO contacts (id, client, source, email, address_hash, name, company, location, fields, created_at, updated_at) VALUES (?1, ?2, 'client', ?3, ?4, ?5, ?6, NULL, '{}', ?7, ?7)",
    ).bind(contact, o.client ?? "Acme", email, hash, o.name ?? null, o.company ?? null, now),
    env.DB.prepare("INSERT INTO invitations (id, contact_id, survey_id, wave, source, client, created_at, answered_at) VALUES (?1, ?2, ?3, ?4, 'client', ?5, ?6, ?7)").bind(
      invitation, contact, o.survey ?? "invite-poll", o.wave ?? "1", o.client ?? "Acme", now, o.answeredAt ?? null,
    ),
    env.DB.prepare("INSERT INTO deliveries (invitation_id, round, status, created_at, updated_at, sent_at, enqueued_at) VALUES (?1, 0, ?2, ?3, ?3, ?4, ?3)").bind(
      invitation, o.status ?? "queued", now, o.sentAt ?? null,
    ),
  ]);
  return { invitation, contact, hash, email };
}

export type DeliveryRow = { status: string; attempts: number; provider_message_id: string | null; last_error: string | null; sent_at: string | null };

export async function delivery(invitation: string, round = 0): Promise<DeliveryRow | null> {
  return env.DB.prepare("SELECT status, attempts, provider_message_id, last_error, sent_at FROM deliveries WHERE invitation_id = ?1 AND round = ?2").bind(invitation, round).first<DeliveryRow>();
}

let messageSeq = 0;
export function messageFor(ref: DeliveryRef, attempts = 1) {
  return { id: `m${++messageSeq}`, timestamp: new Date(), attempts, body: ref };
}

/**
 * Runs the invitations consumer on these messages, as the queue would, and returns what
 * it acked and retried. The test batch does not record retry delays, so each message's
 * retry() is wrapped to note the delay asked for (`delays`, by message id).
 */
export async function consume(messages: ReturnType<typeof messageFor>[], deps: ConsumerDeps = {}, e: Env = httpsEnv): Promise<QueueResult & { delays: Record<string, number | undefined> }> {
  const batch = createMessageBatch("canvass-invitations", messages);
  const delays: Record<string, number | undefined> = {};
  for (const m of batch.messages) {
    const retry = m.retry.bind(m);
    Object.defineProperty(m, "retry", { value: (o?: QueueRetryOptions) => ((delays[m.id] = o?.delaySeconds), retry(o)) });
  }
  const ctx = createExecutionContext();
  await consumeInvitations(batch, e, ctx, deps);
  return { ...(await getQueueResult(batch, ctx)), delays };
}

export async function deadLetter(messages: ReturnType<typeof messageFor>[]): Promise<QueueResult> {
  const batch = createMessageBatch("canvass-invitations-dlq", messages);
  const ctx = createExecutionContext();
  await markInvitationsFailed(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

export type OutboxRow = { id: string; idempotency_key: string; recipient: string; subject: string; headers: string; text: string; html: string; raw: string };

export async function outboxFor(invitation: string, round = 0): Promise<OutboxRow[]> {
  return (await env.DB.prepare("SELECT * FROM outbox WHERE idempotency_key = ?1").bind(deliveryKey(invitation, round)).all<OutboxRow>()).results;
}

export function adminRequest(path: string, init: RequestInit = {}): Promise<Response> {
  return call(path, { ...init, headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, accept: "application/json", ...(init.headers as Record<string, string> | undefined) } });
}

export function uploadCsv(survey: string, csv: string | ReadableStream, query = "source=client&client=Acme"): Promise<Response> {
  return adminRequest(`/api/admin/surveys/${survey}/invitations?${query}`, { method: "POST", headers: { "content-type": "text/csv" }, body: csv });
}

/** `POST /api/invitations/<survey>` with a personal link's token, as the page script asks for the fields. */
export function personalLinkFields(survey: string, token: string): Promise<Response> {
  return call(`/api/invitations/${survey}`, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify({ token }) });
}

export function uploadJson(survey: string, body: unknown): Promise<Response> {
  return adminRequest(`/api/admin/surveys/${survey}/invitations`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

/** The personal-link token and the opt-out URL in an email's text. */
export function linksIn(text: string): { token: string; optout: string } {
  const token = /\/s\/[a-z0-9-]+\/\?t=([A-Za-z0-9_.-]+)/.exec(text)?.[1];
  const optout = /(https?:\/\/\S+\/api\/optout\/[A-Za-z0-9_.-]+)/.exec(text)?.[1];
  if (!token || !optout) throw new Error(`no links in: ${text}`);
  return { token, optout };
}

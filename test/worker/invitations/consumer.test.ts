/**
 * The invitations queue consumer inside workerd: what it sends, that at-least-once
 * delivery never makes it send twice, that an opt-out arriving while the message
 * waits stops it, and how failures retry and end in the dead-letter queue.
 * Invitations are seeded straight into D1 and the consumer is called with
 * createMessageBatch, so the queue's own background consumer never races the test.
 */
import { env } from "cloudflare:workers";
import PostalMime from "postal-mime";
import { describe, expect, it } from "vitest";
import { optoutLink } from "../../../worker/invitations/links.ts";
import { backoffSeconds } from "../../../worker/invitations/consumer.ts";
import { STALE_SENDING_MS } from "../../../worker/invitations/deliveries.ts";
import { cloudflareTransport, type EmailBinding } from "../../../worker/invitations/transports/cloudflare.ts";
import { httpTransport } from "../../../worker/invitations/transports/http.ts";
import { outboxTransport } from "../../../worker/invitations/transports/outbox.ts";
import { MailError, type MailTransport } from "../../../worker/invitations/transports/transport.ts";
import { call } from "../helpers.ts";
import { adminRequest, consume, deadLetter, delivery, httpsEnv, linksIn, messageFor, outboxFor, seedInvitation } from "./helpers.ts";

const failing = (retryable: boolean): MailTransport & { calls: number } => {
  const t = {
    name: "failing",
    deduplicates: true,
    calls: 0,
    async send(): Promise<{ messageId: string }> {
      t.calls++;
      throw new MailError("provider down", retryable);
    },
  };
  return t;
};

describe("the invitation email", () => {
  it("is personalised, carries a personal link and RFC 8058 one-click opt-out headers, and parses back", async () => {
    const s = await seedInvitation({ name: "Ada", company: "Acme", email: "Ada@Example.com" });
    const result = await consume([messageFor({ invitation: s.invitation, round: 0 })]);
    expect(result.explicitAcks).toHaveLength(1);

    const [row] = await outboxFor(s.invitation);
    const mail = await PostalMime.parse(row!.raw);
    expect(mail.subject).toBe("Ada, a question from Acme");
    expect(mail.to?.[0]).toMatchObject({ name: "Ada", address: "Ada@Example.com" });
    expect(mail.from).toMatchObject({ name: "Canvass", address: "surveys@example.com" });
    expect(mail.messageId).toBe(`<${s.invitation}@example.com>`);
    expect(mail.date).toBeTruthy();

    // RFC 8058 §3.1: an https List-Unsubscribe URI and exactly this List-Unsubscribe-Post value.
    const header = (k: string) => mail.headers.filter((h) => h.key === k).map((h) => h.value);
    expect(header("list-unsubscribe-post")).toEqual(["List-Unsubscribe=One-Click"]);
    const [unsubscribe] = header("list-unsubscribe");
    expect(unsubscribe).toMatch(/^<https:\/\/canvass\.test\/api\/optout\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+>$/);
    expect(header("mime-version")).toEqual(["1.0"]);

    // The text and HTML bodies both carry the personal link and a visible opt-out link.
    const { token, optout } = linksIn(mail.text!);
    expect(mail.text).toContain(`https://canvass.test/s/invite-poll/?t=${token}`);
    expect(unsubscribe).toBe(`<${optout}>`);
    expect(mail.html).toContain(`href="${optout}"`);
    // Opaque: nothing in either token spells the address.
    expect(atob(token.split(".")[0]!.replace(/-/g, "+").replace(/_/g, "/"))).not.toMatch(/ada/i);
    expect(decodeURIComponent(optout)).not.toMatch(/ada/i);

    expect(await delivery(s.invitation)).toMatchObject({ status: "sent", attempts: 1, provider_message_id: `outbox:${row!.id}` });
  });

  it("a name with C1 control characters (U+0085, U+0081) is cleaned at upload and the email is sent", async () => {
    const res = await adminRequest("/api/admin/surveys/invite-poll/invitations", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ source: "client", client: "Acme", contacts: [{ email: "nel@example.com", name: "Nel\u0085Smith\u0081" }] }),
    });
    expect(res.status).toBe(200);
    const { id, name } = (await env.DB.prepare("SELECT i.id, c.name FROM invitations i JOIN contacts c ON c.id = i.contact_id").first<{ id: string; name: string }>())!;
    expect(name).toBe("Nel Smith");
    await consume([messageFor({ invitation: id, round: 0 })]);
    expect(await delivery(id)).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("an email the MIME builder refuses to compose (a name with U+0081 put straight into D1) fails at once, with one attempt and the reason", async () => {
    const s = await seedInvitation({ name: "Bad\u0081Name" });
    const result = await consume([messageFor({ invitation: s.invitation, round: 0 })]);
    expect(result.retryMessages).toHaveLength(0);
    expect(result.explicitAcks).toHaveLength(1);
    const row = await delivery(s.invitation);
    expect(row).toMatchObject({ status: "failed", attempts: 1, sent_at: null });
    expect(row!.last_error).toMatch(/control characters/);
    expect(await outboxFor(s.invitation)).toHaveLength(0);
  });

  it("cannot carry an injected header: a name with CR/LF arrives flattened in the To display name", async () => {
    const res = await adminRequest("/api/admin/surveys/invite-poll/invitations", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ source: "client", client: "Acme\r\nX-Evil: 1", contacts: [{ email: "eve@example.com", name: "Eve\r\nBcc: victim@example.com", company: "Evil\nCorp" }] }),
    });
    expect(res.status).toBe(200);
    const { id } = (await env.DB.prepare("SELECT id FROM invitations").first<{ id: string }>())!;
    await consume([messageFor({ invitation: id, round: 0 })]);
    const mail = await PostalMime.parse((await outboxFor(id))[0]!.raw);
    expect(mail.bcc).toBeUndefined();
    expect(mail.headers.map((h) => h.key)).not.toContain("bcc");
    expect(mail.headers.map((h) => h.key)).not.toContain("x-evil");
    expect(mail.to?.[0]).toMatchObject({ name: "Eve Bcc: victim@example.com", address: "eve@example.com" });
    expect(mail.subject).toBe("Eve Bcc: victim@example.com, a question from Evil Corp");
  });
});

describe("at-least-once delivery", () => {
  it("never sends the same invitation twice when a message is redelivered", async () => {
    const s = await seedInvitation({});
    const ref = { invitation: s.invitation, round: 0 };
    await consume([messageFor(ref)]);
    const again = await consume([messageFor(ref, 2)]);
    const twiceInOneBatch = await consume([messageFor(ref, 3), messageFor(ref, 3)]);
    expect(again.explicitAcks).toHaveLength(1);
    expect(twiceInOneBatch.explicitAcks).toHaveLength(2);
    expect(await outboxFor(s.invitation)).toHaveLength(1);
    expect((await delivery(s.invitation))!.attempts).toBe(1);
  });

  it("takes over a send left by a crashed consumer only through a deduplicating transport", async () => {
    const s = await seedInvitation({});
    const ref = { invitation: s.invitation, round: 0 };
    // A consumer claimed it, sent it through the outbox, and died before recording the outcome.
    const outbox = outboxTransport(env.DB);
    await consume([messageFor(ref)], { transport: { ...outbox, send: async (m) => (await outbox.send(m), Promise.reject(new Error("crash"))) } });
    await env.DB.prepare("UPDATE deliveries SET status = 'sending'").run();

    const early = await consume([messageFor(ref, 2)]);
    expect(early.retryMessages).toHaveLength(1); // someone may still be sending it: wait until that send is stale
    expect(Object.values(early.delays)[0]).toBeGreaterThan(STALE_SENDING_MS / 1000 - 60);
    const later = new Date(Date.now() + STALE_SENDING_MS + 1000);
    await consume([messageFor(ref, 3)], { now: () => later });
    expect(await outboxFor(s.invitation)).toHaveLength(1); // resent with the same key: deduplicated
    expect((await delivery(s.invitation))!.status).toBe("sent");
  });

  it("does not resend an unknown outcome through a transport that cannot deduplicate; it is marked failed", async () => {
    const s = await seedInvitation({ status: "sending" });
    const sent: unknown[] = [];
    const binding: EmailBinding = { send: async (m: unknown) => (sent.push(m), { messageId: "cf-1" }) } as EmailBinding;
    await env.DB.prepare("UPDATE deliveries SET updated_at = ?1").bind(new Date(Date.now() - STALE_SENDING_MS - 1000).toISOString()).run();
    const result = await consume([messageFor({ invitation: s.invitation, round: 0 }, 2)], { transport: cloudflareTransport(binding) });
    expect(result.explicitAcks).toHaveLength(1);
    expect(sent).toHaveLength(0);
    expect(await delivery(s.invitation)).toMatchObject({ status: "failed", last_error: expect.stringMatching(/outcome unknown/) });
  });
});

describe("suppression checked again right before sending", () => {
  it("an opt-out that arrives while the message is queued stops the send", async () => {
    const waiting = await seedInvitation({ email: "Wait@Example.com" });
    const other = await seedInvitation({});
    // The person opts out through the link an earlier email carried, while this invitation waits in the queue.
    const link = await optoutLink(httpsEnv, waiting.email, "invite-poll");
    const res = await call(new URL(link).pathname, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
    expect(res.status).toBe(200);

    await consume([messageFor({ invitation: waiting.invitation, round: 0 }), messageFor({ invitation: other.invitation, round: 0 })]);
    expect(await outboxFor(waiting.invitation)).toHaveLength(0);
    expect((await delivery(waiting.invitation))!.status).toBe("suppressed");
    expect(await outboxFor(other.invitation)).toHaveLength(1); // another address still gets its invitation
  });
});

describe("failures", () => {
  it("retry with exponential backoff, then the dead-letter queue marks the invitation failed for the admin", async () => {
    const s = await seedInvitation({ email: "bounce@example.com" });
    const ref = { invitation: s.invitation, round: 0 };
    const transport = failing(true);
    for (let attempt = 1; attempt <= 6; attempt++) {
      const result = await consume([messageFor(ref, attempt)], { transport });
      expect(result.retryMessages).toHaveLength(1);
      expect(Object.values(result.delays)).toEqual([backoffSeconds(attempt)]);
      expect(await delivery(s.invitation)).toMatchObject({ status: "retrying", attempts: attempt, last_error: "provider down" });
    }
    expect([1, 2, 3, 4, 5, 6].map(backoffSeconds)).toEqual([30, 60, 120, 240, 480, 960]);
    expect(transport.calls).toBe(6);

    // max_retries (wrangler.toml) exhausted: Queues moves the message to the dead-letter queue.
    const dlq = await deadLetter([messageFor(ref)]);
    expect(dlq.explicitAcks).toHaveLength(1);
    expect(await delivery(s.invitation)).toMatchObject({ status: "failed", last_error: "gave up after 6 attempts: provider down" });

    const report = (await (await adminRequest("/api/admin/surveys/invite-poll/invitations")).json()) as { statuses: Record<string, number>; failed: { email: string; error: string }[] };
    expect(report.statuses).toEqual({ failed: 1 });
    expect(report.failed).toEqual([expect.objectContaining({ invitation: s.invitation, email: "bounce@example.com", round: 0, attempts: 6 })]);
  });

  it("a permanent refusal fails at once without retrying", async () => {
    const s = await seedInvitation({});
    const result = await consume([messageFor({ invitation: s.invitation, round: 0 })], { transport: failing(false) });
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks).toHaveLength(1);
    expect((await delivery(s.invitation))!.status).toBe("failed");
  });

  it("the dead-letter queue never marks a sent invitation failed", async () => {
    const s = await seedInvitation({});
    await consume([messageFor({ invitation: s.invitation, round: 0 })]);
    await deadLetter([messageFor({ invitation: s.invitation, round: 0 })]);
    expect((await delivery(s.invitation))!.status).toBe("sent");
  });

  it("an invitation to a survey that has closed is cancelled, not sent", async () => {
    const s = await seedInvitation({ survey: "closed-poll" });
    await consume([messageFor({ invitation: s.invitation, round: 0 })]);
    expect(await outboxFor(s.invitation)).toHaveLength(0);
    expect(await delivery(s.invitation)).toMatchObject({ status: "cancelled", last_error: expect.stringMatching(/closed/) });
  });

  it("an invitation to a survey that is no longer published, or back to draft, is cancelled with the catalog's reason, not retried", async () => {
    const gone = await seedInvitation({ survey: "no-such-survey" });
    const draft = await seedInvitation({ survey: "draft-poll" });
    const result = await consume([messageFor({ invitation: gone.invitation, round: 0 }), messageFor({ invitation: draft.invitation, round: 0 })]);
    expect(result.retryMessages).toEqual([]);
    expect(await delivery(gone.invitation)).toMatchObject({ status: "cancelled", last_error: 'not sent: There is no survey called "no-such-survey".' });
    expect(await delivery(draft.invitation)).toMatchObject({ status: "cancelled", last_error: expect.stringMatching(/^not sent: .*draft/) });
    expect([...(await outboxFor(gone.invitation)), ...(await outboxFor(draft.invitation))]).toHaveLength(0);
  });

  it("a message that names no delivery is acknowledged and logged, not retried forever", async () => {
    const result = await consume([{ id: "x", timestamp: new Date(), attempts: 1, body: { nonsense: true } as never }]);
    expect(result.explicitAcks).toEqual(["x"]);
  });
});

describe("transports", () => {
  it("Cloudflare Email Service: the binding gets the parts, the opt-out headers and no raw MIME", async () => {
    const s = await seedInvitation({ name: "Ada" });
    const sent: Record<string, unknown>[] = [];
    const binding = { send: async (m: Record<string, unknown>) => (sent.push(m), { messageId: "cf-123" }) } as unknown as EmailBinding;
    await consume([messageFor({ invitation: s.invitation, round: 0 })], { transport: cloudflareTransport(binding) });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ from: { name: "Canvass", email: "surveys@example.com" }, to: s.email, subject: "Ada, a question from us" });
    const headers = sent[0]!.headers as Record<string, string>;
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(headers["List-Unsubscribe"]).toMatch(/^<https:\/\/canvass\.test\/api\/optout\//);
    expect(Object.keys(headers).map((k) => k.toLowerCase())).not.toContain("message-id"); // platform-controlled
    expect(await delivery(s.invitation)).toMatchObject({ status: "sent", provider_message_id: "cf-123" });
  });

  it("Cloudflare Email Service: a missing binding is a transient failure, so nothing is lost while it is configured", async () => {
    const s = await seedInvitation({});
    const result = await consume([messageFor({ invitation: s.invitation, round: 0 })], { transport: cloudflareTransport(undefined) });
    expect(result.retryMessages).toHaveLength(1);
  });

  it("HTTP provider: bearer key, the invitation id as Idempotency-Key, JSON body; 5xx retries, 4xx fails", async () => {
    const s = await seedInvitation({});
    const requests: Request[] = [];
    let status = 503;
    const fetchStub = async (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(new Request(input, init));
      return status === 200 ? Response.json({ id: "prov-9" }) : new Response("busy", { status });
    };
    const transport = httpTransport({ url: "https://mail.example/emails", key: "k-1", fetch: fetchStub as typeof fetch });
    const ref = { invitation: s.invitation, round: 0 };

    expect((await consume([messageFor(ref)], { transport })).retryMessages).toHaveLength(1);
    status = 200;
    await consume([messageFor(ref, 2)], { transport });
    expect(requests).toHaveLength(2);
    for (const r of requests) {
      expect(r.headers.get("authorization")).toBe("Bearer k-1");
      expect(r.headers.get("idempotency-key")).toBe(s.invitation);
    }
    const body = (await requests[1]!.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ from: "Canvass <surveys@example.com>", to: [s.email], subject: expect.any(String), text: expect.any(String), html: expect.any(String) });
    expect((body.headers as Record<string, string>)["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(await delivery(s.invitation)).toMatchObject({ status: "sent", provider_message_id: "prov-9", attempts: 2 });

    const refused = await seedInvitation({});
    status = 422;
    const result = await consume([messageFor({ invitation: refused.invitation, round: 0 })], { transport });
    expect(result.retryMessages).toEqual([]);
    expect(await delivery(refused.invitation)).toMatchObject({ status: "failed", last_error: expect.stringMatching(/422/) });
  });
});

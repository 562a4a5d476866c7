/**
 * Who answered: each invited contact's state and the response its personal link brought
 * in, for a survey that is not anonymous; for an anonymous survey only counts, and no
 * endpoint ever puts a contact (address or invitation) beside a response.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { InvitationFunnel, InvitedContact, InvitedContactPage } from "../../../core/api/results.ts";
import { personalLink } from "../../../worker/invitations/links.ts";
import { admin, call } from "../helpers.ts";
import { TEST_ADMIN_TOKEN } from "../constants.ts";
import { adminJson, submit } from "../responses/helpers.ts";
import { seedInvitation } from "./helpers.ts";

const tokenOf = (link: string) => new URL(link).searchParams.get("t")!;
const SENT = "2026-11-20T09:00:00.000Z";

async function answerThroughLink(survey: string, invitation: string, answers: Record<string, unknown>): Promise<string> {
  return submit(survey, answers, tokenOf(await personalLink(env, survey, invitation)));
}

async function addReminder(invitation: string, round: number, status: string): Promise<void> {
  await env.DB.prepare("INSERT INTO deliveries (invitation_id, round, status, created_at, updated_at, sent_at) VALUES (?1, ?2, ?3, ?4, ?4, ?5)")
    .bind(invitation, round, status, SENT, status === "sent" ? SENT : null).run();
}

async function optOut(hash: string): Promise<void> {
  await env.DB.prepare("INSERT INTO suppressions (address_hash, created_at, via) VALUES (?1, ?2, 'page')").bind(hash, SENT).run();
}

async function allContacts(query: string): Promise<{ pages: number; contacts: InvitedContact[] }> {
  const contacts: InvitedContact[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: InvitedContactPage = await adminJson<InvitedContactPage>(`/api/admin/surveys/invite-poll/invitations/contacts?${query}${cursor ? `&cursor=${cursor}` : ""}`);
    contacts.push(...page.contacts);
    cursor = page.next;
    pages++;
  } while (cursor && pages < 20);
  return { pages, contacts };
}

describe("who answered a survey that is not anonymous", () => {
  it("lists every invited contact with its state, reminders and the response its link brought in", async () => {
    const answered = await seedInvitation({ email: "ann@example.com", name: "Ann", status: "sent", sentAt: SENT });
    const reminded = await seedInvitation({ email: "bob@example.com", status: "sent", sentAt: SENT });
    const queued = await seedInvitation({ email: "cid@example.com" });
    const failed = await seedInvitation({ email: "dee@example.com", status: "failed" });
    const optedOut = await seedInvitation({ email: "eve@example.com", status: "sent", sentAt: SENT });
    const secondWave = await seedInvitation({ email: "fay@example.com", wave: "2" });
    const responseId = await answerThroughLink("invite-poll", answered.invitation, { ok: "yes" });
    await addReminder(reminded.invitation, 1, "sent");
    await addReminder(reminded.invitation, 2, "queued");
    await optOut(optedOut.hash);

    const { pages, contacts } = await allContacts("limit=2");
    expect(pages).toBe(3);
    expect(contacts).toHaveLength(6);
    const byInvitation = new Map(contacts.map((c) => [c.invitation, c]));
    expect(byInvitation.get(answered.invitation)).toEqual({
      invitation: answered.invitation, email: "ann@example.com", name: "Ann", wave: "1", state: "answered", reminders_sent: 0,
      invited_at: expect.any(String), answered_at: expect.stringMatching(/T/), response_id: responseId,
    });
    const states = Object.fromEntries(contacts.map((c) => [c.invitation, [c.state, c.reminders_sent, c.response_id]]));
    expect(states).toEqual({
      [answered.invitation]: ["answered", 0, responseId],
      [reminded.invitation]: ["sent", 1, null],
      [queued.invitation]: ["queued", 0, null],
      [failed.invitation]: ["failed", 0, null],
      [optedOut.invitation]: ["opted_out", 0, null],
      [secondWave.invitation]: ["queued", 0, null],
    });
    // The linked response is one the owner can open.
    expect((await admin(`/api/admin/surveys/invite-poll/responses/${responseId}`)).status).toBe(200);
    const wave2 = await allContacts("wave=2");
    expect(wave2.contacts.map((c) => c.invitation)).toEqual([secondWave.invitation]);
  });

  it("drops the link when the response is deleted, and keeps the contact answered", async () => {
    const s = await seedInvitation({ status: "sent", sentAt: SENT });
    const responseId = await answerThroughLink("invite-poll", s.invitation, { ok: "no" });
    await call(`/api/admin/surveys/invite-poll/responses/${responseId}`, { method: "DELETE", headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    const { contacts } = await allContacts("");
    expect(contacts.map((c) => [c.state, c.response_id])).toEqual([["answered", null]]);
  });

  it("gives the funnel with the invitation counts, for every wave or one", async () => {
    const a = await seedInvitation({ status: "sent", sentAt: SENT });
    await seedInvitation({ status: "sent", sentAt: SENT });
    await seedInvitation({ status: "failed" });
    await seedInvitation({ status: "suppressed" });
    await seedInvitation({ wave: "2" });
    await answerThroughLink("invite-poll", a.invitation, { ok: "yes" });
    const all = await adminJson<{ funnel: InvitationFunnel; invitations: number }>("/api/admin/surveys/invite-poll/invitations");
    expect(all.funnel).toEqual({ invited: 5, sent: 2, answered: 1, opted_out: 1, failed: 1 });
    expect(all.invitations).toBe(5);
    const wave2 = await adminJson<{ funnel: InvitationFunnel }>("/api/admin/surveys/invite-poll/invitations?wave=2");
    expect(wave2.funnel).toEqual({ invited: 1, sent: 0, answered: 0, opted_out: 0, failed: 0 });
  });
});

describe("an anonymous survey", () => {
  it("has no who-answered list: a 404 with a sentence", async () => {
    const res = await admin("/api/admin/surveys/anon-invite-poll/invitations/contacts");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "This survey is anonymous: who answered is never shown, only counts." });
  });

  it("shows counts only: no endpoint body puts an address or an invitation beside a response", async () => {
    const seeded = [
      await seedInvitation({ survey: "anon-invite-poll", email: "ann@example.com", status: "sent", sentAt: SENT }),
      await seedInvitation({ survey: "anon-invite-poll", email: "bob@example.com", status: "failed" }),
      await seedInvitation({ survey: "anon-invite-poll", email: "cid@example.com", status: "sent", sentAt: SENT }),
    ];
    const responseIds = [
      await answerThroughLink("anon-invite-poll", seeded[0]!.invitation, { ok: "yes" }),
      await answerThroughLink("anon-invite-poll", seeded[2]!.invitation, { ok: "no" }),
      await submit("anon-invite-poll", { ok: "yes" }),
    ];
    const invitations = await adminJson<{ funnel: InvitationFunnel }>("/api/admin/surveys/anon-invite-poll/invitations");
    expect(invitations.funnel).toEqual({ invited: 3, sent: 2, answered: 2, opted_out: 0, failed: 1 });

    const contactMarks = seeded.flatMap((s) => [s.invitation, s.email, s.contact, s.hash]);
    const responseBodies = [
      "/api/admin/surveys",
      "/api/admin/surveys/anon-invite-poll/responses",
      "/api/admin/surveys/anon-invite-poll/responses?format=csv",
      "/api/admin/surveys/anon-invite-poll/responses?format=ndjson",
      "/api/admin/surveys/anon-invite-poll/summary",
      ...responseIds.map((id) => `/api/admin/surveys/anon-invite-poll/responses/${id}`),
    ];
    for (const path of responseBodies) {
      const res = await admin(path);
      expect(res.status, path).toBe(200);
      const body = new TextDecoder().decode(await res.arrayBuffer());
      for (const mark of contactMarks) expect(body, path).not.toContain(mark);
    }
    // The invitation counts name the failed delivery's address, and so never a response.
    const counts = await (await admin("/api/admin/surveys/anon-invite-poll/invitations")).text();
    for (const id of responseIds) expect(counts).not.toContain(id);
    const stored = await env.DB.prepare("SELECT count(*) AS n FROM responses WHERE survey_id = 'anon-invite-poll' AND invitation_id IS NOT NULL").first<{ n: number }>();
    expect(stored!.n).toBe(0);
  });
});

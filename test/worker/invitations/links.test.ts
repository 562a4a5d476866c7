/**
 * Personal links and opt-out links: what a token opens, how a response is linked to
 * its invitation (and not, for an anonymous survey), and that every bad token is a
 * 4xx page that changes nothing.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { normaliseEmail } from "../../../core/email/address.ts";
import { suppressionHash } from "../../../core/email/suppression.ts";
import { signToken } from "../../../core/tokens.ts";
import { optoutLink, personalLink } from "../../../worker/invitations/links.ts";
import { call, postForm, postJson, rows } from "../helpers.ts";
import { adminRequest, personalLinkFields, seedInvitation, uploadCsv } from "./helpers.ts";

const KEY = env.CANVASS_SIGNING_KEY!;
const tokenOf = (link: string) => new URL(link).searchParams.get("t")!;
const answered = async (id: string) => (await env.DB.prepare("SELECT answered_at FROM invitations WHERE id = ?1").bind(id).first<{ answered_at: string | null }>())!.answered_at;
const suppressions = async () => (await env.DB.prepare("SELECT count(*) AS n FROM suppressions").first<{ n: number }>())!.n;

describe("a personal link", () => {
  it("gives the page the contact's fields to pipe, and never the address", async () => {
    await uploadCsv("invite-poll", "email,name,company,plan\nada@example.com,Ada,Acme,pro\n");
    const { id } = (await env.DB.prepare("SELECT id FROM invitations").first<{ id: string }>())!;
    const token = tokenOf(await personalLink(env, "invite-poll", id));
    const res = await personalLinkFields("invite-poll", token);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ fields: { name: "Ada", company: "Acme", plan: "pro" }, answered: false });
    expect(JSON.stringify(body)).not.toContain("ada@example.com");
  });

  it("links the response to the invitation, and refuses a second response on the same link with 409", async () => {
    const s = await seedInvitation({ status: "sent" });
    const token = tokenOf(await personalLink(env, "invite-poll", s.invitation));
    const first = await postJson("/api/responses/invite-poll", { submission_id: crypto.randomUUID(), answers: { ok: "yes" }, token });
    expect(first.status).toBe(201);
    const [row] = await env.DB.prepare("SELECT invitation_id FROM responses").all<{ invitation_id: string }>().then((r) => r.results);
    expect(row!.invitation_id).toBe(s.invitation);
    expect(await answered(s.invitation)).toMatch(/T/);

    const second = await postJson("/api/responses/invite-poll", { submission_id: crypto.randomUUID(), answers: { ok: "no" }, token });
    expect(second.status).toBe(409);
    expect(((await second.json()) as { error: string }).error).toMatch(/already been used/);
    const page = await postForm("/api/responses/invite-poll", [["ok", "no"], ["_t", token]]);
    expect(page.status).toBe(409);
    expect(await page.text()).toContain("already been used to answer the survey");
    expect(await rows("invite-poll")).toHaveLength(1);
    const status = await (await personalLinkFields("invite-poll", token)).json();
    expect(status).toMatchObject({ answered: true });
  });

  it("lets the very same submission be resent (a retry on a bad connection) without a 409", async () => {
    const s = await seedInvitation({});
    const token = tokenOf(await personalLink(env, "invite-poll", s.invitation));
    const submission = { submission_id: crypto.randomUUID(), answers: { ok: "yes" }, token };
    expect((await postJson("/api/responses/invite-poll", submission)).status).toBe(201);
    const again = await postJson("/api/responses/invite-poll", submission);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
  });

  it("works from a plain HTML form through the _t field", async () => {
    const s = await seedInvitation({});
    const token = tokenOf(await personalLink(env, "invite-poll", s.invitation));
    const res = await postForm("/api/responses/invite-poll", [["ok", "yes"], ["_t", token], ["_submission", crypto.randomUUID()]]);
    expect(res.status).toBe(303);
    expect((await env.DB.prepare("SELECT invitation_id FROM responses").first())!.invitation_id).toBe(s.invitation);
  });

  it("for an anonymous survey marks the invitation answered (the day only) but links nothing to the response", async () => {
    const s = await seedInvitation({ survey: "anon-invite-poll" });
    const token = tokenOf(await personalLink(env, "anon-invite-poll", s.invitation));
    expect((await postJson("/api/responses/anon-invite-poll", { submission_id: crypto.randomUUID(), answers: { ok: "yes" }, token })).status).toBe(201);
    const stored = await env.DB.prepare("SELECT * FROM responses").all<Record<string, unknown>>();
    expect(stored.results).toHaveLength(1);
    expect(stored.results[0]!.invitation_id).toBeNull();
    expect(JSON.stringify(stored.results[0])).not.toContain(s.invitation);
    // Only the day, for the response as for the invitation, so the two cannot be paired by time.
    expect(stored.results[0]!.submitted_at).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/);
    expect(await answered(s.invitation)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await postJson("/api/responses/anon-invite-poll", { submission_id: crypto.randomUUID(), answers: { ok: "no" }, token })).status).toBe(409);
  });
});

describe("a bad personal-link token is a 4xx page and changes nothing", () => {
  const cases: [string, (invitation: string) => Promise<string>, number][] = [
    ["forged (signed with another key)", (id) => signToken({ purpose: "invitation", sub: id, ref: "invite-poll" }, "another-key-0123456789abcdef"), 403],
    ["altered (another invitation id, same signature)", async (id) => {
      const t = tokenOf(await personalLink(env, "invite-poll", id));
      const [, sig] = t.split(".");
      const body = btoa(JSON.stringify({ purpose: "invitation", sub: crypto.randomUUID(), ref: "invite-poll" })).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
      return `${body}.${sig}`;
    }, 403],
    ["for another survey", async (id) => tokenOf(await personalLink(env, "tiny-poll", id)), 403],
    ["expired", (id) => signToken({ purpose: "invitation", sub: id, ref: "invite-poll", exp: Math.floor(Date.now() / 1000) - 60 }, KEY), 410],
    ["an opt-out token", (id) => signToken({ purpose: "optout", sub: id, ref: "invite-poll" }, KEY), 403],
    ["truncated", async (id) => tokenOf(await personalLink(env, "invite-poll", id)).slice(0, 20), 400],
  ];
  for (const [what, make, status] of cases) {
    it(what, async () => {
      const s = await seedInvitation({});
      const token = await make(s.invitation);
      const page = await postForm("/api/responses/invite-poll", [["ok", "yes"], ["_t", token]]);
      expect(page.status).toBe(status);
      expect(page.headers.get("content-type")).toMatch(/text\/html/);
      expect(await page.text()).toMatch(/link/i);
      const json = await postJson("/api/responses/invite-poll", { submission_id: crypto.randomUUID(), answers: { ok: "yes" }, token });
      expect(json.status).toBe(status);
      expect((await personalLinkFields("invite-poll", token)).status).toBe(status);
      expect(await rows()).toHaveLength(0);
      expect(await answered(s.invitation)).toBeNull();
    });
  }

  it("a link whose invitation was deleted is gone (410)", async () => {
    const s = await seedInvitation({});
    const token = tokenOf(await personalLink(env, "invite-poll", s.invitation));
    await env.DB.prepare("DELETE FROM contacts").run();
    expect((await postJson("/api/responses/invite-poll", { submission_id: crypto.randomUUID(), answers: { ok: "yes" }, token })).status).toBe(410);
    expect(await rows()).toHaveLength(0);
  });
});

describe("the opt-out link", () => {
  it("GET shows a page with a button and changes nothing (mail scanners prefetch links)", async () => {
    const s = await seedInvitation({});
    const path = new URL(await optoutLink(env, s.email, "invite-poll")).pathname;
    for (let i = 0; i < 3; i++) {
      const res = await call(path);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<form method="post"');
      expect(html).toContain("Stop invitations");
    }
    expect(await suppressions()).toBe(0);
  });

  it("POST (RFC 8058 one-click) opts the address out with a page, not a redirect", async () => {
    const s = await seedInvitation({});
    const path = new URL(await optoutLink(env, s.email, "invite-poll")).pathname;
    const res = await call(path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click", redirect: "manual" });
    expect(res.status).toBe(200);
    expect(res.headers.get("location")).toBeNull();
    expect(await res.text()).toContain("no more survey invitations");
    expect(await env.DB.prepare("SELECT address_hash, via FROM suppressions").first()).toEqual({ address_hash: await suppressionHash(normaliseEmail(s.email), KEY), via: "one-click" });
    // Pressing again (or the page's button) is harmless.
    expect((await call(path, { method: "POST", body: new URLSearchParams({ "List-Unsubscribe": "One-Click", via: "page" }) })).status).toBe(200);
    expect(await suppressions()).toBe(1);
  });

  it("holds after the contact is deleted, for a re-import with other case and spacing, for every survey and client", async () => {
    await uploadCsv("invite-poll", "email\nkeep.me+news@example.com\n");
    await call(new URL(await optoutLink(env, "keep.me+news@example.com", "invite-poll")).pathname, { method: "POST", body: "List-Unsubscribe=One-Click" });

    const erased = await adminRequest("/api/admin/contacts/erase", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "KEEP.ME+news@example.com" }) });
    expect(await erased.json()).toEqual({ erased_contacts: 1, opted_out: true });
    expect((await env.DB.prepare("SELECT count(*) AS n FROM contacts").first<{ n: number }>())!.n).toBe(0);

    const again = (await (await uploadCsv("tiny-poll", "email\n  Keep.Me+News@EXAMPLE.com \n", "source=panel&client=Other")).json()) as { accepted: number; suppressed: number };
    expect(again).toMatchObject({ accepted: 0, suppressed: 1 });
    // A +tag is not stripped: a different address is not caught by this opt-out.
    const tagless = (await (await uploadCsv("tiny-poll", "email\nkeep.me@example.com\n")).json()) as { accepted: number };
    expect(tagless.accepted).toBe(1);
  });

  it("a forged or truncated opt-out token is a 4xx page that changes nothing", async () => {
    const s = await seedInvitation({});
    const good = new URL(await optoutLink(env, s.email, "invite-poll")).pathname;
    const forged = `/api/optout/${await signToken({ purpose: "optout", sub: s.hash, ref: "invite-poll" }, "another-key-0123456789abcdef")}`;
    const personal = `/api/optout/${tokenOf(await personalLink(env, "invite-poll", s.invitation))}`;
    for (const path of [forged, personal, good.slice(0, -5), "/api/optout/nonsense"]) {
      for (const method of ["GET", "POST"]) {
        const res = await call(path, { method, headers: { accept: "text/html" } });
        expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(await res.text()).toContain("opt-out link is not valid");
      }
    }
    expect(await suppressions()).toBe(0);
  });
});

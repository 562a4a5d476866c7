/**
 * Erasure (POST /api/admin/people/erase, worker/people/erase.ts): after it, the address is
 * nowhere in D1 or KV, in any case, and neither is its plain SHA-256, except as the key of
 * the suppression entry, which stays so the person is never invited again. The scan lists
 * the tables from sqlite_master, so a table added later is scanned too. The suppression
 * key may become a keyed hash (HMAC): the test holds either way, because it asks only that
 * the entry exists and blocks an invitation, and allows the plain hash only in that cell.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../../core/hash.ts";
import { call } from "../helpers.ts";
import { seedInvitation, uploadCsv } from "../invitations/helpers.ts";
import { requestJson } from "../papers/helpers.ts";
import { adminPost, clientToken, count, findEverywhere } from "./helpers.ts";

const ADDRESS = "ada.lovelace+news@example.com";
const AS_TYPED = "  Ada.Lovelace+News@EXAMPLE.com ";

async function respond(survey: string, id: string, answers: Record<string, unknown>, invitation: string | null = null): Promise<void> {
  await env.DB.prepare("INSERT INTO responses (id, survey_id, definition_hash, answers, submitted_at, invitation_id) VALUES (?1, ?2, 'h', ?3, ?4, ?5)")
    .bind(id, survey, JSON.stringify(answers), new Date().toISOString(), invitation)
    .run();
}

/** Ada everywhere the service can hold her: two invitations (one answered), mail in the outbox, a typed-in answer, a lead. Grace beside her. */
async function seedAda() {
  const first = await seedInvitation({ email: "Ada.Lovelace+news@example.com", name: "Ada", company: "Engines", survey: "invite-poll", status: "sent", answeredAt: new Date().toISOString() });
  const second = await seedInvitation({ email: ADDRESS, survey: "tiny-poll", client: "Other" });
  await respond("invite-poll", "ada-linked", { ok: "yes" }, first.invitation);
  await respond("all-types", "ada-typed", { email: " ADA.LOVELACE+NEWS@example.com" });
  await env.DB.prepare("INSERT INTO outbox (id, idempotency_key, recipient, subject, headers, text, html, raw, created_at) VALUES ('m1', ?1, ?2, 's', '{}', ?2, ?2, ?2, ?3)")
    .bind(first.invitation, "Ada.Lovelace+news@example.com", new Date().toISOString())
    .run();
  expect((await requestJson({ name: "Ada", email: AS_TYPED.trim(), company: "Engines", job_title: "Countess", marketing_consent: true })).status).toBe(200);

  const grace = await seedInvitation({ email: "grace@example.com", survey: "invite-poll", answeredAt: new Date().toISOString() });
  await respond("invite-poll", "grace-linked", { ok: "no" }, grace.invitation);
  await respond("tiny-poll", "anonymous", { ok: "yes" });
  return { first, second };
}

describe("POST /api/admin/people/erase", () => {
  it("leaves no trace of the address or its plain hash in any table or KV key, keeps the suppression entry, and counts per table", async () => {
    await seedAda();
    const plainHash = await sha256Hex(ADDRESS);
    expect((await findEverywhere([ADDRESS, plainHash])).length).toBeGreaterThan(5);

    const res = await adminPost("/api/admin/people/erase", { email: AS_TYPED });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ erased: { contacts: 2, invitations: 2, responses: 2, leads: 1 }, suppressed: true });

    expect(await findEverywhere([ADDRESS, plainHash], [`suppressions.address_hash:${plainHash}`])).toEqual([]);
    // Only Ada's rows went: Grace's contact, invitation and response, and the anonymous answer, stay.
    expect(await count("contacts")).toBe(1);
    expect(await count("invitations")).toBe(1);
    expect((await env.DB.prepare("SELECT id FROM responses ORDER BY id").all<{ id: string }>()).results.map((r) => r.id)).toEqual(["anonymous", "grace-linked"]);
    expect(await count("deliveries")).toBe(1);
  });

  it("the kept suppression entry still blocks a new invitation to the address, in any case and spacing", async () => {
    await seedAda();
    await adminPost("/api/admin/people/erase", { email: ADDRESS });
    expect(await count("suppressions")).toBe(1);

    const again = (await (await uploadCsv("tiny-poll", `email\n${AS_TYPED}\n`)).json()) as { accepted: number; suppressed: number };
    expect(again).toMatchObject({ accepted: 0, suppressed: 1 });
    expect(await count("contacts", "lower(email) LIKE 'ada%'")).toBe(0);
  });

  it("adds the suppression entry when the person had none, and erasing twice is harmless", async () => {
    expect(await count("suppressions")).toBe(0);
    const first = await adminPost("/api/admin/people/erase", { email: ADDRESS });
    expect(await first.json()).toEqual({ erased: { contacts: 0, invitations: 0, responses: 0, leads: 0 }, suppressed: true });
    expect(await count("suppressions")).toBe(1);
    expect((await adminPost("/api/admin/people/erase", { email: ADDRESS })).status).toBe(200);
    expect(await count("suppressions")).toBe(1);
  });

  it("the older POST /api/admin/contacts/erase is the same erasure, answering in its old shape", async () => {
    await seedAda();
    const res = await adminPost("/api/admin/contacts/erase", { email: AS_TYPED });
    expect(await res.json()).toEqual({ erased_contacts: 2, opted_out: true });
    expect(await findEverywhere([ADDRESS], [])).toEqual([]);
  });

  it("a client's token erases only within that client's surveys and papers", async () => {
    // Ada was invited to a canvass-example survey and to a northwind one, and answered both.
    const example = await seedInvitation({ email: ADDRESS, survey: "invite-poll", client: "canvass-example" });
    const northwind = await seedInvitation({ email: ADDRESS, survey: "northwind-poll", client: "northwind" });
    await respond("invite-poll", "for-example", { ok: "yes" }, example.invitation);
    await respond("northwind-poll", "for-northwind", { happy: "yes" }, northwind.invitation);
    expect((await requestJson({ name: "Ada", email: ADDRESS, company: "Engines", job_title: "Countess", marketing_consent: false })).status).toBe(200);

    const res = await adminPost("/api/admin/people/erase", { email: ADDRESS }, await clientToken("northwind"));
    expect(await res.json()).toEqual({ erased: { contacts: 1, invitations: 1, responses: 1, leads: 0 }, suppressed: true });

    expect((await env.DB.prepare("SELECT id FROM contacts").all<{ id: string }>()).results.map((r) => r.id)).toEqual([example.contact]);
    expect((await env.DB.prepare("SELECT survey_id FROM invitations").all<{ survey_id: string }>()).results).toEqual([{ survey_id: "invite-poll" }]);
    expect((await env.DB.prepare("SELECT id FROM responses").all<{ id: string }>()).results).toEqual([{ id: "for-example" }]);
    expect(await count("leads")).toBe(1);
    expect(await count("suppressions")).toBe(1);
  });

  it("a contact shared by two clients' surveys keeps its row for the other client when one client erases", async () => {
    const shared = await seedInvitation({ email: ADDRESS, survey: "invite-poll", client: "northwind" });
    await env.DB.prepare("INSERT INTO invitations (id, contact_id, survey_id, wave, source, client, created_at) VALUES ('nw-inv', ?1, 'northwind-poll', '1', 'client', 'northwind', ?2)")
      .bind(shared.contact, new Date().toISOString())
      .run();
    const res = await adminPost("/api/admin/people/erase", { email: ADDRESS }, await clientToken("northwind"));
    expect(await res.json()).toEqual({ erased: { contacts: 0, invitations: 1, responses: 0, leads: 0 }, suppressed: true });
    expect((await env.DB.prepare("SELECT survey_id FROM invitations").all<{ survey_id: string }>()).results).toEqual([{ survey_id: "invite-poll" }]);
  });

  const bad: [string, RequestInit][] = [
    ["no body", {}],
    ["not JSON", { body: "email=ada@example.com", headers: { "content-type": "application/x-www-form-urlencoded" } }],
    ["no email", { body: "{}" }],
    ["a number", { body: '{"email": 5}' }],
    ["another key", { body: '{"email": "ada@example.com", "all": true}' }],
    ["not an address", { body: '{"email": "ada at example"}' }],
    ["an array", { body: '[{"email": "ada@example.com"}]' }],
  ];
  for (const [what, init] of bad)
    it(`${what}: a 422 with a sentence, and nothing changes`, async () => {
      await seedAda();
      const before = await count("contacts");
      const res = await call("/api/admin/people/erase", {
        method: "POST",
        ...init,
        headers: { authorization: "Bearer test-admin-token-0123456789abcdef", accept: "application/json", "content-type": "application/json", ...(init.headers as Record<string, string> | undefined) },
      });
      expect(res.status).toBe(422);
      expect(((await res.json()) as { error: string }).error).toMatch(/email/);
      expect(await count("contacts")).toBe(before);
      expect(await count("suppressions")).toBe(0);
    });

  it("needs a token: without one it is a 401 and nothing changes", async () => {
    await seedAda();
    const res = await call("/api/admin/people/erase", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: ADDRESS }) });
    expect(res.status).toBe(401);
    expect(await count("contacts")).toBe(3);
  });

  it("a body over 4 KB is a 413", async () => {
    const res = await adminPost("/api/admin/people/erase", { email: ADDRESS, padding: "x".repeat(5000) });
    expect(res.status).toBe(413);
  });
});

/**
 * What invitation links and the opt-out list give away (issue 14, fault 9): the opt-out
 * token carries nothing computed from the address, the suppression list holds only
 * hashes keyed with the deployment's secret, opt-outs stored before that (bare SHA-256)
 * keep working and are re-keyed once the address is known, and personal-link tokens stay
 * out of every URL a request carries.
 */
import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { addressHash } from "../../../core/contacts.ts";
import { normaliseEmail } from "../../../core/email/address.ts";
import { suppressionHash } from "../../../core/email/suppression.ts";
import { sha256Hex } from "../../../core/hash.ts";
import { signToken } from "../../../core/tokens.ts";
import worker from "../../../worker/index.ts";
import { MailError, type MailTransport } from "../../../worker/invitations/transports/transport.ts";
import { call } from "../helpers.ts";
import { consume, delivery, linksIn, messageFor, outboxFor, personalLinkFields, seedInvitation, uploadCsv } from "./helpers.ts";

const KEY = env.CANVASS_SIGNING_KEY!;
afterEach(() => vi.restoreAllMocks());
const keyed = (email: string) => suppressionHash(normaliseEmail(email), KEY);
const fromBase64Url = (s: string) => atob(s.replace(/-/g, "+").replace(/_/g, "/"));
const oneClick = (path: string) => call(path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
type SuppressionRow = { address_hash: string; keyed: number; via: string };
const suppressionRows = async () => (await env.DB.prepare("SELECT address_hash, keyed, via FROM suppressions ORDER BY address_hash").all<SuppressionRow>()).results;
const legacyOptOut = (hash: string) => env.DB.prepare("INSERT INTO suppressions (address_hash, created_at, via) VALUES (?1, '2026-01-02T03:04:05.000Z', 'page')").bind(hash).run();

/** Sends the invitation through the real consumer and reads the links out of the email it kept. */
async function mailedLinks(invitation: string): Promise<{ token: string; optout: string; text: string }> {
  await consume([messageFor({ invitation, round: 0 })]);
  const [row] = await outboxFor(invitation);
  return { ...linksIn(row!.text), text: row!.text };
}

describe("the opt-out link", () => {
  it("carries nothing derived from the address: its decoded payload names an opaque id, the survey and the purpose only", async () => {
    const s = await seedInvitation({ email: "Grace.Hopper@Example.com" });
    const { optout } = await mailedLinks(s.invitation);
    const token = new URL(optout).pathname.split("/").pop()!;
    const payload = JSON.parse(fromBase64Url(token.split(".")[0]!)) as Record<string, string>;
    expect(Object.keys(payload).sort()).toEqual(["purpose", "ref", "sub"]);
    expect(payload).toMatchObject({ purpose: "optout", ref: "invite-poll" });
    const derived = [s.hash, await sha256Hex("Grace.Hopper@Example.com"), await keyed(s.email), "grace", "hopper", "example.com"];
    for (const d of derived) expect(JSON.stringify(payload).toLowerCase()).not.toContain(d.toLowerCase());
    // The id is an opaque row of its own, and one per address: a second email names the same one.
    const ids = (await env.DB.prepare("SELECT id, suppression_hash FROM optout_keys").all<{ id: string; suppression_hash: string }>()).results;
    expect(ids).toEqual([{ id: payload.sub, suppression_hash: await keyed(s.email) }]);
  });

  it("writes only a keyed hash: HMAC under the deployment's secret, not the bare SHA-256, and another secret gives another value", async () => {
    const s = await seedInvitation({ email: "ada@example.com" });
    expect((await oneClick(new URL((await mailedLinks(s.invitation)).optout).pathname)).status).toBe(200);
    const rows = await suppressionRows();
    expect(rows).toEqual([{ address_hash: await keyed("ada@example.com"), keyed: 1, via: "one-click" }]);
    expect(rows[0]!.address_hash).not.toBe(await addressHash("ada@example.com"));
    expect(rows[0]!.address_hash).not.toBe(await suppressionHash("ada@example.com", "another-secret-0123456789abcdef"));
  });

  it("still works after the contact list was deleted, and the address stays opted out when uploaded again", async () => {
    const s = await seedInvitation({ email: "gone@example.com" });
    const { optout } = await mailedLinks(s.invitation);
    await env.DB.prepare("DELETE FROM contacts").run();
    expect((await env.DB.prepare("SELECT count(*) AS n FROM invitations").first<{ n: number }>())!.n).toBe(0);

    expect((await call(new URL(optout).pathname)).status).toBe(200);
    const res = await oneClick(new URL(optout).pathname);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("no more survey invitations");
    expect(await suppressionRows()).toEqual([{ address_hash: await keyed("gone@example.com"), keyed: 1, via: "one-click" }]);
    const again = (await (await uploadCsv("tiny-poll", "email\nGONE@example.com\n")).json()) as { accepted: number; suppressed: number };
    expect(again).toMatchObject({ accepted: 0, suppressed: 1 });
  });

  it("a signed link naming an id that was never handed out is a 410 that changes nothing", async () => {
    const path = `/api/optout/${await signToken({ purpose: "optout", sub: crypto.randomUUID(), ref: "invite-poll" }, KEY)}`;
    for (const method of ["GET", "POST"]) expect((await call(path, { method })).status).toBe(410);
    expect(await suppressionRows()).toEqual([]);
  });
});

describe("opt-outs stored before the keyed hash (bare SHA-256)", () => {
  it("still stop the consumer from sending", async () => {
    const s = await seedInvitation({ email: "old@example.com" });
    await legacyOptOut(s.hash);
    await consume([messageFor({ invitation: s.invitation, round: 0 })]);
    expect((await delivery(s.invitation))!.status).toBe("suppressed");
    expect(await outboxFor(s.invitation)).toHaveLength(0);
  });

  it("still suppress at upload, which re-keys them since it now knows the address", async () => {
    await legacyOptOut(await addressHash("old@example.com"));
    const report = (await (await uploadCsv("invite-poll", "email\nOld@Example.com\nnew@example.com\n")).json()) as { accepted: number; suppressed: number };
    expect(report).toMatchObject({ accepted: 1, suppressed: 1 });
    expect(await suppressionRows()).toEqual([{ address_hash: await keyed("old@example.com"), keyed: 1, via: "page" }]);
  });

  it("an old opt-out link (its payload was the bare SHA-256) still works: keyed when the address is held, by the old hash when not", async () => {
    const held = await seedInvitation({ email: "held@example.com" });
    const heldLink = `/api/optout/${await signToken({ purpose: "optout", sub: held.hash, ref: "invite-poll" }, KEY)}`;
    expect((await oneClick(heldLink)).status).toBe(200);
    const unknown = await addressHash("nobody@example.com");
    const unknownLink = `/api/optout/${await signToken({ purpose: "optout", sub: unknown, ref: "invite-poll" }, KEY)}`;
    expect((await oneClick(unknownLink)).status).toBe(200);
    expect(await suppressionRows()).toEqual(
      [
        { address_hash: await keyed("held@example.com"), keyed: 1, via: "one-click" },
        { address_hash: unknown, keyed: 0, via: "one-click" },
      ].sort((a, b) => a.address_hash.localeCompare(b.address_hash)),
    );
    expect(await (await call(unknownLink)).text()).toContain("already receives no survey invitations");
  });

  it("are re-keyed by the daily cron for every address held as a contact; only unknown addresses keep the old hash", async () => {
    const known = [await seedInvitation({ email: "one@example.com" }), await seedInvitation({ email: "Two@Example.com", client: "Other" })];
    const stranger = await addressHash("stranger@example.com");
    for (const s of known) await legacyOptOut(s.hash);
    await legacyOptOut(stranger);

    await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: "17 3 * * *" }), env);

    const rows = await suppressionRows();
    const contacts = (await env.DB.prepare("SELECT address_hash, suppression_hash FROM contacts").all<{ address_hash: string; suppression_hash: string | null }>()).results;
    expect(contacts.every((c) => c.suppression_hash !== null)).toBe(true);
    // No unkeyed hash of any address the system holds is left.
    expect(rows.filter((r) => contacts.some((c) => c.address_hash === r.address_hash))).toEqual([]);
    expect(rows).toEqual(
      [
        { address_hash: await keyed("one@example.com"), keyed: 1, via: "page" },
        { address_hash: await keyed("two@example.com"), keyed: 1, via: "page" },
        { address_hash: stranger, keyed: 0, via: "page" },
      ].sort((a, b) => a.address_hash.localeCompare(b.address_hash)),
    );
    // Re-keyed, they still suppress.
    await consume([messageFor({ invitation: known[0]!.invitation, round: 0 })]);
    expect((await delivery(known[0]!.invitation))!.status).toBe("suppressed");
  });
});

describe("a personal link", () => {
  it("carries its token in the query (so the Worker can serve the page with it), never in the path, and the page asks for the fields with the token in the body", async () => {
    const s = await seedInvitation({ email: "lin@example.com", name: "Lin" });
    const { token, text } = await mailedLinks(s.invitation);
    expect(text).toContain(`/s/invite-poll/?t=${token}`);
    expect(text).not.toContain(`/${token}`);
    expect(text).not.toContain(`#t=`);
    const res = await personalLinkFields("invite-poll", token);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ fields: { name: "Lin" }, answered: false });
    // The old path with the token in it is no route any more.
    expect((await call(`/api/invitations/invite-poll/${token}`)).status).toBe(404);
  });

  it("a body that is not {\"token\"} is a 4xx with a sentence", async () => {
    for (const body of ["", "not json", "{}", '{"token": 5}']) {
      const res = await call("/api/invitations/invite-poll", { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body });
      expect(res.status, body).toBeGreaterThanOrEqual(400);
      expect(res.status, body).toBeLessThan(500);
      expect(((await res.json()) as { error: string }).error).toMatch(/token|JSON/);
    }
    const big = await call("/api/invitations/invite-poll", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: "x".repeat(5000) }) });
    expect(big.status).toBe(413);
  });
});

describe("our own log lines", () => {
  it("never quote a link's token, even when the mail provider's error quotes the whole message", async () => {
    const logged: string[] = [];
    for (const level of ["log", "info", "warn", "error", "debug"] as const)
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    const echoing: MailTransport = {
      name: "echo",
      deduplicates: true,
      send: async (mail) => { throw new MailError(`provider refused: ${mail.text} ${mail.headers.map((h) => h.join(": ")).join(" ")}`, true); },
    } as MailTransport;
    const s = await seedInvitation({ email: "quiet@example.com" });
    await consume([messageFor({ invitation: s.invitation, round: 0 })], { transport: echoing });

    const stored = (await delivery(s.invitation))!;
    expect(stored.status).toBe("retrying");
    expect(logged.join("\n")).toContain("provider refused");
    for (const text of [...logged, stored.last_error ?? ""]) expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{43}/);
    expect(stored.last_error).toContain("<token>");
  });
});

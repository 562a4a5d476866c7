/**
 * POST /api/admin/surveys/<id>/invitations: contact lists in, as CSV or JSON, with a
 * report of what was accepted, rejected, suppressed or already invited. The upload
 * only stores and enqueues; no mail is sent inside the request.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { addressHash } from "../../../core/contacts.ts";
import type { UploadReport } from "../../../core/api/invitations.ts";
import { MAX_CONTACTS, MAX_UPLOAD_BYTES } from "../../../worker/invitations/upload.ts";
import { call } from "../helpers.ts";
import { adminRequest, uploadCsv, uploadJson } from "./helpers.ts";

async function report(res: Response): Promise<UploadReport> {
  expect(res.status).toBe(200);
  return (await res.json()) as UploadReport;
}

const count = async (table: string) => (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())!.n;

describe("a CSV list", () => {
  it("with a byte-order mark, CRLF line ends and quoted commas is read, stored and queued", async () => {
    const csv = '\uFEFFemail,name,company,location,tier\r\nal@example.com,"Smith, Al","Acme, Inc.",Leeds,gold\r\nbea@example.com,Bea,,,\r\n';
    const r = await report(await uploadCsv("invite-poll", csv));
    expect(r).toMatchObject({ survey: "invite-poll", wave: "1", source: "client", client: "Acme", accepted: 2, rejected: [], suppressed: 0, already_invited: 0, queued: 2, pending: 0 });
    const al = await env.DB.prepare("SELECT * FROM contacts WHERE email = 'al@example.com'").first<Record<string, string>>();
    expect(al).toMatchObject({ name: "Smith, Al", company: "Acme, Inc.", location: "Leeds", source: "client", client: "Acme", address_hash: await addressHash("al@example.com") });
    expect(JSON.parse(al!.fields!)).toEqual({ tier: "gold" });
    const deliveries = await env.DB.prepare("SELECT status, round, enqueued_at FROM deliveries").all<{ status: string; round: number; enqueued_at: string | null }>();
    expect(deliveries.results).toHaveLength(2);
    for (const d of deliveries.results) expect(d).toMatchObject({ status: "queued", round: 0, enqueued_at: expect.any(String) });
  });

  it("with semicolons (or tabs) as delimiter is read the same", async () => {
    expect((await report(await uploadCsv("invite-poll", "email;name\nal@example.com;Al\n"))).accepted).toBe(1);
    expect((await report(await uploadCsv("tiny-poll", "email\tname\nal@example.com\tAl\n"))).accepted).toBe(1);
  });

  it("reports invalid addresses, duplicates in the list and rows missing the address, with their row numbers", async () => {
    const r = await report(await uploadCsv("invite-poll", "email,name\nok@example.com,A\nnope,B\nOK@example.com ,C\n,D\n"));
    expect(r.accepted).toBe(1);
    expect(r.rejected).toEqual([
      { row: 3, reason: "invalid address", email: "nope" },
      { row: 4, reason: "duplicate in the list", email: "OK@example.com" },
      { row: 5, reason: "missing required column: email" },
    ]);
  });

  it("without an email column is refused whole with 422, storing nothing", async () => {
    const res = await uploadCsv("invite-poll", "name,company\nAl,Acme\n");
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: string }).error).toMatch(/no email column/);
    expect(await count("contacts")).toBe(0);
  });

  it("without a source (or with an unknown one, or without a client) is refused with 422", async () => {
    for (const query of ["client=Acme", "source=bought&client=Acme", "source=client", "source=panel&client=Acme&wave=bad%20wave"]) {
      const res = await uploadCsv("invite-poll", "email\nal@example.com\n", query);
      expect(res.status, query).toBe(422);
    }
    const json = await uploadJson("invite-poll", { client: "Acme", contacts: [{ email: "al@example.com" }] });
    expect(json.status).toBe(422);
    expect(((await json.json()) as { error: string }).error).toMatch(/source/);
    expect(await count("contacts")).toBe(0);
  });

  it("larger than the request limit is refused with 413 before it is read, even when streamed without a length", async () => {
    // 50 MB offered as a stream: the Worker stops reading at its limit and never buffers the rest.
    let pulled = 0;
    const chunk = new TextEncoder().encode("someone@example.com,Some One\n".repeat(2000));
    const stream = new ReadableStream<Uint8Array>({
      start: (c) => c.enqueue(new TextEncoder().encode("email,name\n")),
      pull: (c) => {
        if (pulled >= 50 * 1024 * 1024) return c.close();
        pulled += chunk.length;
        c.enqueue(chunk);
      },
    });
    const res = await uploadCsv("invite-poll", stream);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/canvass invite/);
    expect(pulled).toBeLessThan(MAX_UPLOAD_BYTES * 3);
    expect(await count("contacts")).toBe(0);
  });

  it("with more rows than one request takes is refused with 413, pointing at canvass invite", async () => {
    const csv = "email\n" + Array.from({ length: MAX_CONTACTS + 1 }, (_, i) => `p${i}@example.com`).join("\n");
    const res = await uploadCsv("invite-poll", csv);
    expect(res.status).toBe(413);
    expect(await count("contacts")).toBe(0);
  });
});

describe("a JSON list", () => {
  it("takes contacts with custom fields, and rejects entries that are not objects", async () => {
    const r = await report(await uploadJson("invite-poll", { source: "panel", client: "Acme", wave: 2, contacts: [{ email: "al@example.com", name: "Al", plan: "pro" }, "bea@example.com", { name: "no address" }] }));
    expect(r).toMatchObject({ wave: "2", source: "panel", accepted: 1 });
    expect(r.rejected).toEqual([{ row: 2, reason: "malformed row" }, { row: 3, reason: "missing required column: email" }]);
    const inv = await env.DB.prepare("SELECT source, client, wave FROM invitations").first();
    expect(inv).toEqual({ source: "panel", client: "Acme", wave: "2" });
  });
});

describe("a list at the request limits", () => {
  it("2,000 contacts in almost 2 MB are stored and queued in one request", async () => {
    const long = "x".repeat(440);
    const contacts = Array.from({ length: MAX_CONTACTS }, (_, i) => ({ email: `p${i}@example.com`, name: `Person ${i}`, note: long, extra: long }));
    const body = JSON.stringify({ source: "client", client: "Acme", contacts });
    expect(body.length).toBeGreaterThan(1.7 * 1024 * 1024);
    expect(body.length).toBeLessThan(MAX_UPLOAD_BYTES);
    const r = await report(await uploadJson("invite-poll", JSON.parse(body)));
    expect(r).toMatchObject({ accepted: MAX_CONTACTS, queued: MAX_CONTACTS, rejected: [] });
    expect(await count("invitations")).toBe(MAX_CONTACTS);
  });
});

describe("one invitation per contact, survey and wave", () => {
  it("a repeated upload invites no one twice; a new wave invites again", async () => {
    const csv = "email,name\nal@example.com,Al\nbea@example.com,Bea\n";
    expect((await report(await uploadCsv("invite-poll", csv))).accepted).toBe(2);
    const again = await report(await uploadCsv("invite-poll", "email,name\nAL@Example.com,Alan\ncid@example.com,Cid\n"));
    expect(again).toMatchObject({ accepted: 1, already_invited: 1, queued: 1 });
    expect(await env.DB.prepare("SELECT name FROM contacts WHERE email = 'AL@Example.com'").first()).toEqual({ name: "Alan" }); // the same contact, updated
    expect(await count("contacts")).toBe(3);
    const wave2 = await report(await uploadCsv("invite-poll", csv, "source=client&client=Acme&wave=2"));
    expect(wave2).toMatchObject({ accepted: 2, already_invited: 0 });
    expect(await count("invitations")).toBe(5);
  });

  it("an address that opted out is counted as suppressed and not stored", async () => {
    await env.DB.prepare("INSERT INTO suppressions (address_hash, created_at, via) VALUES (?1, ?2, 'page')").bind(await addressHash("gone@example.com"), new Date().toISOString()).run();
    const r = await report(await uploadCsv("invite-poll", "email\n  Gone@Example.com \nstay@example.com\n"));
    expect(r).toMatchObject({ accepted: 1, suppressed: 1 });
    expect(await env.DB.prepare("SELECT email FROM contacts").all()).toMatchObject({ results: [{ email: "stay@example.com" }] });
  });

  it("an invitation stored by an upload that died before queueing is queued by the next upload of the same list", async () => {
    await report(await uploadCsv("invite-poll", "email\nal@example.com\n"));
    await env.DB.prepare("UPDATE deliveries SET enqueued_at = NULL").run();
    const r = await report(await uploadCsv("invite-poll", "email\nal@example.com\n"));
    expect(r).toMatchObject({ accepted: 0, already_invited: 1, queued: 1 });
  });
});

describe("refusals", () => {
  it("needs the admin token", async () => {
    const res = await call("/api/admin/surveys/invite-poll/invitations?source=client&client=Acme", { method: "POST", headers: { "content-type": "text/csv" }, body: "email\na@example.com\n" });
    expect(res.status).toBe(401);
    expect(await count("contacts")).toBe(0);
  });

  it("refuses unknown, draft and closed surveys, and other content types", async () => {
    expect((await uploadCsv("no-such-survey", "email\na@example.com\n")).status).toBe(404);
    expect((await uploadCsv("draft-poll", "email\na@example.com\n")).status).toBe(403);
    expect((await uploadCsv("closed-poll", "email\na@example.com\n")).status).toBe(410);
    const xml = await adminRequest("/api/admin/surveys/invite-poll/invitations", { method: "POST", headers: { "content-type": "application/xml" }, body: "<a/>" });
    expect(xml.status).toBe(415);
    expect(await count("contacts")).toBe(0);
  });
});

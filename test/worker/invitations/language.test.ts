/**
 * Invitations in the contact's language: a contact list's `language` column (one of the
 * survey's `languages`) is stored with the invitation, and the queue consumer writes that
 * contact's email from the survey's translation: subject, text, the footer's words, a
 * `Content-Language` header and a personal link to that language's page, which the Worker
 * serves with the token stamped in (JavaScript off). A language the survey is not offered in
 * is refused whole, naming the row and the languages offered.
 *
 * The list goes through the real upload; the consumer is then run here on each invitation
 * with the Worker's own env, so whichever of it and the queue's background consumer claims a
 * delivery first, the one email in the outbox is the same (the claim makes the other a no-op).
 * Fixture: multilingual-poll.yaml (en, de, fr; its invitation translated, one reminder).
 */
import { env } from "cloudflare:workers";
import PostalMime, { type Email } from "postal-mime";
import { describe, expect, it } from "vitest";
import type { UploadReport } from "../../../core/api/invitations.ts";
import { NO_STORE } from "../../../core/security-headers.ts";
import { assetsWithPage, openPage } from "../helpers.ts";
import { consume, messageFor, outboxFor, uploadCsv, uploadJson } from "./helpers.ts";

const SURVEY = "multilingual-poll";
const invitations = async () =>
  (await env.DB.prepare("SELECT i.id, i.language, c.email FROM invitations i JOIN contacts c ON c.id = i.contact_id ORDER BY c.email").all<{ id: string; language: string | null; email: string }>()).results;

/** Runs the consumer on a delivery and parses the one message it kept, raw MIME as sent. */
async function mailed(invitation: string, round = 0): Promise<Email> {
  await consume([messageFor({ invitation, round })], {}, env);
  // Polled: had the queue's own consumer claimed the delivery first, it may still be writing the message.
  await expect.poll(async () => (await outboxFor(invitation, round)).length).toBe(1);
  const [row] = await outboxFor(invitation, round);
  return PostalMime.parse(row!.raw);
}
/**
 * The fixture site has no built survey pages: the German page is hand-made here, shaped as
 * site/components/SurveyForm.astro renders it (the parts the Worker touches), as in
 * test/worker/pages/survey-pages.test.ts.
 */
const GERMAN_PAGE =
  '<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Umfrage</title></head><body>' +
  '<p>Hallo <span data-pipe="name">Freund</span>.</p>' +
  `<form id="survey-form" method="post" action="/api/responses/${SURVEY}"><input type="hidden" name="_submission" value="">` +
  '<input type="hidden" name="_lang" value="de"><button type="submit">Antworten senden</button></form></body></html>';
const germanPage = assetsWithPage(`/s/${SURVEY}/de/`, () => new Response(GERMAN_PAGE, { headers: { "content-type": "text/html; charset=utf-8" } }));

const header = (mail: Email, key: string) => mail.headers.filter((h) => h.key === key).map((h) => h.value);
const linkIn = (text: string) => /https?:\/\/\S+\/s\/[a-z0-9-]+\/(?:[a-z]{2}\/)?\?t=[A-Za-z0-9_.-]+/.exec(text)?.[0];

describe("a contact list with a language column", () => {
  it("stores each invitation's language; the default (or an empty cell) stores none, and case does not matter", async () => {
    const res = await uploadCsv(SURVEY, "email,name,language\nanna@example.com,Anna,en\nbernd@example.com,Bernd,DE\ncleo@example.com,Cleo,\n");
    expect(res.status).toBe(200);
    expect((await res.json()) as UploadReport).toMatchObject({ accepted: 3, rejected: [] });
    expect((await invitations()).map((i) => [i.email, i.language])).toEqual([["anna@example.com", null], ["bernd@example.com", "de"], ["cleo@example.com", null]]);
  });

  it("sends the German contact a German email and the English contact an English one: subject, body, footer, Content-Language and the personal link", async () => {
    expect((await uploadCsv(SURVEY, "email,name,language\nanna@example.com,Anna,en\nbernd@example.com,Bernd,de\n")).status).toBe(200);
    const [anna, bernd] = await invitations();

    const de = await mailed(bernd!.id);
    expect(de.subject).toBe("Bernd, welches Obst?");
    expect(header(de, "content-language")).toEqual(["de"]);
    expect(de.text).toContain("Liebe(r) Bernd, verraten Sie uns Ihr Obst: ");
    expect(de.text).toContain("Sie erhalten diese Nachricht, weil Sie mit Acme in Kontakt stehen");
    expect(de.text).toContain("Keine Umfrage-Einladungen mehr an diese Adresse: ");
    expect(de.html).toContain('<html lang="de">');
    expect(de.html).toContain(">Keine Umfrage-Einladungen mehr an diese Adresse senden</a>");
    const deLink = linkIn(de.text!);
    expect(new URL(deLink!).pathname).toBe(`/s/${SURVEY}/de/`);
    expect(de.html).toContain(`href="${deLink}"`);

    const en = await mailed(anna!.id);
    expect(en.subject).toBe("Anna, which fruit?");
    expect(header(en, "content-language")).toEqual(["en"]);
    expect(en.text).toContain("Dear Anna, tell us your fruit: ");
    expect(en.text).toContain("You are receiving this because you are in touch with Acme, who asked us to invite you.");
    expect(en.text).toContain("To stop all survey invitations to this address: ");
    expect(new URL(linkIn(en.text!)!).pathname).toBe(`/s/${SURVEY}/`);
    expect(en.text).not.toContain("Obst");
  });

  it("a reminder to the German contact is German too, in the strings table's words", async () => {
    expect((await uploadJson(SURVEY, { source: "panel", client: "Acme", contacts: [{ email: "bernd@example.com", name: "Bernd", language: "de" }] })).status).toBe(200);
    const [bernd] = await invitations();
    await mailed(bernd!.id);
    await env.DB.prepare("INSERT INTO deliveries (invitation_id, round, status, created_at, updated_at) VALUES (?1, 1, 'queued', ?2, ?2)").bind(bernd!.id, new Date().toISOString()).run();
    const reminder = await mailed(bernd!.id, 1);
    expect(reminder.subject).toBe("Erinnerung: Bernd, welches Obst?");
    expect(reminder.text).toContain("Eine kurze Erinnerung, falls unsere erste Nachricht untergegangen ist.");
    expect(reminder.text).toContain("Sie erhalten diese Nachricht, weil Sie einem Umfrage-Panel für Acme beigetreten sind.");
    expect(new URL(linkIn(reminder.text!)!).pathname).toBe(`/s/${SURVEY}/de/`);
  });

  it("the German personal link works with JavaScript off: the Worker serves /s/<id>/de/?t=… with the token stamped into the form", async () => {
    expect((await uploadCsv(SURVEY, "email,name,language\nbernd@example.com,Bernd,de\n")).status).toBe(200);
    const [bernd] = await invitations();
    const url = new URL(linkIn((await mailed(bernd!.id)).text!)!);
    const res = await openPage(`${url.pathname}${url.search}`, germanPage);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(/<input type="hidden" name="_t" value="([^"]*)">/.exec(html)?.[1]).toBe(url.searchParams.get("t"));
    expect(html).toContain('<span data-pipe="name">Bernd</span>');
    expect(res.headers.get("cache-control")).toBe(NO_STORE);
  });

  it("a language the survey is not offered in is refused whole with 422, naming the row and the languages offered, storing nothing", async () => {
    const res = await uploadCsv(SURVEY, "email,language\nanna@example.com,en\nluca@example.com,it\n");
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: string; errors: Record<string, string> };
    expect(body.error).toBe('No invitations were stored: row 3: language "it" is not one this survey is offered in (en, de, fr). Use one of en, de, fr in the language column, or leave it empty for en.');
    expect(body.errors).toEqual({ 3: 'language "it" is not one this survey is offered in (en, de, fr)' });
    expect(await invitations()).toEqual([]);
  });

  it("a survey in one language refuses any other language too, and JSON lists are numbered from 1", async () => {
    const res = await uploadJson("invite-poll", { source: "client", client: "Acme", contacts: [{ email: "a@example.com", language: "de" }] });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: string }).error).toContain('row 1: language "de" is not one this survey is offered in (en)');
  });
});

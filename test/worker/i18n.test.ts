/**
 * Canvass's own words in the Worker speak the respondent's language (core/i18n/): the
 * ranking and "None" checks, the 422 page's note on an answer skip logic set aside, the
 * "Continue to" page of a redirect, the personal-link notices it stamps into a survey page
 * in another language, the 409 page of a spent link, the 404 under `/s/<id>/de/`, and the
 * 413 and 400 pages of a form refused before it is read (the browser's language among the survey's).
 * Fixture: test/fixtures/surveys/i18n-poll.yaml (English and German). The fixture site has
 * no built survey pages, so the German page is a hand-made stand-in shaped as
 * site/components/SurveyForm.astro renders it (the parts the Worker touches).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { personalLink } from "../../worker/invitations/links.ts";
import { assetsWithPage, call, openPage, postForm, postJson, rows } from "./helpers.ts";
import { seedInvitation } from "./invitations/helpers.ts";

const SURVEY = "i18n-poll";
const URL_ = `/api/responses/${SURVEY}`;
const GERMAN_PAGE =
  '<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Oberflächenwörter</title></head><body><h1>Oberflächenwörter</h1>' +
  `<form id="survey-form" method="post" action="${URL_}"><input type="hidden" name="_submission" value=""><input type="hidden" name="_lang" value="de">` +
  '<p id="survey-status" role="status"></p><button type="submit">Antworten senden</button></form></body></html>';

/** The real assets, with the stand-in German page at /s/i18n-poll/de/. */
const assets = assetsWithPage(`/s/${SURVEY}/de/`, () => new Response(GERMAN_PAGE, { headers: { "content-type": "text/html; charset=utf-8" } }));

const open = (path: string) => openPage(path, assets);
const tokenOf = async (invitation: string) => new URL(await personalLink(env, SURVEY, invitation)).searchParams.get("t")!;
const statusLine = (html: string) => /<p id="survey-status" role="status">([^<]*)<\/p>/.exec(html)?.[1] ?? "";

describe("the answer checks in the respondent's language", () => {
  it("a German form with two items in one ranking position gets the German message naming them, and nothing is stored", async () => {
    const res = await postForm(URL_, [["_lang", "de"], ["order.price", "1"], ["order.speed", "1"], ["order.quality", "3"]]);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<html lang="de"');
    expect(html).toContain("<strong>Bringen Sie diese in eine Reihenfolge</strong>: Preis und Tempo stehen beide auf Position 1: Geben Sie jedem eine andere Position.");
    expect(await rows(SURVEY)).toHaveLength(0);
  });

  it("a German JSON answer ticking None with another choice, or a slider off its grid, gets German messages", async () => {
    const res = await postJson(URL_, { submission_id: crypto.randomUUID(), language: "de", answers: { tools: ["App", "None"], level: 3 } });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { errors: Record<string, string> }).errors).toEqual({
      tools: "„Nichts davon“ kann nicht zusammen mit anderen Optionen gewählt werden.",
      level: "Wählen Sie einen Wert von 0 bis 10 in Schritten von 5.",
    });
    const en = await postJson(URL_, { submission_id: crypto.randomUUID(), answers: { tools: ["Web", "None"] } });
    expect(((await en.json()) as { errors: Record<string, string> }).errors).toEqual({ tools: '"None of these" cannot be chosen together with other options.' });
    expect(await rows(SURVEY)).toHaveLength(0);
  });

  it("a German form's 422 page says in German that an answer to a question that did not apply was not kept", async () => {
    const res = await postForm(URL_, [["_lang", "de"], ["tools", "Other"], ["app", "Great"]]);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Bitte geben Sie an, was Sie mit „Sonstiges“ meinen.");
    expect(html).toContain("<li>Ihre Antwort auf „Wie finden Sie die App?“ wurde nicht übernommen: Die Frage trifft nach Ihren anderen Antworten nicht zu.</li>");
    // The site's footer, from the English template, names the legal pages in German.
    expect(html).toContain('<a href="/privacy/">Datenschutz</a> · <a href="/terms/">Nutzungsbedingungen</a>');
  });
});

describe("a redirect without JavaScript", () => {
  it("a German form is answered with the German page that moves on: its title and \"Weiter zu <host>\"", async () => {
    const res = await postForm(URL_, [["_submission", crypto.randomUUID()], ["_lang", "de"], ["tools", "Web"]]);
    expect(res.status).toBe(200);
    expect(res.headers.get("refresh")).toBe("0; url=https://example.com/after");
    const html = await res.text();
    expect(html).toContain('<html lang="de"');
    expect(html).toContain("<h1>Oberflächenwörter</h1>");
    expect(html).toContain('<p><a href="https://example.com/after">Weiter zu example.com</a></p>');
    expect(await rows(SURVEY)).toHaveLength(1);
  });
});

describe("personal links on the German page", () => {
  it("an invitation answered already gets the German notice in the form's place", async () => {
    const s = await seedInvitation({ survey: SURVEY, answeredAt: new Date().toISOString() });
    const res = await open(`/s/${SURVEY}/de/?t=${await tokenOf(s.invitation)}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('id="survey-form"');
    expect(html).toContain('<p class="notice" id="survey-answered" role="status">Sie haben diese Umfrage über Ihren persönlichen Link bereits beantwortet. Vielen Dank!</p>');
  });

  it("a link that can be used is stamped into the German page's form", async () => {
    const s = await seedInvitation({ survey: SURVEY });
    const token = await tokenOf(s.invitation);
    const html = await (await open(`/s/${SURVEY}/de/?t=${token}`)).text();
    expect(html).toContain(`<input type="hidden" name="_t" value="${token}">`);
  });

  it("a refused link says why, and that the answers will not be linked, in German", async () => {
    const s = await seedInvitation({ survey: SURVEY });
    const expired = `${(await tokenOf(s.invitation)).slice(0, -3)}xyz`;
    expect(statusLine(await (await open(`/s/${SURVEY}/de/?t=${expired}`)).text())).toBe(
      "Dieser persönliche Link ist ungültig: Er wurde nach dem Versand verändert. Verwenden Sie den Link genau so, wie er in der E-Mail steht. Ihre Antworten werden keiner Einladung zugeordnet.",
    );
    const gone = await open(`/s/${SURVEY}/de/?t=${await tokenOf(crypto.randomUUID())}`);
    expect(statusLine(await gone.text())).toBe(
      "Diese Einladung gibt es nicht mehr. Solange die Umfrage offen ist, können Sie sie auch ohne den persönlichen Link öffnen. Ihre Antworten werden keiner Einladung zugeordnet.",
    );
  });

  it("the page script's check of a link (POST /api/invitations) refuses in the page's language", async () => {
    const res = await postJson(`/api/invitations/${SURVEY}`, { token: "abc", language: "de" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^Dieser persönliche Link ist unvollständig oder beschädigt\./);
  });

  it("a second response through a spent link gets the German 409 page", async () => {
    const s = await seedInvitation({ survey: SURVEY });
    const token = await tokenOf(s.invitation);
    const first = await postForm(URL_, [["_submission", crypto.randomUUID()], ["_lang", "de"], ["_t", token], ["tools", "Web"]]);
    expect(first.status).toBe(200);
    const second = await postForm(URL_, [["_submission", crypto.randomUUID()], ["_lang", "de"], ["_t", token], ["tools", "App"]]);
    expect(second.status).toBe(409);
    const html = await second.text();
    expect(html).toContain('<html lang="de"');
    expect(html).toContain("<h1>Bereits verwendet</h1>");
    expect(html).toContain("Mit diesem persönlichen Link wurde die Umfrage bereits beantwortet; jede Einladung nimmt eine Antwort an. Vielen Dank!");
    expect(await rows(SURVEY)).toHaveLength(1);
  });
});

describe("nothing at an address under a German survey page", () => {
  it("a browser gets the 404 in German; an English survey's and an unknown survey's stay the site's own", async () => {
    const res = await open(`/s/${SURVEY}/de/no-such-page/`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('<html lang="de"');
    expect(html).toContain("<h1>Nicht gefunden</h1>");
    expect(html).toContain("Unter dieser Adresse gibt es nichts.");
    const english = await open(`/s/${SURVEY}/no-such-page/`);
    expect(english.status).toBe(404);
    expect(await english.text()).not.toContain('lang="de"');
    expect((await open("/s/no-such-survey/de/")).status).toBe(404);
  });
});

describe("refusals made before the answers are read", () => {
  const post = (body: string, headers: Record<string, string>) =>
    call(URL_, { method: "POST", headers: { accept: "text/html", ...headers }, body, redirect: "manual" });

  it("a form over 128 KB gets the 413 page in the language the browser prefers among the survey's, else the survey's default, and nothing is stored", async () => {
    const big = new URLSearchParams([["_lang", "de"], ["tools", "Web"], ["comment", "x".repeat(140 * 1024)]]).toString();
    const german = await post(big, { "content-type": "application/x-www-form-urlencoded", "accept-language": "fr-CH, de-DE;q=0.9, en;q=0.5" });
    expect(german.status).toBe(413);
    const html = await german.text();
    expect(html).toContain('<html lang="de"');
    expect(html).toContain("<h1>Zu groß</h1>");
    expect(html).toContain("Ihre Antworten sind größer als 128 KB");
    const fallback = await post(big, { "content-type": "application/x-www-form-urlencoded", "accept-language": "it" });
    expect(fallback.status).toBe(413);
    expect(await fallback.text()).toContain("Your answers are larger than 128 KB");
    expect(await rows(SURVEY)).toHaveLength(0);
  });

  it("a form that arrives damaged gets the 400 page in German for a German browser", async () => {
    const res = await post("--x\r\nContent-Disposition: form-data; name=\"tools\"\r\n\r\nWeb", { "content-type": "multipart/form-data; boundary=x", "accept-language": "de" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<html lang="de"');
    expect(html).toContain("<h1>Ihre Antworten konnten nicht gelesen werden</h1>");
    expect(html).toContain("Gehen Sie zurück und senden Sie sie noch einmal.");
  });
});

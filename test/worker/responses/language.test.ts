/**
 * Multilingual surveys in the Worker (fixture: multilingual-poll.yaml, in en, de and fr):
 * the respondent's language (`_lang` in a form, `language` in JSON) is checked against
 * the survey's, words the answer checks and the no-JavaScript pages, is stored with the
 * response, and is exported.
 */
import Papa from "papaparse";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { admin, postForm, postJson, rows } from "../helpers.ts";

const URL_ = "/api/responses/multilingual-poll";
const language = async (id: string) => (await env.DB.prepare("SELECT language FROM responses WHERE id = ?1").bind(id).first<{ language: string | null }>())?.language;

describe("the respondent's language", () => {
  it("a JSON submission in German gets its 422 messages in German", async () => {
    const res = await postJson(URL_, { submission_id: crypto.randomUUID(), language: "de", answers: { seats: 0 } });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: string; errors: Record<string, string> };
    expect(body.error).toBe("Einige Antworten müssen noch einmal angesehen werden.");
    expect(body.errors).toEqual({ fruit: "Diese Frage muss beantwortet werden.", seats: "Geben Sie eine Zahl von mindestens 1 ein." });
    expect(await rows("multilingual-poll")).toHaveLength(0);
  });

  it("without JavaScript a German form that fails gets a German 422 page: lang, heading, labels and the link back to the German page", async () => {
    const res = await postForm(URL_, [["_lang", "de"], ["fruit", "Other"], ["seats", "2"]]);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<html lang="de"');
    expect(html).toContain("<h1>Einige Antworten müssen noch einmal angesehen werden</h1>");
    expect(html).toContain("<strong>Welches Obst? (Sonstiges)</strong>: Bitte geben Sie an, was Sie mit „Sonstiges“ meinen.");
    expect(html).toContain('<a href="/s/multilingual-poll/de/">Zurück zur Umfrage</a>');
  });

  it("the language is stored with the response, and a German form lands on the German thank-you page", async () => {
    const id = crypto.randomUUID();
    const res = await postForm(URL_, [["_submission", id], ["_lang", "de"], ["fruit", "pear"]]);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/s/multilingual-poll/de/thanks/");
    expect(await language(id)).toBe("de");
  });

  it("without a language the survey's default is stored and the default thank-you page follows", async () => {
    const id = crypto.randomUUID();
    const res = await postForm(URL_, [["_submission", id], ["fruit", "apple"]]);
    expect(res.headers.get("location")).toBe("/s/multilingual-poll/thanks/");
    expect(await language(id)).toBe("en");
  });

  it("a language the survey is not offered in is a 422 that names the languages it is, and nothing is stored", async () => {
    const json = await postJson(URL_, { submission_id: crypto.randomUUID(), language: "es", answers: { fruit: "apple" } });
    expect(json.status).toBe(422);
    expect(((await json.json()) as { error: string }).error).toBe('This survey is not offered in "es"; it is offered in en, de, fr.');
    const form = await postForm(URL_, [["_lang", "xx-<b>"], ["fruit", "apple"]]);
    expect(form.status).toBe(422);
    expect(await form.text()).toContain("This survey is not offered in &quot;xx-&lt;b&gt;&quot;");
    expect(await rows("multilingual-poll")).toHaveLength(0);
  });

  it("a one-language survey takes its own language and refuses another", async () => {
    expect((await postJson("/api/responses/tiny-poll", { submission_id: crypto.randomUUID(), language: "en", answers: { ok: "yes" } })).status).toBe(201);
    expect((await postJson("/api/responses/tiny-poll", { submission_id: crypto.randomUUID(), language: "de", answers: { ok: "yes" } })).status).toBe(422);
    expect((await rows("tiny-poll")).map((r) => (r as { language?: string | null }).language)).toEqual([null]);
  });

  it("a closed survey's refusal page is in the language the form names", async () => {
    const res = await postForm("/api/responses/closed-poll", [["_lang", "en"], ["ok", "yes"]]);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain("This survey has closed and no longer takes answers.");
  });
});

describe("the language in the results", () => {
  it("the JSON list and the CSV and NDJSON exports carry each response's language", async () => {
    const de = crypto.randomUUID();
    const fr = crypto.randomUUID();
    expect((await postJson(URL_, { submission_id: de, language: "de", answers: { fruit: "apple" } })).status).toBe(201);
    expect((await postJson(URL_, { submission_id: fr, language: "fr", answers: { fruit: "pear", seats: 3 } })).status).toBe(201);

    const list = (await (await admin("/api/admin/surveys/multilingual-poll/responses")).json()) as { responses: { id: string; language?: string }[] };
    expect(Object.fromEntries(list.responses.map((r) => [r.id, r.language]))).toEqual({ [de]: "de", [fr]: "fr" });

    const csv = Papa.parse<Record<string, string>>((await (await admin("/api/admin/surveys/multilingual-poll/responses?format=csv")).text()).replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true });
    expect(csv.meta.fields?.slice(0, 4)).toEqual(["submitted_at", "response_id", "language", "fruit"]);
    expect(Object.fromEntries(csv.data.map((r) => [r.response_id, r.language]))).toEqual({ [de]: "de", [fr]: "fr" });

    const ndjson = (await (await admin("/api/admin/surveys/multilingual-poll/responses?format=ndjson")).text()).trim().split("\n").map((l) => JSON.parse(l) as { id: string; language?: string });
    expect(Object.fromEntries(ndjson.map((r) => [r.id, r.language]))).toEqual({ [de]: "de", [fr]: "fr" });
  });

  it("a one-language survey's export has no language column", async () => {
    const text = await (await admin("/api/admin/surveys/tiny-poll/responses?format=csv")).text();
    expect(text.replace(/^\uFEFF/, "")).toBe("submitted_at,response_id,ok\r\n");
  });
});

/**
 * POST /api/responses/<id> inside workerd, against the fixture surveys in
 * test/fixtures/surveys published as the build would publish them.
 * Each test starts from an empty D1 (isolated storage per test file).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, postForm, postJson, rows } from "../helpers.ts";
import { complete } from "./helpers.ts";

const ALL = "/api/responses/all-types";
const uuid = () => crypto.randomUUID();

async function publishedHash(id: string): Promise<string> {
  const res = await env.ASSETS.fetch(new Request(`https://assets.invalid/_canvass/surveys/${id}.json`));
  return ((await res.json()) as { hash: string }).hash;
}

describe("a JSON submission", () => {
  it("is stored once with the definition hash and a timestamp, and answered 201 with its id", async () => {
    const id = uuid();
    const res = await postJson(ALL, { submission_id: id, answers: complete });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id, ending: "/s/all-types/thanks/" });
    const stored = await rows("all-types");
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id).toBe(id);
    expect(stored[0]!.definition_hash).toBe(await publishedHash("all-types"));
    expect(JSON.parse(stored[0]!.answers)).toEqual(complete);
    expect(Date.now() - Date.parse(stored[0]!.submitted_at)).toBeLessThan(60_000);
  });

  it("sent twice (a retry on a bad connection) is stored once", async () => {
    const id = uuid();
    const first = await postJson(ALL, { submission_id: id, answers: complete });
    const second = await postJson(ALL, { submission_id: id, answers: complete });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ id, ending: "/s/all-types/thanks/", duplicate: true });
    expect(await rows("all-types")).toHaveLength(1);
  });

  it("reusing a submission id from another survey is refused with 409", async () => {
    const id = uuid();
    expect((await postJson("/api/responses/tiny-poll", { submission_id: id, answers: { ok: "yes" } })).status).toBe(201);
    const res = await postJson(ALL, { submission_id: id, answers: complete });
    expect(res.status).toBe(409);
    expect((await res.json()) as object).toHaveProperty("error");
    expect(await rows("all-types")).toHaveLength(0);
  });

  it("drops the answers of questions hidden by skip logic and does not require them", async () => {
    // satisfaction 5 hides `reason` (required); its answer must not be kept.
    const res = await postJson(ALL, { submission_id: uuid(), answers: { satisfaction: 5, reason: "Price", agree: true } });
    expect(res.status).toBe(201);
    const [row] = await rows("all-types");
    expect(JSON.parse(row!.answers)).toEqual({ satisfaction: 5, agree: true });
  });

  it("a hidden page's questions are not required and their answers are dropped", async () => {
    // reason == "Price" hides the whole second page, including the required consent.
    const res = await postJson(ALL, { submission_id: uuid(), answers: { satisfaction: 1, reason: "Price", email: "x@example.com" } });
    expect(res.status).toBe(201);
    expect(JSON.parse((await rows("all-types"))[0]!.answers)).toEqual({ satisfaction: 1, reason: "Price" });
  });
});

describe("a plain HTML form post (JavaScript off)", () => {
  it("is decoded, stored and redirected with 303 to the thank-you page", async () => {
    const res = await postForm(ALL, [
      ["satisfaction", "3"], ["reason", "Quality"], ["tools", "App"], ["tools", "Phone"], ["plan", "free"],
      ["email", "kim@example.com"], ["age", "30"], ["recommend", "10"], ["grid.Speed", "Poor"], ["grid.Price", "Good"],
      ["again", "no"], ["since", "2020-02-29"], ["agree", "true"], ["nickname", ""], ["_submission", uuid()],
    ]);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/s/all-types/thanks/");
    const [row] = await rows("all-types");
    expect(JSON.parse(row!.answers)).toEqual({
      satisfaction: 3, reason: "Quality", tools: ["App", "Phone"], plan: "free", email: "kim@example.com", age: 30,
      recommend: 10, grid: { Speed: "Poor", Price: "Good" }, again: "no", since: "2020-02-29", agree: true,
    });
  });

  it("without a submission id still stores the response under a server-made id", async () => {
    const res = await postForm("/api/responses/tiny-poll", [["ok", "yes"]]);
    expect(res.status).toBe(303);
    expect(await rows("tiny-poll")).toHaveLength(1);
  });

  it("with errors gets a 422 page that names each question and stores nothing", async () => {
    const res = await postForm(ALL, [["satisfaction", "9"], ["agree", ""]]);
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain("How satisfied are you with us?");
    expect(html).toContain("Choose a rating from 1 to 5.");
    expect(html).toContain("I agree to be contacted");
    expect(html).toContain('href="/s/all-types/"');
    expect(html).toContain('href="/privacy/"');
    expect(await rows()).toHaveLength(0);
  });
});

describe("invalid answers get 422 with a message per field, and nothing is stored", () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ["a required question left empty", { agree: true }, "satisfaction", /needs an answer/],
    ["a rating out of range", { ...complete, satisfaction: 6 }, "satisfaction", /1 to 5/],
    ["a rating that is not a whole number", { ...complete, satisfaction: 2.5 }, "satisfaction", /1 to 5/],
    ["a choice not in the list", { ...complete, reason: "Luck" }, "reason", /one of the options/],
    ["Other chosen without saying what", { ...complete, reason_other: "" }, "reason_other", /Other/],
    ["too many selections", { ...complete, tools: ["App", "Website", "Phone"] }, "tools", /at most 2/],
    ["a selection repeated", { ...complete, tools: ["App", "App"] }, "tools", /once/],
    ["a dropdown value not in the list", { ...complete, plan: "Pro" }, "plan", /one of the options/],
    ["text longer than allowed", { ...complete, nickname: "x".repeat(21) }, "nickname", /20 characters/],
    ["text that is not a string", { ...complete, story: 12 }, "story", /Enter text/],
    ["an invalid email", { ...complete, email: "not-an-email" }, "email", /email address/],
    ["a number below min", { ...complete, age: 15 }, "age", /at least 16/],
    ["a number above max", { ...complete, age: 121 }, "age", /at most 120/],
    ["a number off its step", { ...complete, age: 30.5 }, "age", /whole number/],
    ["a number sent as text", { ...complete, age: "thirty" }, "age", /Enter a number/],
    ["an NPS score of 11", { ...complete, recommend: 11 }, "recommend", /0 to 10/],
    ["a matrix row that does not exist", { ...complete, grid: { Speed: "Good", Colour: "Good" } }, "grid", /not a row/],
    ["a matrix cell outside the scale", { ...complete, grid: { Speed: "Great" } }, "grid", /Speed/],
    ["yes/no as a boolean", { ...complete, again: true }, "again", /yes or no/],
    ["an impossible date", { ...complete, since: "2021-02-30" }, "since", /YYYY-MM-DD/],
    ["a date before min", { ...complete, since: "1999-12-31" }, "since", /on or after 2000-01-01/],
    ["consent not given", { ...complete, agree: false }, "agree", /consent/],
    ["an unknown field", { ...complete, favourite_colour: "blue" }, "_form", /favourite_colour/],
    ["other text for a question without Other", { ...complete, plan_other: "x" }, "_form", /plan_other/],
  ];
  for (const [name, answers, field, message] of cases) {
    it(name, async () => {
      const res = await postJson(ALL, { submission_id: uuid(), answers });
      expect(res.status).toBe(422);
      const body = (await res.json()) as { error: string; errors: Record<string, string> };
      expect(body.errors[field]).toMatch(message);
      expect(await rows()).toHaveLength(0);
    });
  }
});

describe("requests the Worker refuses with a clear 4xx", () => {
  it("an unknown survey is 404", async () => {
    const res = await postJson("/api/responses/no-such-survey", { submission_id: uuid(), answers: {} });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toContain("no-such-survey");
  });

  it("a survey id with path tricks is 404, never a file", async () => {
    for (const id of ["..%2F..%2Fprivacy", "ALL-TYPES", "all_types", "%2e%2e"]) {
      const res = await postJson(`/api/responses/${id}`, { submission_id: uuid(), answers: {} });
      expect(res.status, id).toBe(404);
    }
  });

  it("a draft survey is 403 and does not reveal its questions", async () => {
    const res = await postJson("/api/responses/draft-poll", { submission_id: uuid(), answers: { secret_question: "yes" } });
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/draft/);
    const published = await env.ASSETS.fetch(new Request("https://assets.invalid/_canvass/surveys/draft-poll.json"));
    expect(await published.text()).not.toContain("secret");
  });

  it("a closed survey is 410 with the reason", async () => {
    const res = await postJson("/api/responses/closed-poll", { submission_id: uuid(), answers: { ok: "yes" } });
    expect(res.status).toBe(410);
    expect(((await res.json()) as { error: string }).error).toMatch(/closed/);
  });

  it("a survey past its closing date is 410, one not yet open is 403", async () => {
    expect((await postJson("/api/responses/ended-poll", { submission_id: uuid(), answers: { ok: "yes" } })).status).toBe(410);
    const early = await postJson("/api/responses/future-poll", { submission_id: uuid(), answers: { ok: "yes" } });
    expect(early.status).toBe(403);
    expect(((await early.json()) as { error: string }).error).toContain("2099-01-01");
    expect(await rows()).toHaveLength(0);
  });

  it("malformed JSON is 400", async () => {
    const res = await call(ALL, { method: "POST", headers: { "content-type": "application/json" }, body: "{\"submission_id\": " });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/not valid JSON/);
  });

  it("JSON in the wrong shape is 422 naming what is wrong", async () => {
    for (const body of [{ answers: {} }, { submission_id: "abc", answers: {} }, { submission_id: uuid(), answers: [] }, { submission_id: uuid(), answers: {}, extra: 1 }, [], null]) {
      const res = await postJson(ALL, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
  });

  it("a form with a malformed submission id is 422", async () => {
    const res = await postForm("/api/responses/tiny-poll", [["ok", "yes"], ["_submission", "not-a-uuid"]]);
    expect(res.status).toBe(422);
  });

  it("a body over the size limit is 413", async () => {
    const big = JSON.stringify({ submission_id: uuid(), answers: { story: "x".repeat(200_000) } });
    const res = await call(ALL, { method: "POST", headers: { "content-type": "application/json" }, body: big });
    expect(res.status).toBe(413);
    const streamed = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode("x".repeat(8192)));
        controller.close();
      },
    });
    const chunked = await call(ALL, { method: "POST", headers: { "content-type": "application/json" }, body: streamed, duplex: "half" } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await rows()).toHaveLength(0);
  });

  it("a body in another format is 415", async () => {
    for (const type of ["text/plain", "application/xml", ""]) {
      const res = await call(ALL, { method: "POST", headers: type ? { "content-type": type } : {}, body: "satisfaction=3" });
      expect(res.status, type).toBe(415);
    }
  });

  it("other methods and paths are 404 with a message, not 5xx", async () => {
    expect((await call(ALL, { method: "GET" })).status).toBe(404);
    expect((await call("/api/nothing-here")).status).toBe(404);
  });
});

describe("health", () => {
  it("answers ok", async () => {
    const res = await call("/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});

/**
 * End screens in the Worker (core/endings.ts): the answers as stored choose the ending, a
 * JSON submission is answered with it (and the author's redirect), a plain form post is
 * sent to its page with 303 (or, with a redirect, gets a page that moves on to it), and a
 * redirect goes out exactly as written: never with the answers or the response id. Fixture: test/fixtures/surveys/endings-poll.yaml.
 */
import { describe, expect, it } from "vitest";
import { postForm, postJson, rows } from "../helpers.ts";

const URL_ = "/api/responses/endings-poll";
const REDIRECT = "https://reviews.example.com/write?src=canvass";
const json = (answers: Record<string, unknown>, submission_id = crypto.randomUUID()) => postJson(URL_, { submission_id, answers });

describe("a JSON submission is answered with the end screen its answers chose", () => {
  it("a low score gets 201 with the id and the low ending's page, and is stored", async () => {
    const id = crypto.randomUUID();
    const res = await json({ score: 5, why: "Slow" }, id);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id, ending: "/s/endings-poll/thanks/low/" });
    expect((await rows("endings-poll")).map((r) => JSON.parse(r.answers))).toEqual([{ score: 5, why: "Slow" }]);
  });

  it("answers that meet no condition get the default ending, at the plain thank-you page", async () => {
    const res = await json({ score: 7 });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { ending: string }).ending).toBe("/s/endings-poll/thanks/");
  });

  it("the first ending that holds wins, over the answers as stored: a hidden question's answer chooses nothing", async () => {
    const shown = await json({ score: 2, detail: "Broken" });
    expect(((await shown.json()) as { ending: string }).ending).toBe("/s/endings-poll/thanks/detail/");
    // score 8 hides `detail`, so its answer is dropped before the ending is chosen.
    const hidden = await json({ score: 8, detail: "Sneaky" });
    expect(hidden.status).toBe(201);
    expect(((await hidden.json()) as { ending: string }).ending).toBe("/s/endings-poll/thanks/");
    expect((await rows("endings-poll")).map((r) => JSON.parse(r.answers))).toContainEqual({ score: 8 });
  });

  it("a promoter gets the ending's redirect exactly as the author wrote it, with no answer or id in it", async () => {
    const id = crypto.randomUUID();
    const res = await json({ score: 10, why: "marker-7f3a" }, id);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { redirect: string };
    expect(body).toEqual({ id, ending: "/s/endings-poll/thanks/away/", redirect: REDIRECT });
    expect(body.redirect).not.toContain("marker-7f3a");
    expect(body.redirect).not.toContain(id);
  });

  it("a resend of the same submission is answered with the same ending", async () => {
    const id = crypto.randomUUID();
    expect((await json({ score: 1 }, id)).status).toBe(201);
    const again = await json({ score: 1 }, id);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id, ending: "/s/endings-poll/thanks/low/", duplicate: true });
  });
});

describe("a plain form post (JavaScript off) is sent to its end screen with 303", () => {
  it("to the chosen ending's page", async () => {
    const res = await postForm(URL_, [["score", "3"], ["why", "Price"], ["detail", ""]]);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/s/endings-poll/thanks/low/");
    expect((await rows("endings-poll")).map((r) => JSON.parse(r.answers))).toEqual([{ score: 3, why: "Price" }]);
  });

  it("to the plain thank-you page (the default ending) when no condition holds", async () => {
    const res = await postForm(URL_, [["score", "8"]]);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/s/endings-poll/thanks/");
  });

  it("with a redirect: a page that moves on to the author's address exactly as written (Refresh), with a link, never carrying answers or the response id", async () => {
    // A 303 from the form straight to another site would be refused by the survey page's
    // CSP (form-action 'self' covers a form's redirects), so the Worker answers with a page.
    const submission = crypto.randomUUID();
    const res = await postForm(URL_, [["score", "9"], ["why", "marker-91bc"], ["_submission", submission]]);
    expect(res.status).toBe(200);
    expect(res.headers.get("refresh")).toBe(`0; url=${REDIRECT}`);
    const html = await res.text();
    expect(html).toContain(`<a href="${REDIRECT}">Continue to reviews.example.com</a>`);
    for (const secret of ["marker-91bc", submission]) {
      expect(res.headers.get("refresh")).not.toContain(secret);
      expect(html).not.toContain(secret);
    }
    const [row] = await rows("endings-poll");
    expect(row!.id).toBe(submission);
    expect(JSON.parse(row!.answers)).toEqual({ score: 9, why: "marker-91bc" });
  });

  it("invalid answers still get the 422 page and choose no ending", async () => {
    const res = await postForm(URL_, [["why", "No score"]]);
    expect(res.status).toBe(422);
    expect(res.headers.get("location")).toBeNull();
    expect(await rows("endings-poll")).toHaveLength(0);
  });
});

/**
 * `POST /api/responses/<survey-id>`: stores one response.
 *
 * Takes a plain HTML form (303 to the thank-you page) or JSON (201 with the id).
 * The answers are checked by core/answers.ts against the published definition —
 * the same code the page ran — and stored once per client-generated submission id.
 *
 * @example
 *   curl -X POST :8787/api/responses/customer-feedback -H 'content-type: application/json' \
 *        -d '{"submission_id":"3b0f…","answers":{"satisfaction":4}}'
 */
import { Hono, type Context } from "hono";
import { z } from "zod";
import { validateAnswers } from "../core/answers.ts";
import { availability } from "../core/availability.ts";
import type { PublishedSurvey } from "../core/compile.ts";
import { decodeForm } from "../core/form.ts";
import { allQuestions, OTHER_SUFFIX } from "../core/model.ts";
import { claimForResponse, invitationForToken } from "./invitations/links.ts";
import { Problem } from "./problems.ts";
import { bodyKind, limitBody, readFormFields, readJsonBody, zodMessage } from "./request-body.ts";
import { findSurvey } from "./surveys.ts";
import { insertResponse } from "./response-store.ts";

/** Largest body accepted: generous for long free-text answers, small enough to refuse abuse early. */
export const MAX_BODY_BYTES = 128 * 1024;

const JsonSubmission = z.strictObject({
  submission_id: z.uuid({ error: "submission_id must be a UUID (crypto.randomUUID() makes one)" }),
  answers: z.record(z.string(), z.unknown(), { error: "answers must be an object of question id to answer" }),
  /** The invitation token from a personal link (`?t=`), when the respondent came through one. */
  token: z.string().min(1).max(1000).optional(),
});

type Submission = { submissionId: string | undefined; answers: Record<string, unknown>; token: string | undefined };

async function readJson(c: Context): Promise<Submission> {
  const parsed = JsonSubmission.safeParse(await readJsonBody(c));
  if (!parsed.success) throw new Problem(422, `The submission is not in the expected shape: ${zodMessage(parsed.error)}.`);
  return { submissionId: parsed.data.submission_id, answers: parsed.data.answers, token: parsed.data.token };
}

async function readForm(c: Context, published: PublishedSurvey): Promise<Submission> {
  const { answers, control } = decodeForm(published, await readFormFields(c, "this survey"));
  if (control._submission !== undefined && !z.uuid().safeParse(control._submission).success)
    throw new Problem(422, "The submission id (_submission) must be a UUID.");
  return { submissionId: control._submission, answers, token: control._t };
}

function labelsOf(published: PublishedSurvey): Record<string, string> {
  const labels: Record<string, string> = { _form: "The form" };
  for (const q of allQuestions(published.survey)) {
    labels[q.id] = q.label;
    labels[q.id + OTHER_SUFFIX] = `${q.label} (Other)`;
  }
  return labels;
}

export const responses = new Hono<{ Bindings: Env }>();

responses.post(
  "/:survey",
  limitBody(MAX_BODY_BYTES, `The submission is larger than ${MAX_BODY_BYTES / 1024} KB; please shorten your answers.`),
  async (c) => {
    const surveyId = c.req.param("survey");
    const entry = await findSurvey(c.env, surveyId);
    const published = "survey" in entry ? entry : undefined;
    const state = published ? availability(published.survey, new Date()) : availability({ status: "draft" }, new Date());
    if (!published || !state.open) {
      const reason = state.open ? "draft" : state.reason;
      throw new Problem(reason === "closed" || reason === "ended" ? 410 : 403, state.open ? "" : state.message);
    }

    const isJson = bodyKind(c, "the answers") === "json";

    const submission = isJson ? await readJson(c) : await readForm(c, published);
    // A bad personal link is refused before anything is stored, whatever the answers.
    const invitationId = submission.token ? await invitationForToken(c.env, surveyId, submission.token) : undefined;
    const result = validateAnswers(published, submission.answers);
    if (!result.ok)
      throw new Problem(422, "Some answers need another look.", { fields: result.errors, fieldLabels: labelsOf(published), backTo: `/s/${surveyId}/` });

    const id = submission.submissionId ?? crypto.randomUUID();
    const now = new Date();
    // An anonymous survey keeps only the day a response came, as the invitation keeps only the
    // day it was answered: exact times on both would let anyone holding both tables pair them.
    const submittedAt = published.survey.anonymous ? new Date(`${now.toISOString().slice(0, 10)}T00:00:00Z`) : now;
    const claim = invitationId
      ? await claimForResponse(c.env.DB, invitationId, { surveyId, anonymous: published.survey.anonymous, responseId: id, now })
      : undefined;
    const link = claim && "link" in claim ? claim : undefined;
    let stored: Awaited<ReturnType<typeof insertResponse>>;
    try {
      stored = await insertResponse(c.env.DB, { id, surveyId, definitionHash: published.hash, answers: result.answers, submittedAt, invitationId: link?.link });
    } catch (e) {
      await link?.release();
      throw e;
    }
    if (stored !== "stored") await link?.release();
    if (stored === "used-elsewhere") throw new Problem(409, "This submission id was already used for another survey; generate a new one.");

    if (isJson) return c.json({ id, ...(stored === "duplicate" ? { duplicate: true } : {}) }, stored === "duplicate" ? 200 : 201);
    return c.redirect(`/s/${surveyId}/thanks/`, 303);
  },
);

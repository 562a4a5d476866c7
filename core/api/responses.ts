/**
 * The responses API's shapes, shared by the Worker (worker/responses/) and the page
 * script that submits a survey (type-only there, so the page bundles no zod).
 *
 * @example
 *   const body: SubmissionBody = { submission_id: crypto.randomUUID(), answers: { satisfaction: 4 } };
 *   // POST /api/responses/<survey> → 201 SubmissionAnswer {"id"} (200 with "duplicate": true on a resend)
 */
import { z } from "zod";

/** `POST /api/responses/<survey>` as JSON. */
export const SubmissionBody = z.strictObject({
  submission_id: z.uuid({ error: "submission_id must be a UUID (crypto.randomUUID() makes one)" }),
  /**
   * Passed on as sent, not copied: a copy drops a `__proto__` key on assignment, and the
   * validator must see every key to refuse the unknown ones (core/answers.ts).
   */
  answers: z.custom<Record<string, unknown>>((v) => typeof v === "object" && v !== null && !Array.isArray(v), {
    error: "answers must be an object of question id to answer",
  }),
  /** The invitation token from a personal link (`?t=`), when the respondent came through one. */
  token: z.string().min(1).max(1000).optional(),
  /** The language the survey was answered in (one of its `languages`); the survey's default when left out. */
  language: z.string().min(1).max(35).optional(),
});
export type SubmissionBody = z.infer<typeof SubmissionBody>;

/** What a stored JSON submission is answered with. */
export type SubmissionAnswer = { id: string; duplicate?: true };

/** One response as `GET /api/admin/surveys/<id>/responses` lists it (`submitted_at` the day only for an anonymous survey). */
export type StoredResponse = {
  id: string;
  submitted_at: string;
  definition_hash: string;
  answers: Record<string, unknown>;
  /** The language it was answered in, for a survey offered in several (`languages:`). */
  language?: string;
};
export type ResponseList = { responses: StoredResponse[] };

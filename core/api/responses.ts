/**
 * The responses API's shapes, shared by the Worker (worker/responses/) and the page
 * script that submits a survey (type-only there, so the page bundles no zod).
 *
 * @example
 *   const body: SubmissionBody = { submission_id: crypto.randomUUID(), answers: { satisfaction: 4 } };
 *   // POST /api/responses/<survey> → 201 SubmissionAnswer {"id", "ending"} (200 with "duplicate": true on a resend)
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
  /**
   * The order the page showed what `randomize` shuffles (core/randomize.ts): choice values by
   * question id, question ids by `page:<index>`. The Worker checks each is a permutation of
   * the right set; the page sends it only with JavaScript on.
   */
  order: z
    .record(z.string().max(100), z.array(z.string().max(500)).max(1000), { error: "order must be an object of question id (or page:<index>) to a list of values" })
    .refine((o) => Object.keys(o).length <= 500, "order lists at most 500 questions and pages")
    .optional(),
  /** The language the survey was answered in (one of its `languages`); the survey's default when left out. */
  language: z.string().min(1).max(35).optional(),
});
export type SubmissionBody = z.infer<typeof SubmissionBody>;

/**
 * What a stored JSON submission is answered with: `ending` is the path of the end screen the
 * answers chose (`/s/<survey>/thanks/…/`, core/endings.ts); `redirect`, when the author set
 * one, is where to send the respondent instead, exactly as written (it never carries answers).
 */
export type SubmissionAnswer = { id: string; ending: string; redirect?: string; duplicate?: true };

/**
 * One response as `GET /api/admin/surveys/<id>/responses` lists it (`submitted_at` the day only
 * for an anonymous survey); `order` only when the page recorded one (`randomize`).
 */
export type StoredResponse = {
  id: string;
  submitted_at: string;
  definition_hash: string;
  answers: Record<string, unknown>;
  order?: Record<string, string[]>;
  /** The language it was answered in, for a survey offered in several (`languages:`). */
  language?: string;
  /** The end screen it was shown, for a survey with `endings:` (core/endings.ts `endingName`). */
  ending?: string;
};
export type ResponseList = { responses: StoredResponse[] };

/**
 * Responses in D1: all of the responses feature's SQL. One row per submission id: a
 * resent submission is stored once. Lists are read in keyset pages ordered by
 * (submitted_at, id) over the `responses_by_survey` index, so reading every response of a
 * large survey costs one seek per page and holds one page in memory.
 */
import type { StoredResponse } from "../../core/api/responses.ts";
import type { PageKey } from "../http/paging.ts";

export type NewResponse = {
  id: string;
  surveyId: string;
  definitionHash: string;
  answers: Record<string, unknown>;
  submittedAt: Date;
  /** The invitation whose personal link it came through (never for an anonymous survey). */
  invitationId?: string | undefined;
  /** The order the page showed what the survey shuffles (`randomize`), when the page recorded it. */
  order?: Record<string, string[]> | undefined;
  /** The language it was answered in; only for a survey offered in several. */
  language?: string | undefined;
  /** The end screen it was shown (core/endings.ts `endingName`); only for a survey with `endings:`. */
  ending?: string | undefined;
};

/** `stored` for a new row, `duplicate` when this submission is already stored, `used-elsewhere` when its id belongs to another survey. */
export async function insertResponse(db: D1Database, r: NewResponse): Promise<"stored" | "duplicate" | "used-elsewhere"> {
  const result = await db
    .prepare("INSERT INTO responses (id, survey_id, definition_hash, answers, submitted_at, invitation_id, presentation, language, ending) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (id) DO NOTHING")
    .bind(r.id, r.surveyId, r.definitionHash, JSON.stringify(r.answers), r.submittedAt.toISOString(), r.invitationId ?? null, r.order && Object.keys(r.order).length ? JSON.stringify(r.order) : null, r.language ?? null, r.ending ?? null)
    .run();
  if (result.meta.changes === 1) return "stored";
  const existing = await db.prepare("SELECT survey_id FROM responses WHERE id = ?1").bind(r.id).first<{ survey_id: string }>();
  return existing?.survey_id === r.surveyId ? "duplicate" : "used-elsewhere";
}

/** The survey and invitation an already stored submission belongs to, or null when there is none with that id. */
export async function storedSubmission(db: D1Database, id: string): Promise<{ survey_id: string; invitation_id: string | null } | null> {
  return db.prepare("SELECT survey_id, invitation_id FROM responses WHERE id = ?1").bind(id).first<{ survey_id: string; invitation_id: string | null }>();
}

type ResponseRow = { id: string; submitted_at: string; definition_hash: string; answers: string; presentation?: string | null; language?: string | null; ending?: string | null };

/** A row as the API lists it: `order` only when the page recorded one, `language` and `ending` only where one was stored. */
function toStored({ presentation, language, ending, ...r }: ResponseRow): StoredResponse {
  const stored: StoredResponse = { ...r, answers: JSON.parse(r.answers) as Record<string, unknown> };
  if (presentation) stored.order = JSON.parse(presentation) as Record<string, string[]>;
  if (language) stored.language = language;
  if (ending) stored.ending = ending;
  return stored;
}

/** Which responses of a survey a page reads: after a page key, from a time on (`since`, inclusive), at most `limit`. */
export type PageRange = { after: PageKey | null; since: string | null; limit: number };

/**
 * The earliest submitted_at a page can hold. Written as its own `submitted_at >= ?`
 * (rather than only the row-value comparison, or an `? IS NULL OR` that hides it) so
 * SQLite seeks the `responses_by_survey` index to the page's start instead of scanning
 * the survey from its first response on every page.
 */
function lowerBound(range: { since?: string | null; after: PageKey | null }): string {
  const bounds = [range.since ?? "", range.after?.at ?? ""];
  return bounds[0]! > bounds[1]! ? bounds[0]! : bounds[1]!;
}

/** One page of a survey's responses, oldest first. */
export async function responsePage(db: D1Database, surveyId: string, range: PageRange): Promise<StoredResponse[]> {
  const { results } = await db
    .prepare(
      `SELECT id, submitted_at, definition_hash, answers, presentation, language, ending FROM responses
       WHERE survey_id = ?1 AND submitted_at >= ?2 AND (submitted_at, id) > (?3, ?4)
       ORDER BY submitted_at, id LIMIT ?5`,
    )
    .bind(surveyId, lowerBound(range), range.after?.at ?? "", range.after?.id ?? "", range.limit)
    .all<ResponseRow>();
  return results.map(toStored);
}

/** Every response of a survey (from `since` on), oldest first, read `size` at a time. */
export async function* responsePages(db: D1Database, surveyId: string, since: string | null, size = 1000): AsyncGenerator<StoredResponse[]> {
  let after: PageKey | null = null;
  for (;;) {
    const page = await responsePage(db, surveyId, { after, since, limit: size });
    if (page.length > 0) yield page;
    const last = page.at(-1);
    if (page.length < size || !last) return;
    after = { at: last.submitted_at, id: last.id };
  }
}

/** One response of a survey, or null. */
export async function findResponse(db: D1Database, surveyId: string, id: string): Promise<StoredResponse | null> {
  const row = await db.prepare("SELECT id, submitted_at, definition_hash, answers, presentation, language, ending FROM responses WHERE survey_id = ?1 AND id = ?2").bind(surveyId, id).first<ResponseRow>();
  return row ? toStored(row) : null;
}

/** Responses and the newest response time of every survey that has any, by survey id (one GROUP BY). */
export async function responseCounts(db: D1Database): Promise<Map<string, { responses: number; last: string }>> {
  const { results } = await db
    .prepare("SELECT survey_id, count(*) AS responses, max(submitted_at) AS last FROM responses GROUP BY survey_id")
    .all<{ survey_id: string; responses: number; last: string }>();
  return new Map(results.map((r) => [r.survey_id, { responses: r.responses, last: r.last }]));
}

/**
 * Every answer key of a survey's stored responses, plus `<key>.<value>` for each value of
 * an array and `<key>.<row>` for each row of an object, in first-seen order: what the
 * export needs to give answers to removed questions their own columns (the query is the
 * one core/results/export.ts documents for `exportColumns`).
 */
export async function answerKeys(db: D1Database, surveyId: string): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT key FROM (
         SELECT a.key AS key, MIN(r.submitted_at || r.id) AS seen
           FROM responses r, json_each(r.answers) a WHERE r.survey_id = ?1 GROUP BY 1
         UNION ALL
         SELECT a.key || '.' || CASE a.type WHEN 'array' THEN v.value ELSE v.key END, MIN(r.submitted_at || r.id)
           FROM responses r, json_each(r.answers) a, json_each(a.value) v
           WHERE r.survey_id = ?1 AND a.type IN ('array', 'object') GROUP BY 1
       ) ORDER BY seen, key`,
    )
    .bind(surveyId)
    .all<{ key: string }>();
  return results.map((r) => r.key);
}

/**
 * One page of the responses that hold a non-blank text under `key` (a question id or
 * `<id>_other`, checked by the caller against the definition), oldest first. Only those
 * rows are read: `json_extract` picks them in SQL.
 */
export async function textAnswerPage(db: D1Database, surveyId: string, key: string, range: Omit<PageRange, "since">): Promise<StoredResponse[]> {
  const { results } = await db
    .prepare(
      `SELECT id, submitted_at, definition_hash, json_object(?2, json_extract(answers, '$.' || ?2)) AS answers FROM responses
       WHERE survey_id = ?1 AND json_type(answers, '$.' || ?2) = 'text'
         AND trim(json_extract(answers, '$.' || ?2), ' ' || char(9, 10, 13)) != ''
         AND submitted_at >= ?3 AND (submitted_at, id) > (?3, ?4)
       ORDER BY submitted_at, id LIMIT ?5`,
    )
    .bind(surveyId, key, range.after?.at ?? "", range.after?.id ?? "", range.limit)
    .all<ResponseRow>();
  return results.map(toStored);
}

/** Deletes one response; false when there is none with that id in that survey. */
export async function deleteResponse(db: D1Database, surveyId: string, responseId: string): Promise<boolean> {
  const result = await db.prepare("DELETE FROM responses WHERE survey_id = ?1 AND id = ?2").bind(surveyId, responseId).run();
  return result.meta.changes > 0;
}

/** The ids of the surveys that have any stored response (the retention task's work list). */
export async function surveysWithResponses(db: D1Database): Promise<string[]> {
  const { results } = await db.prepare("SELECT DISTINCT survey_id FROM responses").all<{ survey_id: string }>();
  return results.map((r) => r.survey_id);
}

/**
 * Deletes at most `limit` responses of a survey submitted before `cutoff` (ISO time) and
 * answers how many went: the caller repeats while a full batch went, so no single
 * statement runs long enough to hit D1's time limit however many rows are due.
 */
export async function deleteResponsesBefore(db: D1Database, surveyId: string, cutoff: string, limit: number): Promise<number> {
  const result = await db
    .prepare("DELETE FROM responses WHERE rowid IN (SELECT rowid FROM responses WHERE survey_id = ?1 AND submitted_at < ?2 LIMIT ?3)")
    .bind(surveyId, cutoff, limit)
    .run();
  return result.meta.changes;
}

/**
 * The statement that erases one person's responses (for worker/people/erase.ts's batch):
 * those given through an invitation of a contact with this address (`?1` its hash, `?2`
 * the normalised address), and those whose answer to a question is exactly that address
 * (an email question), in `surveys` (a JSON list; null: every survey). A response of an
 * anonymous survey is linked to no invitation, so only the second rule can find it.
 * Run it before the invitations are deleted: that unlinks their responses.
 */
export function eraseResponsesStatement(db: D1Database, person: { hash: string; normalised: string }, surveys: readonly string[] | null): D1PreparedStatement {
  return db
    .prepare(
      `DELETE FROM responses WHERE (?3 IS NULL OR survey_id IN (SELECT value FROM json_each(?3))) AND (
         invitation_id IN (SELECT i.id FROM invitations i JOIN contacts c ON c.id = i.contact_id WHERE c.address_hash = ?1 OR lower(c.email) = ?2)
         OR EXISTS (SELECT 1 FROM json_each(responses.answers) a WHERE a.type = 'text' AND lower(trim(a.value)) = ?2))
       RETURNING id`,
    )
    .bind(person.hash, person.normalised, surveys === null ? null : JSON.stringify(surveys));
}

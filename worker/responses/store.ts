/** Responses in D1: all of the responses feature's SQL. One row per submission id: a resent submission is stored once. */
import type { StoredResponse } from "../../core/api/responses.ts";

export type NewResponse = {
  id: string;
  surveyId: string;
  definitionHash: string;
  answers: Record<string, unknown>;
  submittedAt: Date;
  /** The invitation whose personal link it came through (never for an anonymous survey). */
  invitationId?: string | undefined;
};

/** `stored` for a new row, `duplicate` when this submission is already stored, `used-elsewhere` when its id belongs to another survey. */
export async function insertResponse(db: D1Database, r: NewResponse): Promise<"stored" | "duplicate" | "used-elsewhere"> {
  const result = await db
    .prepare("INSERT INTO responses (id, survey_id, definition_hash, answers, submitted_at, invitation_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO NOTHING")
    .bind(r.id, r.surveyId, r.definitionHash, JSON.stringify(r.answers), r.submittedAt.toISOString(), r.invitationId ?? null)
    .run();
  if (result.meta.changes === 1) return "stored";
  const existing = await db.prepare("SELECT survey_id FROM responses WHERE id = ?1").bind(r.id).first<{ survey_id: string }>();
  return existing?.survey_id === r.surveyId ? "duplicate" : "used-elsewhere";
}

/** The survey and invitation an already stored submission belongs to, or null when there is none with that id. */
export async function storedSubmission(db: D1Database, id: string): Promise<{ survey_id: string; invitation_id: string | null } | null> {
  return db.prepare("SELECT survey_id, invitation_id FROM responses WHERE id = ?1").bind(id).first<{ survey_id: string; invitation_id: string | null }>();
}

export async function listResponses(db: D1Database, surveyId: string): Promise<StoredResponse[]> {
  const { results } = await db
    .prepare("SELECT id, submitted_at, definition_hash, answers FROM responses WHERE survey_id = ?1 ORDER BY submitted_at, id")
    .bind(surveyId)
    .all<{ id: string; submitted_at: string; definition_hash: string; answers: string }>();
  return results.map((r) => ({ ...r, answers: JSON.parse(r.answers) as Record<string, unknown> }));
}

/** Deletes one response; false when there is none with that id in that survey. */
export async function deleteResponse(db: D1Database, surveyId: string, responseId: string): Promise<boolean> {
  const result = await db.prepare("DELETE FROM responses WHERE survey_id = ?1 AND id = ?2").bind(surveyId, responseId).run();
  return result.meta.changes > 0;
}

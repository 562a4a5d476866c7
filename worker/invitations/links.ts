/**
 * Personal links: a signed token, tied to one invitation and its survey, opens the
 * survey with the contact's fields piped in, and links the response to the invitation.
 *
 * - `GET /api/invitations/<survey>/<token>` → `{"fields": {"name", "company", "location", …custom}, "answered": false}`
 *   (never the address: the page needs none, and a forwarded link should not reveal it).
 * - `invitationForToken` and `claimForResponse` are used by POST /api/responses (responses.ts).
 *
 * A bad token is a 4xx with a page that says what is wrong and changes nothing.
 */
import { Hono } from "hono";
import { pipingFields } from "../../core/contacts.ts";
import { isTokenProblem, verifyToken, type TokenProblem } from "../../core/tokens.ts";
import { Problem } from "../problems.ts";
import { signingKey } from "./config.ts";

const TOKEN_MESSAGES: Record<TokenProblem["problem"], [400 | 403 | 410, string]> = {
  malformed: [400, "This personal link is incomplete or damaged. Copy the whole link from the email, or open the survey without it."],
  forged: [403, "This personal link is not valid: it was changed after we sent it. Use the link exactly as it is in the email."],
  "wrong-purpose": [403, "This link is not a personal survey link."],
  "wrong-target": [403, "This personal link belongs to another survey."],
  expired: [410, "This personal link has expired. You can still open the survey without it if it is open."],
};

/** The invitation id a token stands for, or a Problem saying why it cannot be used for this survey. */
export async function invitationForToken(env: Env, surveyId: string, token: string): Promise<string> {
  const claim = await verifyToken(token, signingKey(env), { purpose: "invitation", ref: surveyId });
  if (isTokenProblem(claim)) {
    const [status, message] = TOKEN_MESSAGES[claim.problem];
    throw new Problem(status, message);
  }
  return claim.sub;
}

type InvitationRow = { id: string; survey_id: string; answered_at: string | null; name: string | null; company: string | null; location: string | null; fields: string };

async function loadInvitation(db: D1Database, id: string, surveyId: string): Promise<InvitationRow> {
  const row = await db
    .prepare("SELECT i.id, i.survey_id, i.answered_at, c.name, c.company, c.location, c.fields FROM invitations i JOIN contacts c ON c.id = i.contact_id WHERE i.id = ?1")
    .bind(id)
    .first<InvitationRow>();
  if (!row || row.survey_id !== surveyId) throw new Problem(410, "This invitation no longer exists. You can still open the survey without the personal link if it is open.");
  return row;
}

export const ANSWERED_MESSAGE = "This personal link has already been used to answer the survey; each invitation takes one response. Thank you!";

export type ResponseClaim = { link: string | undefined; release: () => Promise<void> } | { resend: true };

/**
 * Marks the invitation answered before its response is stored, so two different
 * submissions on one link cannot both be kept (a 409 for the second). A resend of the
 * very same submission (same submission id) is let through for responses.ts to report
 * as a duplicate. For an anonymous survey the response gets no link and `answered_at`
 * holds only the day, so the two cannot be matched by time.
 */
export async function claimForResponse(db: D1Database, invitationId: string, o: { surveyId: string; anonymous: boolean; responseId: string; now: Date }): Promise<ResponseClaim> {
  await loadInvitation(db, invitationId, o.surveyId);
  const stamp = o.anonymous ? o.now.toISOString().slice(0, 10) : o.now.toISOString();
  const r = await db.prepare("UPDATE invitations SET answered_at = ?2 WHERE id = ?1 AND answered_at IS NULL").bind(invitationId, stamp).run();
  if (r.meta.changes === 1) {
    return {
      link: o.anonymous ? undefined : invitationId,
      release: async () => {
        await db.prepare("UPDATE invitations SET answered_at = NULL WHERE id = ?1 AND answered_at = ?2").bind(invitationId, stamp).run();
      },
    };
  }
  const earlier = await db.prepare("SELECT survey_id, invitation_id FROM responses WHERE id = ?1").bind(o.responseId).first<{ survey_id: string; invitation_id: string | null }>();
  if (earlier && earlier.survey_id === o.surveyId && (o.anonymous || earlier.invitation_id === invitationId)) return { resend: true };
  throw new Problem(409, ANSWERED_MESSAGE);
}

export const personalLinks = new Hono<{ Bindings: Env }>();

personalLinks.get("/:survey/:token", async (c) => {
  const surveyId = c.req.param("survey");
  const id = await invitationForToken(c.env, surveyId, c.req.param("token"));
  const row = await loadInvitation(c.env.DB, id, surveyId);
  const fields = pipingFields({ name: row.name ?? undefined, company: row.company ?? undefined, location: row.location ?? undefined, fields: JSON.parse(row.fields) as Record<string, string> });
  c.header("Cache-Control", "no-store");
  return c.json({ fields, answered: row.answered_at !== null });
});

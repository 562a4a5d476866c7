/**
 * The signed links an invitation carries, and what a personal link does when it comes
 * back: its token, tied to one invitation and its survey, names the invitation
 * (`invitationForToken`), and a response that came through it marks the invitation
 * answered (`claimInvitation`, used by POST /api/responses, worker/responses/routes.ts), and
 * what the survey page shows for it (`personalLinkState`, used by worker/pages/routes.ts).
 *
 * @example
 *   await personalLink(env, "customer-feedback", invitationId) // "https://…/s/customer-feedback/?t=<token>"
 *   await personalLink(env, "customer-feedback", invitationId, now, "de") // "https://…/s/customer-feedback/de/?t=<token>"
 */
import { keptTime } from "../../core/anonymity.ts";
import { normaliseEmail } from "../../core/email/address.ts";
import { suppressionHash } from "../../core/email/suppression.ts";
import { en } from "../../core/i18n/en.ts";
import { stringsFor } from "../../core/i18n/strings.ts";
import { unlinkedNotice } from "../../core/personal-link.ts";
import { isTokenProblem, nowSeconds, signToken, verifyToken, type TokenProblem } from "../../core/tokens.ts";
import { config } from "../config.ts";
import { Problem } from "../http/problems.ts";
import { linkedInvitation, markAnswered, optoutIdFor, pipingFieldsOf, unmarkAnswered, type LinkedInvitation } from "./store.ts";

/** A personal link works this long after its email was sent; the survey's own dates still apply. */
const LINK_DAYS = 90;

/**
 * The personal survey link of one invitation: signed, tied to the invitation and its
 * survey, expiring. The token is in the query, not the path, so the Worker can stamp it into
 * the page's form as it serves the page (worker/pages/routes.ts): the link works with
 * JavaScript off. The price: the platform's request log keeps the URL of that one request
 * (README, Invitations); the page script then takes it out of the address bar, and every
 * later request carries it only in its body. `language`, another than the survey's default,
 * points it at that language's page (`/s/<id>/<language>/`); the token is the same.
 */
export async function personalLink(env: Env, surveyId: string, invitationId: string, now = new Date(), language?: string): Promise<string> {
  const exp = nowSeconds() + LINK_DAYS * 86400 + Math.floor((now.getTime() - Date.now()) / 1000);
  const token = await signToken({ purpose: "invitation", sub: invitationId, ref: surveyId, exp }, config(env).signingKey);
  return `${config(env).publicUrl}/s/${surveyId}/${language ? `${language}/` : ""}?t=${token}`;
}

/** The keyed suppression hash (core/email/suppression.ts) of an address as stored or typed. */
export function suppressionHashOf(env: Env, email: string): Promise<string> {
  return suppressionHash(normaliseEmail(email), config(env).signingKey);
}

/**
 * The opt-out link for an address. Its token names an opaque id (store.ts `optoutIdFor`),
 * nothing computed from the address, and the id is kept apart from contacts, so the link
 * keeps working after the contact is deleted; it never expires (an unsubscribe link must
 * outlive the campaign). It is a path, not a fragment: RFC 8058's one-click POST goes to
 * the List-Unsubscribe URL itself, so the platform's request log sees it (README, Invitations).
 */
export async function optoutLink(env: Env, email: string, surveyId: string, now = new Date()): Promise<string> {
  const id = await optoutIdFor(env.DB, await suppressionHashOf(env, email), now.toISOString());
  const token = await signToken({ purpose: "optout", sub: id, ref: surveyId }, config(env).signingKey);
  return `${config(env).publicUrl}/api/optout/${token}`;
}

/** Why a token cannot be used: its status and the words (core/i18n/en.ts, in every language). */
const TOKEN_MESSAGES: Record<TokenProblem["problem"], [400 | 403 | 410, "linkMalformed" | "linkForged" | "linkWrongPurpose" | "linkWrongTarget" | "linkExpired"]> = {
  malformed: [400, "linkMalformed"],
  forged: [403, "linkForged"],
  "wrong-purpose": [403, "linkWrongPurpose"],
  "wrong-target": [403, "linkWrongTarget"],
  expired: [410, "linkExpired"],
};

/** In English; `lang` below gives a survey page's language (core/i18n/). */
export const GONE_MESSAGE = en.linkGone;
export const ANSWERED_MESSAGE = en.linkUsed;

/** The invitation id a token stands for, or a Problem saying (in `lang`, a page's language) why it cannot be used for this survey. */
export async function invitationForToken(env: Env, surveyId: string, token: string, lang?: string): Promise<string> {
  const claim = await verifyToken(token, config(env).signingKey, { purpose: "invitation", ref: surveyId });
  if (isTokenProblem(claim)) {
    const [status, word] = TOKEN_MESSAGES[claim.problem];
    throw new Problem(status, stringsFor(lang)[word], { lang });
  }
  return claim.sub;
}

/** The invitation of this survey with its contact's piping columns, or a 410 when it is gone (the contact was erased). */
export async function invitationOr410(db: D1Database, id: string, surveyId: string, lang?: string): Promise<LinkedInvitation> {
  const row = await linkedInvitation(db, id);
  if (!row || row.survey_id !== surveyId) throw new Problem(410, stringsFor(lang).linkGone, { lang });
  return row;
}

export type InvitationClaim = { outcome: "claimed"; release: () => Promise<void> } | { outcome: "answered" | "gone" };

/**
 * Marks the invitation answered before its response is stored, so two different
 * submissions on one link cannot both be kept: `answered` when it was answered already
 * (the caller decides whether that is a resend of the same submission), `gone` when the
 * invitation no longer exists for this survey. For an anonymous survey `answered_at`
 * holds only the day (core/anonymity.ts).
 */
export async function claimInvitation(db: D1Database, invitationId: string, o: { surveyId: string; anonymous: boolean; now: Date }): Promise<InvitationClaim> {
  const row = await linkedInvitation(db, invitationId);
  if (!row || row.survey_id !== o.surveyId) return { outcome: "gone" };
  const stamp = keptTime(o.now, o.anonymous);
  if (!(await markAnswered(db, invitationId, stamp))) return { outcome: "answered" };
  return { outcome: "claimed", release: () => unmarkAnswered(db, invitationId, stamp) };
}

/** What a survey page opened with a personal link shows: the form linked to it, the "already answered" notice, or why it is refused. */
export type PersonalLinkState =
  | { state: "linked"; token: string; fields: Record<string, string> }
  | { state: "answered"; fields: Record<string, string> }
  | { state: "refused"; notice: string };

/** The state of `token` for this survey's page; a bad or dead link is refused with a sentence (in the page's language), never an error. */
export async function personalLinkState(env: Env, surveyId: string, token: string, lang?: string): Promise<PersonalLinkState> {
  try {
    const row = await invitationOr410(env.DB, await invitationForToken(env, surveyId, token, lang), surveyId, lang);
    const fields = pipingFieldsOf(row);
    return row.answered_at === null ? { state: "linked", token, fields } : { state: "answered", fields };
  } catch (e) {
    if (e instanceof Problem) return { state: "refused", notice: unlinkedNotice(e.message, stringsFor(lang)) };
    throw e;
  }
}

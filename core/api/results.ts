/**
 * The results API's shapes: what a survey's owner reads back. Shared by the Worker
 * (worker/responses/admin.ts, worker/invitations/admin.ts), the `canvass export` and
 * `canvass report` commands and the admin pages' scripts (type-only there, so no page
 * bundles zod). The summary itself is core/results/types.ts `SurveySummary`.
 *
 * Lists that can grow without bound are paged with an opaque cursor: pass `next` back
 * as `?cursor=` until it is null.
 *
 * @example
 *   GET /api/admin/surveys                       → SurveyList
 *   GET /api/admin/surveys/<id>/responses        → ResponsePage (?format=csv|ndjson streams every response)
 *   GET /api/admin/surveys/<id>/summary          → SurveySummary (core/results/types.ts)
 *   GET /api/admin/surveys/<id>/answers/<key>    → TextAnswerPage
 *   GET /api/admin/surveys/<id>/invitations/contacts → InvitedContactPage (404 for an anonymous survey)
 */
import type { StoredResponse } from "./responses.ts";
import type { TextAnswer } from "../results/types.ts";

/** Formats of `GET /api/admin/surveys/<id>/responses?format=`. */
export const EXPORT_FORMATS = ["json", "csv", "ndjson"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One survey as the owner's list shows it. A draft is published as a stub, so its title is its id and it has no dates. */
export type SurveyListItem = {
  id: string;
  title: string;
  status: "draft" | "open" | "closed";
  /** First and last day answers are taken (UTC), when the survey sets them. */
  opens: string | null;
  closes: string | null;
  anonymous: boolean;
  responses: number;
  /** When the newest response arrived (the day only for an anonymous survey), null before the first. */
  last_response_at: string | null;
};
export type SurveyList = { surveys: SurveyListItem[] };

/** A page of stored responses, oldest first; `next` is the cursor of the following page, null on the last. */
export type ResponsePage = { responses: StoredResponse[]; next: string | null };

/** A page of one question's free-text answers (or its "Other" texts, key `<id>_other`), oldest first. */
export type TextAnswerPage = { question: string; answers: TextAnswer[]; next: string | null };

/** Where one invitation stands, as the owner's "who answered" list shows it. */
export const INVITATION_STATES = ["queued", "sent", "answered", "opted_out", "failed"] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

/**
 * One invited contact of a survey that is not anonymous, with the response its personal
 * link brought in. An anonymous survey has no such list: only counts (InvitationFunnel).
 */
export type InvitedContact = {
  invitation: string;
  email: string;
  name: string | null;
  wave: string;
  state: InvitationState;
  reminders_sent: number;
  invited_at: string;
  answered_at: string | null;
  /** The response that came through the personal link, when there is one (and it was not deleted). */
  response_id: string | null;
};
export type InvitedContactPage = { contacts: InvitedContact[]; next: string | null };

/** The invitation funnel of a survey: counts only, so it is shown for anonymous surveys too. */
export type InvitationFunnel = { invited: number; sent: number; answered: number; opted_out: number; failed: number };

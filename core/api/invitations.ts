/**
 * The invitations API's shapes, shared by the Worker (worker/invitations/) and the
 * `canvass` CLI (scripts/lib/invite-client.ts, scripts/commands/outbox.ts).
 *
 * @example
 *   const list: ContactListBody = { source: "client", client: "Acme", contacts: [{ email: "al@example.com", name: "Al" }] };
 *   // POST /api/admin/surveys/<id>/invitations → UploadReport
 */
import type { ContactSource, Rejected } from "../contacts.ts";

/** `POST /api/admin/surveys/<id>/invitations` as JSON (CSV sends the same with source, client and wave in the query). */
export type ContactListBody = { source: ContactSource; client: string; wave?: string; contacts: Record<string, string>[] };

/** What one upload request stored and queued. Rejected rows are numbered within the request, from 1. */
export type UploadReport = {
  survey: string;
  wave: string;
  source: string;
  client: string;
  accepted: number;
  rejected: Rejected[];
  suppressed: number;
  already_invited: number;
  /** Invitations put on the queue by this request. */
  queued: number;
  /** Stored but not yet on the queue (the queue refused); the daily sweep or a repeat of the upload queues them. */
  pending: number;
};

/** One message of the development outbox, `GET /api/admin/outbox` (newest first). */
export type OutboxMessage = { id: string; to: string; subject: string; headers: Record<string, string>; text: string; html: string; created_at: string };
export type OutboxList = { messages: OutboxMessage[] };

/** `POST /api/invitations/<survey>`: the personal link's token, in the body so that no request log keeps it; `language`, the page's, words a refusal. */
export type PersonalLinkRequest = { token: string; language?: string };
/** What it answers: the personal link's piping fields (never the address). */
export type PersonalLinkAnswer = { fields: Record<string, string>; answered: boolean };

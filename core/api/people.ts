/**
 * The people API's shapes: erasing one person's data (`POST /api/admin/people/erase`),
 * shared by the Worker (worker/people/) and `canvass erase` (scripts/commands/erase.ts).
 *
 * @example
 *   POST /api/admin/people/erase {"email": "ada@example.com"}
 *   // → {"erased": {"contacts": 1, "invitations": 2, "responses": 1, "leads": 0}, "suppressed": true}
 */

/** What the request names: the address, in any case and spacing (normalised by core/email/address.ts). */
export type ErasureRequest = { email: string };

/**
 * What an erasure deletes, by the report's table names, in words for a person: the
 * privacy page (site/lib/legal.ts) states exactly this list, and the report counts it.
 */
export const ERASED = {
  contacts: "your contact details on every client's list",
  invitations: "every invitation sent to you, with its delivery records",
  responses: "the answers you gave through an invitation link, and any answer that is just your email address",
  leads: "your requests for white papers",
} as const;

/** Rows deleted per table, and that the address stays on the suppression list (never invited again). */
export type ErasureReport = {
  erased: Record<keyof typeof ERASED, number>;
  suppressed: true;
};

/** The old `POST /api/admin/contacts/erase` answer, kept for scripts written against it (the same erasure). */
export type ContactErasureReport = { erased_contacts: number; opted_out: true };

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

/** Rows deleted per table, and that the address stays on the suppression list (never invited again). */
export type ErasureReport = {
  erased: { contacts: number; invitations: number; responses: number; leads: number };
  suppressed: true;
};

/** The old `POST /api/admin/contacts/erase` answer, kept for scripts written against it (the same erasure). */
export type ContactErasureReport = { erased_contacts: number; opted_out: true };

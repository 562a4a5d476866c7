/**
 * The people feature's admin routes (behind the admin bearer check, worker/app.ts):
 *
 * - `peopleAdmin` at `/api/admin/people`: `POST /erase` `{"email"}` erases that person's
 *   data (erase.ts) and answers the rows deleted per table: ErasureReport (core/api/people.ts).
 *   The owner's token erases everywhere; a client's token within that client's surveys and papers.
 * - `contactsAdmin` at `/api/admin/contacts`: `POST /erase`, the older name of the same
 *   erasure, answering in its old shape `{"erased_contacts", "opted_out"}`.
 *
 * @example
 *   curl -X POST -H "Authorization: Bearer $T" -H "content-type: application/json" \
 *     -d '{"email": "ada@example.com"}' :8787/api/admin/people/erase
 *   // {"erased": {"contacts": 1, "invitations": 1, "responses": 1, "leads": 0}, "suppressed": true}
 */
import { Hono, type Context } from "hono";
import { z } from "zod";
import type { ContactErasureReport, ErasureReport } from "../../core/api/people.ts";
import { MAX_EMAIL_LENGTH } from "../../core/email/address.ts";
import type { AdminEnv } from "../http/auth.ts";
import { limitBody, readJsonBody } from "../http/body.ts";
import { Problem } from "../http/problems.ts";
import { erasePerson } from "./erase.ts";

const MAX_BODY = 4 * 1024;
const ErasureBody = z.strictObject({ email: z.string().min(1).max(MAX_EMAIL_LENGTH + 64) });
const SEND = 'Send JSON like {"email": "ada@example.com"}: the address of the person to erase, and nothing else.';

async function erase(c: Context<AdminEnv>): Promise<ErasureReport> {
  const parsed = ErasureBody.safeParse(await readJsonBody(c).catch(() => undefined));
  if (!parsed.success) throw new Problem(422, SEND);
  c.header("cache-control", "no-store");
  return erasePerson(c.env, parsed.data.email, c.get("caller"), new Date());
}

const bodyLimit = limitBody(MAX_BODY, `An erasure request is at most ${MAX_BODY / 1024} KB. ${SEND}`);

export const peopleAdmin = new Hono<AdminEnv>();
peopleAdmin.post("/erase", bodyLimit, async (c) => c.json(await erase(c)));

export const contactsAdmin = new Hono<AdminEnv>();
contactsAdmin.post("/erase", bodyLimit, async (c) => {
  const report = await erase(c);
  return c.json({ erased_contacts: report.erased.contacts, opted_out: report.suppressed } satisfies ContactErasureReport);
});

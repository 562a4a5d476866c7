/**
 * Erasing one person: what `POST /api/admin/people/erase` (and its older alias
 * `POST /api/admin/contacts/erase`) does, in one place. The person is named by their email
 * address, normalised by the one rule (core/email/address.ts). One D1 batch, so it all
 * happens or none of it does, removes:
 *
 * - responses given through any of their invitations, and responses whose answer to a
 *   question is exactly the address (an email question). Other anonymous responses name
 *   no one and stay;
 * - their invitations, with every delivery record (an invitation says who was asked, by
 *   whom and when, and its answered time could re-link an anonymous answer, so no part of
 *   it is kept: the survey's funnel counts drop by theirs);
 * - their contacts (every client's list) and the development outbox's copies of their mail;
 * - their white-paper leads;
 *
 * and it keeps (or adds) the suppression entry, a keyed hash of the address (core/email/suppression.ts), so the person is
 * never invited again. A client's token erases only within that client's surveys and
 * papers (worker/http/scope.ts); a contact row shared with another client's survey then
 * keeps its row for that client. KV holds nothing that could name a person (only the
 * daily visitor salts, worker/stats/visitor.ts), so there is nothing to erase there.
 *
 * @example
 *   const report = await erasePerson(env, " Ada@Example.com ", { kind: "owner" }, new Date());
 *   // { erased: { contacts: 1, invitations: 2, responses: 1, leads: 1 }, suppressed: true }
 */
import type { ErasureReport } from "../../core/api/people.ts";
import { addressHash } from "../../core/contacts.ts";
import { isEmailAddress, normaliseEmail } from "../../core/email/address.ts";
import type { Caller } from "../http/auth.ts";
import { Problem } from "../http/problems.ts";
import { clientNames, readableSurveys, readablePapers } from "../http/scope.ts";
import { suppressionHashOf } from "../invitations/links.ts";
import { contactsToErase, erasePersonStatements, type Person } from "../invitations/store.ts";
import { eraseLeadsStatement } from "../papers/store.ts";
import { eraseResponsesStatement } from "../responses/store.ts";

/** What an erasure may touch: every survey and paper (null), or a client's (`names`: its id and name, as its contact lists are labelled). */
type Scope = { names: string[] | null; surveys: string[] | null; papers: string[] | null };

async function scopeOf(env: Env, caller: Caller): Promise<Scope> {
  if (caller.kind === "owner") return { names: null, surveys: null, papers: null };
  const surveys = (await readableSurveys(env, caller)).map((s) => s.id);
  const papers = readablePapers(caller).map((p) => p.slug);
  return { names: clientNames(caller) ?? null, surveys, papers };
}

/** The person an address names, or a 422 that says what an address looks like. */
export async function personOf(env: Env, email: string): Promise<Person> {
  const normalised = normaliseEmail(email);
  if (!isEmailAddress(normalised)) throw new Problem(422, `"${normalised.slice(0, 80)}" is not an email address; send the address to erase, like {"email": "ada@example.com"}.`);
  return { normalised, hash: await addressHash(normalised), suppressionHash: await suppressionHashOf(env, normalised) };
}

export async function erasePerson(env: Env, email: string, caller: Caller, now: Date): Promise<ErasureReport> {
  const person = await personOf(env, email);
  const scope = await scopeOf(env, caller);
  const contactIds = scope.names === null ? null : await contactsToErase(env.DB, person, scope.names, scope.surveys ?? []);
  const invitations = erasePersonStatements(env.DB, person, scope.surveys, contactIds, now.toISOString());
  // Order matters: responses before the invitations that link them, the outbox before the invitations its keys name.
  const [responses, , invited, contacts, leads] = await env.DB.batch([
    eraseResponsesStatement(env.DB, person, scope.surveys),
    invitations.outbox,
    invitations.invitations,
    invitations.contacts,
    eraseLeadsStatement(env.DB, person.normalised, scope.papers),
    invitations.suppression,
    invitations.unkeyed,
  ]);
  // Each delete returns the ids it deleted; D1's change count would add the rows deleted with them.
  const changes = (r: D1Result | undefined) => r?.results.length ?? 0;
  return { erased: { contacts: changes(contacts), invitations: changes(invited), responses: changes(responses), leads: changes(leads) }, suppressed: true };
}

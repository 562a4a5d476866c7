/**
 * The one rule of who sees what: the owner sees every client's data, a client token only
 * its own client's (worker/http/auth.ts sets the caller). Every admin route asks here;
 * each feature filters its own lists with `mayRead`. Another client's survey is answered
 * exactly as an unknown survey is (the same 404 Problem from worker/http/surveys.ts),
 * never 403, so a token cannot even learn that it exists.
 *
 * @example
 *   const entry = await surveyForCaller(c, c.req.param("survey") ?? ""); // 404 for another client's survey
 *   const mine = index.surveys.filter((s) => mayRead(c.get("caller"), s.client));
 */
import type { Context } from "hono";
import site from "../../canvass.config.ts";
import { clientOf } from "../../core/clients.ts";
import type { CatalogEntry, SurveyIndex } from "../../core/catalog.ts";
import type { PublishedPaper } from "../../core/papers.ts";
import { findSurvey, readSurveyIndex, unknownSurvey } from "../catalog.ts";
import { allPapers } from "../papers/library.ts";
import type { AdminEnv, Caller } from "./auth.ts";
import { surveyRefusal } from "./surveys.ts";

/**
 * May this caller see data of client `client`? Data of no client (a survey published
 * outside a build, which resolves none) is the owner's alone.
 */
export function mayRead(caller: Caller, client: string | undefined): boolean {
  return caller.kind === "owner" || (client !== undefined && client === caller.client);
}

/** The client whose data a list is cut to, or undefined for the owner (every client). */
export function readableClient(caller: Caller): string | undefined {
  return caller.kind === "owner" ? undefined : caller.client;
}

/** The catalog entry of a survey this caller may see, or the 404 of an unknown survey. */
export async function surveyForCaller(c: Context<AdminEnv>, id: string): Promise<CatalogEntry> {
  const entry = await findSurvey(c.env, id);
  if (!entry || !mayRead(c.get("caller"), entry.client)) throw surveyRefusal(unknownSurvey(id));
  return entry;
}

/** The surveys (from the published index) this caller may see: every one for the owner. */
export async function readableSurveys(env: Env, caller: Caller): Promise<SurveyIndex["surveys"]> {
  return (await readSurveyIndex(env)).surveys.filter((s) => mayRead(caller, s.client));
}

/** The papers this caller may see, and so whose leads. */
export function readablePapers(caller: Caller): PublishedPaper[] {
  return allPapers().filter((p) => mayRead(caller, p.client));
}

/**
 * The names a client's contact lists carry in `client`: its id and its name from
 * canvass.config.ts. Contacts are kept per client name, so a client writing under another's
 * name would change that client's contacts; the owner (undefined) may name any client.
 */
export function clientNames(caller: Caller): string[] | undefined {
  if (caller.kind === "owner") return undefined;
  return [caller.client, clientOf(site, caller.client)?.name ?? caller.client];
}

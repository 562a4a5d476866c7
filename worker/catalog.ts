/**
 * The survey catalog: a survey's published definition, loaded from the static build
 * through the ASSETS binding (see core/catalog.ts), and whether it takes answers now.
 * The answer is a typed value, never an HTTP error: the queue consumer and the cron use
 * it as it is, and the HTTP layer maps it to a status in one place (http/surveys.ts).
 * A catalog that cannot be read at all (ASSETS failing) throws: that is no answer about
 * the survey, and the caller's retry or 500 is right for it.
 *
 * Every lookup reads the definition's file again (ASSETS is local to the Worker, so this
 * is cheap), and an isolate keeps the parsed definition per file text: checking a large
 * definition against its schema is the costly part, and it is done once per version. A
 * rebuild under `npm start` (build/watch.ts) is therefore visible at the very next request.
 *
 * @example
 *   const found = await lookupSurvey(env, "customer-feedback", new Date());
 *   if (found.state === "open") validateAnswers(found.published, answers);
 *   else console.log(found.message); // "This survey has closed and no longer takes answers."
 */
import { availability } from "../core/availability.ts";
import { CatalogEntry, catalogPath, SURVEY_INDEX_PATH, SurveyIndex } from "../core/catalog.ts";
import type { PublishedSurvey } from "../core/compile.ts";
import { SurveyId } from "../core/model.ts";

/** Why a survey takes nothing now: no such survey, a draft, or outside its dates. */
export type Unavailable = { state: "unknown" | "draft" | "closed" | "not-yet-open" | "ended"; message: string };
export type SurveyLookup = { state: "open"; published: PublishedSurvey } | Unavailable;

/** Parsed definitions by survey id, with the file text they were parsed from; only surveys that exist get an entry. */
const parsed = new Map<string, { text: string; entry: CatalogEntry }>();

/** A published JSON file of the catalog as text, or null when it is not there. */
async function fetchText(env: Env, path: string): Promise<string | null> {
  const res = await env.ASSETS.fetch(new Request(`https://assets.invalid${path}`));
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`catalog: ${path} answered ${res.status}`);
  const type = res.headers.get("content-type") ?? "";
  // With not_found_handling = "404-page" a missing file may come back as the HTML 404 page.
  if (!type.includes("json")) return null;
  return res.text();
}

async function fetchJson(env: Env, path: string): Promise<unknown> {
  const text = await fetchText(env, path);
  return text === null ? null : JSON.parse(text);
}

/** An id no survey file could have names no survey. */
export const isSurveyId = (id: string) => SurveyId.safeParse(id).success;

/** No such survey; a malformed id is cut short in the message, whatever a client sent. */
export const unknownSurvey = (id: string): Unavailable => ({ state: "unknown", message: `There is no survey called "${isSurveyId(id) ? id : id.slice(0, 80)}".` });

/**
 * The catalog entry for `id` whatever its dates (a full definition, or a draft's stub),
 * or null when there is no such survey: what the owner's results routes read.
 */
export async function findSurvey(env: Env, id: string): Promise<CatalogEntry | null> {
  if (!isSurveyId(id)) return null;
  const text = await fetchText(env, catalogPath(id));
  if (text === null) return null;
  const hit = parsed.get(id);
  if (hit?.text === text) return hit.entry;
  const entry = CatalogEntry.parse(JSON.parse(text));
  parsed.set(id, { text, entry });
  return entry;
}

/** The survey `id` with whether it takes answers at `now` (core/availability.ts). */
export async function lookupSurvey(env: Env, id: string, now: Date): Promise<SurveyLookup> {
  const entry = await findSurvey(env, id);
  if (!entry) return unknownSurvey(id);
  const state = availability("survey" in entry ? entry.survey : { status: "draft" }, now);
  if (!state.open) return { state: state.reason, message: state.message };
  return { state: "open", published: entry as PublishedSurvey };
}

/** The published survey index (core/catalog.ts): every survey by id and status; empty for a build that has none. */
export async function readSurveyIndex(env: Env): Promise<SurveyIndex> {
  const json = await fetchJson(env, SURVEY_INDEX_PATH);
  return json === null ? { format: 1, surveys: [] } : SurveyIndex.parse(json);
}

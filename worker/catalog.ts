/**
 * The survey catalog: a survey's published definition, loaded from the static build
 * through the ASSETS binding (see core/catalog.ts), and whether it takes answers now.
 * The answer is a typed value, never an HTTP error: the queue consumer and the cron use
 * it as it is, and the HTTP layer maps it to a status in one place (http/surveys.ts).
 * A catalog that cannot be read at all (ASSETS failing) throws: that is no answer about
 * the survey, and the caller's retry or 500 is right for it.
 *
 * An isolate keeps each parsed definition, per ASSETS binding, and uses it without
 * reading its file for `CATALOG_FRESH_MS`; after that the next lookup reads the file again
 * and parses it only if its text changed. Reading the file through ASSETS on every
 * submission was the costliest step of the submission path after D1 (issue 14,
 * scripts/bench/submission-throughput.bench.ts), and checking a large definition against
 * its schema costs more still. The cache cannot serve an old definition for long:
 * a deployed version's assets never change under a running isolate, `wrangler dev` starts
 * fresh isolates when dist/ changes (a rebuild under `npm start`, build/watch.ts, is seen
 * at the next request: test/browser/catalog-reload.test.ts), and anywhere else a rebuilt
 * file is read again within `CATALOG_FRESH_MS`. Only surveys that exist are kept, so the
 * cache holds at most one entry per published survey, whatever ids clients send.
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

/** How long a parsed definition is used before its file is read again (see the header). */
export const CATALOG_FRESH_MS = 1000;

/** A parsed definition with the file text it came from and when that text was last read. */
type Parsed = { text: string; entry: CatalogEntry; readAt: number };

/** Parsed definitions by survey id, per ASSETS binding (a test's stand-in gets its own). */
const parsedBy = new WeakMap<object, Map<string, Parsed>>();

function parsedFor(assets: object): Map<string, Parsed> {
  let parsed = parsedBy.get(assets);
  if (!parsed) parsedBy.set(assets, (parsed = new Map()));
  return parsed;
}

/** A published JSON file of the catalog as text, or null when it is not there. */
async function fetchText(env: Pick<Env, "ASSETS">, path: string): Promise<string | null> {
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
export async function findSurvey(env: Pick<Env, "ASSETS">, id: string, clock: () => number = Date.now): Promise<CatalogEntry | null> {
  if (!isSurveyId(id)) return null;
  const parsed = parsedFor(env.ASSETS);
  const hit = parsed.get(id);
  const now = clock();
  // A clock that went back (a test's) counts as stale: reading again is always safe.
  if (hit && now >= hit.readAt && now - hit.readAt < CATALOG_FRESH_MS) return hit.entry;
  const text = await fetchText(env, catalogPath(id));
  if (text === null) {
    parsed.delete(id);
    return null;
  }
  const entry = hit?.text === text ? hit.entry : CatalogEntry.parse(JSON.parse(text));
  parsed.set(id, { text, entry, readAt: now });
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

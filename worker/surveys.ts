/**
 * Loads a survey's published definition from the static build through the ASSETS
 * binding (see core/catalog.ts). Definitions are immutable within a deployment, so
 * an isolate keeps them briefly; the short lifetime lets `npm start` pick up rebuilds.
 */
import { CatalogEntry, catalogPath } from "../core/catalog.ts";
import { SurveyId } from "../core/model.ts";
import { Problem } from "./problems.ts";

const CACHE_MS = 15_000;
const cache = new Map<string, { at: number; entry: CatalogEntry }>();

async function fetchEntry(env: Env, id: string): Promise<CatalogEntry | null> {
  const res = await env.ASSETS.fetch(new Request(`https://assets.invalid${catalogPath(id)}`));
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`catalog: ${catalogPath(id)} answered ${res.status}`);
  const type = res.headers.get("content-type") ?? "";
  // With not_found_handling = "404-page" a missing file may come back as the HTML 404 page.
  if (!type.includes("json")) return null;
  return CatalogEntry.parse(await res.json());
}

/** A well-formed survey id, or a 404 Problem: an id no survey file could have names no survey. */
export function surveyIdOr404(id: string): string {
  if (!SurveyId.safeParse(id).success) throw new Problem(404, `There is no survey called "${id.slice(0, 80)}".`);
  return id;
}

/** The catalog entry for `id`, or a 404 Problem when there is no such survey. */
export async function findSurvey(env: Env, id: string): Promise<CatalogEntry> {
  surveyIdOr404(id);
  const hit = cache.get(id);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.entry;
  const entry = await fetchEntry(env, id);
  // Only found definitions are kept: a miss (a typo, or a lookup while the site is being
  // rebuilt) must not hide a survey that is there a moment later.
  if (!entry) throw new Problem(404, `There is no survey called "${id}".`);
  cache.set(id, { at: Date.now(), entry });
  return entry;
}

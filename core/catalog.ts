/**
 * The published catalog: one JSON file per survey in the static build, at a path the
 * Worker reads through its ASSETS binding. Site and Worker deploy together, so the
 * definition the Worker validates against is always the one the page was built from.
 * A draft is published only as a stub (no questions), so its content stays private
 * while the Worker can still say "this survey is a draft" instead of "unknown".
 *
 * Beside the entries, the build publishes the survey index (`SURVEY_INDEX_PATH`): every
 * survey's id and status, so the Worker can list the surveys without a file system.
 * It sits beside the folder of entries, not inside it, so no survey id can collide
 * with it (`index` is a valid id). It names drafts, so the Worker runs first for its path
 * (wrangler.toml `run_worker_first`) and, having no route for it, answers the public 404; the
 * Worker itself reads it through its ASSETS binding.
 */
import { z } from "zod";
import { PublishedSurvey } from "./compile.ts";
import { ClientId, SurveyId } from "./model.ts";

/** URL path of a survey's published definition. */
export const catalogPath = (id: string) => `/_canvass/surveys/${id}.json`;

/** URL path of the survey index. */
export const SURVEY_INDEX_PATH = "/_canvass/surveys.json";

/**
 * Every published survey, drafts included (by id, status and client only: a draft's
 * content stays private). `client` lets the Worker list a client token only its own.
 */
export const SurveyIndex = z.strictObject({
  format: z.literal(1),
  surveys: z.array(z.strictObject({ id: SurveyId, status: z.enum(["draft", "open", "closed"]), client: ClientId.optional() })),
});
export type SurveyIndex = z.infer<typeof SurveyIndex>;

export const DraftStub = z.strictObject({ format: z.literal(1), id: SurveyId, status: z.literal("draft"), client: ClientId.optional() });
export type DraftStub = z.infer<typeof DraftStub>;

export const CatalogEntry = z.union([DraftStub, PublishedSurvey]);
export type CatalogEntry = z.output<typeof CatalogEntry>;

/** What the build writes for a survey: the full definition, or a stub for a draft. */
export function catalogEntry(published: PublishedSurvey): CatalogEntry {
  if (published.survey.status !== "draft") return published;
  const stub: DraftStub = { format: 1, id: published.id, status: "draft" };
  if (published.client) stub.client = published.client;
  return stub;
}

/** The survey index of a build, sorted by id. */
export function surveyIndex(published: readonly PublishedSurvey[]): SurveyIndex {
  const surveys = published.map((p) => ({ id: p.id, status: p.survey.status, ...(p.client ? { client: p.client } : {}) })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { format: 1, surveys };
}

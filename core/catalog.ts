/**
 * The published catalog: one JSON file per survey in the static build, at a path the
 * Worker reads through its ASSETS binding. Site and Worker deploy together, so the
 * definition the Worker validates against is always the one the page was built from.
 * A draft is published only as a stub (no questions), so its content stays private
 * while the Worker can still say "this survey is a draft" instead of "unknown".
 */
import { z } from "zod";
import { PublishedSurvey } from "./compile.ts";
import { SurveyId } from "./model.ts";

/** URL path of a survey's published definition. */
export const catalogPath = (id: string) => `/_canvass/surveys/${id}.json`;

export const DraftStub = z.strictObject({ format: z.literal(1), id: SurveyId, status: z.literal("draft") });
export type DraftStub = z.infer<typeof DraftStub>;

export const CatalogEntry = z.union([DraftStub, PublishedSurvey]);
export type CatalogEntry = z.output<typeof CatalogEntry>;

/** What the build writes for a survey: the full definition, or a stub for a draft. */
export function catalogEntry(published: PublishedSurvey): CatalogEntry {
  return published.survey.status === "draft" ? { format: 1, id: published.id, status: "draft" } : published;
}

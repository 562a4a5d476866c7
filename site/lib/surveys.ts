/** The published surveys, as the content layer loaded them (site/content.config.ts). */
import { getCollection } from "astro:content";
import { previewDrafts } from "../../build/preview.ts";
import type { PublishedSurvey } from "../../core/compile.ts";

export async function publishedSurveys(): Promise<PublishedSurvey[]> {
  const entries: { data: unknown }[] = await getCollection("surveys");
  return entries.map((e) => e.data as PublishedSurvey).sort((a, b) => a.id.localeCompare(b.id));
}

/** Surveys that get pages: open and closed ones; drafts stay private. */
export async function publicSurveys(): Promise<PublishedSurvey[]> {
  return (await publishedSurveys()).filter((p) => p.survey.status !== "draft");
}

/** Surveys with a form page at `/s/<id>/`: the public ones, and in a preview build the drafts too (build/preview.ts). */
export async function surveysWithPages(): Promise<PublishedSurvey[]> {
  const preview = previewDrafts();
  return (await publishedSurveys()).filter((p) => p.survey.status !== "draft" || preview);
}
